'use client';
import type { HTMLInputTypeAttribute, ReactNode } from 'react';
import { useFormContext, type FieldPath } from 'react-hook-form';
import { useFieldError } from '../design-state';
import type { DesignFormValues } from '../form-types';
import { FieldError, FieldHint } from './field-error';
import { describedBy, fieldIds } from './field-ids';

interface TextFieldProps {
  name: FieldPath<DesignFormValues>;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  type?: HTMLInputTypeAttribute;
  inputMode?: 'numeric' | 'text' | 'url' | 'decimal';
  list?: string;
  mono?: boolean;
  disabled?: boolean;
  className?: string;
}

/** A labelled text (or number) input bound to the form, with its hint and the schema's message. */
export function TextField({ name, label, hint, placeholder, type = 'text', inputMode, list, mono, disabled, className }: TextFieldProps) {
  const { register } = useFormContext<DesignFormValues>();
  const error = useFieldError(name);
  const ids = fieldIds(name);
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={ids.input}>{label}</label>
      <input
        id={ids.input}
        type={type}
        inputMode={inputMode}
        list={list}
        placeholder={placeholder}
        className={mono ? 'mono' : undefined}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), Boolean(error))}
        {...register(name)}
      />
      <FieldHint id={ids.hint} hint={hint} />
      <FieldError id={ids.error} message={error} />
    </div>
  );
}

/** A labelled textarea bound to the form. */
export function TextAreaField({ name, label, hint, placeholder, rows = 6 }: Omit<TextFieldProps, 'type'> & { rows?: number }) {
  const { register } = useFormContext<DesignFormValues>();
  const error = useFieldError(name);
  const ids = fieldIds(name);
  return (
    <div className="field field-wide">
      <label htmlFor={ids.input}>{label}</label>
      <textarea
        id={ids.input}
        rows={rows}
        placeholder={placeholder}
        className="mono"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), Boolean(error))}
        {...register(name)}
      />
      <FieldHint id={ids.hint} hint={hint} />
      <FieldError id={ids.error} message={error} />
    </div>
  );
}

/** A labelled select bound to the form. */
export function SelectField({
  name,
  label,
  hint,
  options,
}: {
  name: FieldPath<DesignFormValues>;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { register } = useFormContext<DesignFormValues>();
  const error = useFieldError(name);
  const ids = fieldIds(name);
  return (
    <div className="field">
      <label htmlFor={ids.input}>{label}</label>
      <select
        id={ids.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), Boolean(error))}
        {...register(name)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldHint id={ids.hint} hint={hint} />
      <FieldError id={ids.error} message={error} />
    </div>
  );
}

/** A checkbox drawn as a switch, bound to a boolean of the form. */
export function SwitchField({
  name,
  label,
  description,
}: {
  name: FieldPath<DesignFormValues>;
  label: string;
  description?: ReactNode;
}) {
  const { register } = useFormContext<DesignFormValues>();
  const ids = fieldIds(name);
  return (
    <div className="switch-field">
      <input id={ids.input} type="checkbox" role="switch" className="switch" aria-describedby={description ? ids.hint : undefined} {...register(name)} />
      <div>
        <label htmlFor={ids.input}>{label}</label>
        {description && (
          <p className="hint" id={ids.hint}>
            {description}
          </p>
        )}
      </div>
    </div>
  );
}
