'use client';
// What PyPI says about a pip line, looked up when the person leaves it (PyPI has no search API): the latest
// version and summary, or "not on PyPI" with the conda-forge name closest to it. Only while suggestions are on.
import { useCallback, useState, type ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import type { PypiLookup } from '@/lib/suggest/sources';
import type { DesignFormValues } from '../form-types';
import { useNameSource } from './package-combobox';
import { loadNames, lookupPypi, useSuggestionsEnabled } from './suggest-client';

// By the entry as written (trimmed): the worker reads the project out of it, so the pip parser stays out of the
// page's first load. 'none': the line names no project (an option, a URL, an editable).
type LookupState = { state: 'loading' } | { state: 'none' } | { state: 'done'; project: string; lookup: PypiLookup; condaName?: string };

/** Look-ups by entry, and a note for an entry. */
export function usePipLookups(): { lookUp: (entry: string) => void; note: (entry: string) => ReactNode } {
  const enabled = useSuggestionsEnabled();
  const indexUrl = useWatch<DesignFormValues, 'pip.indexUrl'>({ name: 'pip.indexUrl' });
  const [lookups, setLookups] = useState<ReadonlyMap<string, LookupState>>(new Map());
  const { channels, subdirs } = useNameSource();

  const lookUp = useCallback(
    (entry: string) => {
      const key = entry.trim();
      if (!enabled || key === '' || key.startsWith('-') || lookups.has(key)) return;
      setLookups((current) => new Map(current).set(key, { state: 'loading' }));
      // The channels' names answer "not on PyPI, but conda-forge has …".
      void loadNames(channels, subdirs);
      void lookupPypi(key, indexUrl?.trim() || null).then((answer) => {
        if (!answer) return;
        const state: LookupState = answer.project && answer.lookup ? { state: 'done', project: answer.project, lookup: answer.lookup, condaName: answer.condaName } : { state: 'none' };
        setLookups((now) => new Map(now).set(key, state));
      });
    },
    [enabled, indexUrl, lookups, channels, subdirs],
  );

  const note = (entry: string) => {
    const found = enabled ? lookups.get(entry.trim()) : undefined;
    return found ? <PipNote lookup={found} /> : null;
  };
  return { lookUp, note };
}

function PipNote({ lookup }: { lookup: LookupState }) {
  if (lookup.state === 'none') return null;
  if (lookup.state === 'loading') return <p className="row-note hint">Looking it up on PyPI…</p>;
  const { project, lookup: answer, condaName } = lookup;
  if (answer.kind === 'found')
    return (
      <p className="row-note hint" data-testid="pip-note">
        <strong>{answer.name}</strong> {answer.latest} on PyPI{answer.summary ? `: ${answer.summary}` : ''}
      </p>
    );
  if (answer.kind === 'missing')
    return (
      <p className="row-note warning" data-testid="pip-note">
        “{project}” is not on PyPI{condaName ? <> — conda-forge has <code>{condaName}</code></> : ''}.
      </p>
    );
  return (
    <p className="row-note hint" data-testid="pip-note">
      Could not look {project} up: {answer.message}
    </p>
  );
}
