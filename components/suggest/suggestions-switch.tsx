'use client';
// The visible switch for online package suggestions (off by default: the page sends nothing until it is on), with
// what the name lists are: how many names, from which fetch and how old, and a Refresh.
import { useEffect, useState } from 'react';
import { formatBytes } from '@/lib/ui/check-progress';
import { formatAge } from '@/lib/ui/suggest';
import { loadNames, setSuggestionsEnabled, useIndexStatus, useSuggestionsEnabled } from './suggest-client';
import { useNameSource } from './package-combobox';

/** Re-renders every minute, so an age in words stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** The on/off switch and the status of the name lists. */
export function SuggestionsSwitch() {
  const enabled = useSuggestionsEnabled();
  const status = useIndexStatus();
  const { channels, subdirs } = useNameSource();
  const now = useNow();

  return (
    <div className="suggestions-switch">
      <label className="suggestions-toggle">
        <input type="checkbox" role="switch" className="switch" checked={enabled} onChange={(event) => setSuggestionsEnabled(event.target.checked)} />
        <span>Online suggestions</span>
      </label>
      <span className="hint" role="status" data-testid="suggestions-status">
        {!enabled
          ? 'Off: package names are not looked up, nothing leaves the page.'
          : status.state === 'idle'
            ? `Names are fetched from ${channels.join(', ') || 'the channels'} when you type a package.`
            : status.state === 'loading'
              ? `Fetching the package names of ${channels.join(', ')} (${subdirs.join(', ')})…`
              : status.state === 'error'
                ? `No suggestions: ${status.message}`
                : `${status.names.toLocaleString('en')} names (${formatBytes(status.bytes)}), fetched ${formatAge(now - status.fetchedAt)}${status.refreshing ? ', refreshing…' : ''}${status.problems.length > 0 ? `; not read: ${status.problems.join('; ')}` : ''}.`}
      </span>
      {enabled && (status.state === 'ready' || status.state === 'error') && (
        <button type="button" className="button ghost small" onClick={() => void loadNames(channels, subdirs, true)}>
          Refresh
        </button>
      )}
    </div>
  );
}
