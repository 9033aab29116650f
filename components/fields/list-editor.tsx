'use client';
// One entry per row: add, remove, reorder, and paste many lines at once (into a row, into the new-entry box or
// into "Add many"). Each row shows the schema's message for that entry, tied to it with aria-describedby.
import { useEffect, useId, useRef, useState, type ClipboardEvent, type ComponentType, type InputHTMLAttributes, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useController, useFormContext, type FieldPathByValue } from 'react-hook-form';
import { appendEntries, isMultiLinePaste, moveEntry, removeEntry, replaceEntry, splitPastedLines } from '@/lib/ui/list-edit';
import { useErrors } from '../design-state';
import type { DesignFormValues } from '../form-types';
import { ArrowDownIcon, ArrowUpIcon, CloseIcon, PlusIcon } from '../icons';
import { FieldError, FieldHint } from './field-error';
import { describedBy, fieldIds } from './field-ids';

/** Form paths that hold a list of strings. */
export type StringListPath = FieldPathByValue<DesignFormValues, string[] | undefined>;

interface ListEditorProps {
  name: StringListPath;
  /** Legend of the whole list, e.g. "Conda packages". */
  label: string;
  /** Name of one entry, e.g. "Conda package"; rows are labelled "Conda package 1", … */
  itemLabel: string;
  placeholder?: string;
  hint?: ReactNode;
  /** Values offered while typing a new entry (a datalist). */
  suggestions?: readonly string[];
  emptyText?: string;
  /** Use when the order of entries does not matter to the output. */
  reorderable?: boolean;
  /** Rendered instead of the plain new-entry input (with the same props). */
  newEntryInput?: ComponentType<NewEntryInputProps>;
  /** Called with an entry the person has finished: a row left (blur) or an entry added. */
  onEntryDone?: (entry: string) => void;
  /** A note under a row (e.g. what PyPI says about it). */
  rowNote?: (entry: string) => ReactNode;
}

/** What a replacement for the new-entry input gets (package suggestions use it for their combobox). */
export interface NewEntryInputProps {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  onValueChange: (value: string) => void;
  /** Adds the value as a new entry (Enter when no suggestion is picked). */
  onAdd: () => void;
  /** The plain input's attributes: label, placeholder, description, paste handling, class. */
  inputProps: InputHTMLAttributes<HTMLInputElement>;
}

type FocusTarget = { row: number; part: 'input' | 'up' | 'down' } | { row: -1; part: 'new' };

