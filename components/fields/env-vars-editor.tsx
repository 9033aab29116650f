'use client';
// Environment variables as name/value rows. Pasting `NAME=value` lines (a .env file) into a name splits them
// into rows.
import { useFieldArray, useFormContext } from 'react-hook-form';
import { replaceEntry, splitPastedLines } from '@/lib/ui/list-edit';
import { useErrors } from '../design-state';
import type { DesignFormValues } from '../form-types';
import { CloseIcon, PlusIcon } from '../icons';
import { FieldError } from './field-error';
import { describedBy, fieldIds } from './field-ids';

function parseEnvLines(text: string): Array<{ name: string; value: string }> {
  return splitPastedLines(text).map((line) => {
    const withoutExport = line.replace(/^export\s+/, '');
    const equals = withoutExport.indexOf('=');
    if (equals === -1) return { name: withoutExport, value: '' };
    const value = withoutExport.slice(equals + 1).replace(/^(['"])(.*)\1$/, '$2');
    return { name: withoutExport.slice(0, equals).trim(), value };
  });
}

/** The runtime environment variables, one name/value row each. */
export function EnvVarsEditor() {
  const { control, register, getValues, setValue } = useFormContext<DesignFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'runtime.env' });
  const errors = useErrors();
  const ids = fieldIds('runtime.env');

  return (
    <fieldset className="list-editor" data-field="runtime.env">
      <legend>
        Environment variables
        <span className="count" aria-hidden="true">
          {fields.length}
        </span>
      </legend>
      <p className="hint" id={ids.hint}>
        Set with <code>ENV</code> in the image. Paste <code>NAME=value</code> lines into a name to add several.
      </p>
      {fields.length > 0 ? (
        <ol className="list-rows env-rows">
          {fields.map((row, index) => {
            const n = index + 1;
            const nameIds = fieldIds(`runtime.env.${index}.name`);
            const valueIds = fieldIds(`runtime.env.${index}.value`);
            const nameError = errors[`runtime.env.${index}.name`];
            const valueError = errors[`runtime.env.${index}.value`];
            return (
              <li key={row.id} data-row={index} className={nameError || valueError ? 'list-row env-row invalid' : 'list-row env-row'}>
                <input
                  id={nameIds.input}
                  className="mono"
                  placeholder="NAME"
                  aria-label={`Variable name ${n}`}
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby={describedBy(nameIds, false, Boolean(nameError))}
                  autoComplete="off"
                  spellCheck={false}
                  {...register(`runtime.env.${index}.name`)}
                  onPaste={(event) => {
                    const text = event.clipboardData.getData('text');
                    if (!text.includes('\n') && !text.includes('=')) return;
                    event.preventDefault();
                    const current = getValues('runtime.env') ?? [];
                    setValue('runtime.env', replaceEntry(current, index, parseEnvLines(text)), { shouldDirty: true });
                  }}
                />
                <span className="env-equals" aria-hidden="true">
                  =
                </span>
                <input
                  id={valueIds.input}
                  className="mono"
                  placeholder="value"
                  aria-label={`Variable value ${n}`}
                  aria-invalid={valueError ? true : undefined}
                  aria-describedby={describedBy(valueIds, false, Boolean(valueError))}
                  autoComplete="off"
                  spellCheck={false}
                  {...register(`runtime.env.${index}.value`)}
                />
                <span className="row-actions">
                  <button type="button" className="icon-button danger" aria-label={`Remove variable ${n}`} title="Remove" onClick={() => remove(index)}>
                    <CloseIcon />
                  </button>
                </span>
                <FieldError id={nameIds.error} message={nameError} />
                <FieldError id={valueIds.error} message={valueError} />
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="list-empty">No variables.</p>
      )}
      <div className="list-add">
        <button type="button" className="button" onClick={() => append({ name: '', value: '' }, { shouldFocus: true })}>
          <PlusIcon />
          <span>Add variable</span>
        </button>
      </div>
      <FieldError id={ids.error} message={errors['runtime.env']} />
    </fieldset>
  );
}