/** A list of strings edited one entry per row. */
export function ListEditor({ name, label, itemLabel, placeholder, hint, suggestions, emptyText, reorderable = true, newEntryInput: NewEntryInput, onEntryDone, rowNote }: ListEditorProps) {
  const { control } = useFormContext<DesignFormValues>();
  const { field } = useController({ control, name });
  const items: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  const errors = useErrors();
  const [draft, setDraft] = useState('');
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkText, setBulkText] = useState('');
  const rowsRef = useRef<HTMLOListElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const pendingFocus = useRef<FocusTarget | null>(null);
  const uid = useId();
  const ids = fieldIds(name);
  const listError = errors[name];
  const lower = itemLabel.toLowerCase();
  const datalistId = suggestions ? `${uid}-suggestions` : undefined;

  // Focus follows the entry that moved, or goes to the new-entry box after a removal at the end.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target.part === 'new') return newRef.current?.focus();
    const row = rowsRef.current?.querySelector<HTMLElement>(`[data-row="${target.row}"]`);
    const preferred = row?.querySelector<HTMLButtonElement | HTMLInputElement>(`[data-part="${target.part}"]`);
    const fallback = row?.querySelector<HTMLButtonElement>(`[data-part="${target.part === 'up' ? 'down' : 'up'}"]`);
    const element = preferred && !(preferred as HTMLButtonElement).disabled ? preferred : fallback && !fallback.disabled ? fallback : row?.querySelector('input');
    element?.focus();
  });

  const commit = (next: string[], focus?: FocusTarget) => {
    pendingFocus.current = focus ?? null;
    field.onChange(next);
  };

  const addDraft = (text: string) => {
    const entries = splitPastedLines(text);
    if (entries.length === 0) return;
    commit(appendEntries(items, entries), { row: -1, part: 'new' });
    setDraft('');
    entries.forEach((entry) => onEntryDone?.(entry));
  };

  const pasted = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!isMultiLinePaste(text)) return null;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    return input.value.slice(0, start) + text + input.value.slice(end);
  };

  const onRowPaste = (index: number) => (event: ClipboardEvent<HTMLInputElement>) => {
    const text = pasted(event);
    if (text === null) return;
    const lines = splitPastedLines(text);
    commit(replaceEntry(items, index, lines), { row: index + lines.length - 1, part: 'input' });
  };

  const onRowKeyDown = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      newRef.current?.focus();
    } else if (reorderable && event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const to = index + (event.key === 'ArrowUp' ? -1 : 1);
      if (to >= 0 && to < items.length) commit(moveEntry(items, index, to), { row: to, part: 'input' });
    }
  };

  const newInputProps: InputHTMLAttributes<HTMLInputElement> = {
    className: 'mono',
    placeholder,
    'aria-label': `New ${lower}`,
    'aria-describedby': hint ? ids.hint : undefined,
    autoComplete: 'off',
    spellCheck: false,
    list: datalistId,
    onPaste: (event) => {
      const text = pasted(event);
      if (text !== null) addDraft(text);
    },
  };

  return (
    <fieldset className="list-editor" data-field={name}>
      <legend>
        {label}
        <span className="count" aria-hidden="true">
          {items.length}
        </span>
      </legend>
      <FieldHint id={ids.hint} hint={hint} />
      {items.length > 0 ? (
        <ol className="list-rows" ref={rowsRef}>
          {items.map((item, index) => {
            const rowIds = fieldIds(`${name}.${index}`);
            const error = errors[`${name}.${index}`];
            const n = index + 1;
            return (
              <li key={index} data-row={index} className={error ? 'list-row invalid' : 'list-row'}>
                <span className="row-number" aria-hidden="true">
                  {n}
                </span>
                <input
                  id={rowIds.input}
                  name={`${name}.${index}`}
                  data-part="input"
                  className="mono"
                  value={item}
                  aria-label={`${itemLabel} ${n}`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(rowIds, false, Boolean(error))}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => field.onChange(replaceEntry(items, index, [event.target.value]))}
                  onPaste={onRowPaste(index)}
                  onKeyDown={onRowKeyDown(index)}
                  onBlur={(event) => onEntryDone?.(event.target.value)}
                />
                <span className="row-actions">
                  {reorderable && (
                    <>
                      <button
                        type="button"
                        className="icon-button"
                        data-part="up"
                        aria-label={`Move ${lower} ${n} up`}
                        title="Move up (Alt+↑ in the entry)"
                        disabled={index === 0}
                        onClick={() => commit(moveEntry(items, index, index - 1), { row: index - 1, part: 'up' })}
                      >
                        <ArrowUpIcon />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        data-part="down"
                        aria-label={`Move ${lower} ${n} down`}
                        title="Move down (Alt+↓ in the entry)"
                        disabled={index === items.length - 1}
                        onClick={() => commit(moveEntry(items, index, index + 1), { row: index + 1, part: 'down' })}
                      >
                        <ArrowDownIcon />
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="icon-button danger"
                    aria-label={`Remove ${lower} ${n}`}
                    title="Remove"
                    onClick={() =>
                      commit(
                        removeEntry(items, index),
                        index < items.length - 1 ? { row: index, part: 'input' } : { row: -1, part: 'new' },
                      )
                    }
                  >
                    <CloseIcon />
                  </button>
                </span>
                <FieldError id={rowIds.error} message={error} />
                {rowNote?.(item)}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="list-empty">{emptyText ?? `No ${lower}s yet.`}</p>
      )}
      <div className="list-add">
        {NewEntryInput ? (
          <NewEntryInput inputRef={newRef} value={draft} onValueChange={setDraft} onAdd={() => addDraft(draft)} inputProps={newInputProps} />
        ) : (
          <input
            ref={newRef}
            {...newInputProps}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                addDraft(draft);
              }
            }}
          />
        )}
        <button type="button" className="button" aria-label={`Add ${lower}`} onClick={() => addDraft(draft)} disabled={draft.trim() === ''}>
          <PlusIcon />
          <span>Add</span>
        </button>
        <button type="button" className="button ghost" aria-label={`Add many ${lower}s…`} aria-expanded={bulkOpen} onClick={() => setBulkOpen((open) => !open)}>
          Add many…
        </button>
        {datalistId && (
          <datalist id={datalistId}>
            {suggestions?.map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
          </datalist>
        )}
      </div>
      {bulkOpen && (
        <div className="list-bulk">
          <label htmlFor={`${uid}-bulk`}>Paste {lower}s, one per line</label>
          <textarea
            id={`${uid}-bulk`}
            className="mono"
            rows={5}
            value={bulkText}
            spellCheck={false}
            placeholder={placeholder ? `${placeholder}\n…` : undefined}
            onChange={(event) => setBulkText(event.target.value)}
          />
          <div className="list-bulk-actions">
            <button
              type="button"
              className="button"
              disabled={splitPastedLines(bulkText).length === 0}
              onClick={() => {
                addDraft(bulkText);
                setBulkText('');
                setBulkOpen(false);
              }}
            >
              Add {splitPastedLines(bulkText).length || ''} lines
            </button>
            <span className="hint">Blank lines and # comments are skipped; entries already in the list are not added twice.</span>
          </div>
        </div>
      )}
      <FieldError id={ids.error} message={listError} />
    </fieldset>
  );
}
