'use client';
// The new-conda-package input with suggestions (the ARIA combobox pattern: the input keeps focus, arrows move the
// active option, Enter picks it, Escape closes). With suggestions off it is the plain input with the short
// built-in list, as before. A pick puts the name in the input (channel prefix and version kept); the versions the
// design's platforms have then show below it, each a button that pins the entry.
import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useWatch } from 'react-hook-form';
import type { NameMatch } from '@/lib/suggest/name-search';
import type { PackageVersions } from '@/lib/suggest/sources';
import { SUBDIR_OF_PLATFORM } from '@/lib/solve/subdirs';
import { applyCondaPick, condaSearchText, moveActive, pinCondaVersion, splitCondaDraft } from '@/lib/ui/suggest';
import type { NewEntryInputProps } from '../fields/list-editor';
import type { DesignFormValues } from '../form-types';
import { loadNames, packageVersions, searchNames, useIndexStatus, useSuggestionsEnabled } from './suggest-client';

const LIMIT = 8;
const KIND_WORDS: Record<NameMatch['kind'], string> = { exact: 'exact', prefix: 'starts with it', alias: 'PyPI name', fuzzy: 'close' };

type Versions = { state: 'loading' } | { state: 'ready'; versions: PackageVersions | null } | { state: 'error'; message: string };

// Versions fetched this session, by package name: moving through the options asks for each one once.
const versionsCache = new Map<string, Promise<Versions>>();

function versionsFor(name: string): Promise<Versions> {
  let answer = versionsCache.get(name);
  if (!answer) {
    answer = packageVersions(name).then(({ versions, error }) => {
      if (!error) return { state: 'ready', versions };
      versionsCache.delete(name); // A failed look-up is tried again the next time.
      return { state: 'error', message: error };
    });
    versionsCache.set(name, answer);
  }
  return answer;
}

/** The design's channels and the subdirs its platforms need (noarch too): what the name lists are made of. */
export function useNameSource(): { channels: string[]; subdirs: string[] } {
  const channels = useWatch<DesignFormValues, 'conda.channels'>({ name: 'conda.channels' }) ?? [];
  const platforms = useWatch<DesignFormValues, 'base.platforms'>({ name: 'base.platforms' }) ?? [];
  const subdirs = [...new Set([...platforms.map((platform) => SUBDIR_OF_PLATFORM[platform]), 'noarch'])];
  return { channels: channels.filter((channel) => channel.trim() !== ''), subdirs };
}

/** A package's latest version, once asked for. */
function useVersions(name: string | null): Versions | null {
  const [result, setResult] = useState<{ name: string; versions: Versions } | null>(null);
  useEffect(() => {
    if (!name) return;
    let current = true;
    void versionsFor(name).then((versions) => {
      if (current) setResult({ name, versions });
    });
    return () => {
      current = false;
    };
  }, [name]);
  if (!name) return null;
  return result?.name === name ? result.versions : { state: 'loading' };
}

/** The new-entry input of the conda packages, with suggestions when they are on. */
export function PackageCombobox({ inputRef, value, onValueChange, onAdd, inputProps }: NewEntryInputProps) {
  const enabled = useSuggestionsEnabled();
  const status = useIndexStatus();
  const { channels, subdirs } = useNameSource();
  const sourceKey = JSON.stringify([channels, subdirs]);
  const uid = useId();
  const listboxId = `${uid}-listbox`;
  const [results, setResults] = useState<{ query: string; matches: NameMatch[] }>({ query: '', matches: [] });
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const query = enabled ? condaSearchText(value) : '';
  const ready = status.state === 'ready';

  // The name lists load on first use of the field after suggestions are switched on, and again when the channels
  // or platforms change.
  const [used, setUsed] = useState(false);
  useEffect(() => {
    if (!enabled || !used) return;
    const [sourceChannels, sourceSubdirs] = JSON.parse(sourceKey) as [string[], string[]];
    void loadNames(sourceChannels, sourceSubdirs);
  }, [enabled, used, sourceKey]);

  // Asked from the input's change handler, not from an effect: an effect runs after the frame is painted, which
  // added a whole frame to every keystroke. The newest request wins.
  const latestSearch = useRef(0);
  const requestSearch = (text: string) => {
    const wanted = condaSearchText(text);
    const id = ++latestSearch.current;
    if (!enabled || wanted === '' || !ready) return;
    void searchNames(wanted, LIMIT).then((found) => {
      if (id !== latestSearch.current) return;
      setResults({ query: wanted, matches: found });
      setActive(-1);
    });
  };
  // Names that arrive (or are refreshed) while something is typed answer it at once.
  const requestSearchNow = useEffectEvent(() => requestSearch(value));
  useEffect(() => {
    if (ready) requestSearchNow();
  }, [ready, status]);

  const matches = results.query === query ? results.matches : [];
  const expanded = enabled && open && query !== '' && matches.length > 0;
  const activeName = expanded && active >= 0 ? (matches[active]?.name ?? null) : null;
  const activeVersions = useVersions(activeName);
  const pickedVersions = useVersions(enabled && picked && splitCondaDraft(value).name === picked ? picked : null);

  const pick = (match: NameMatch) => {
    onValueChange(applyCondaPick(value, match.name));
    setPicked(match.name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!enabled || matches.length === 0) return;
      event.preventDefault();
      setOpen(true);
      setActive((current) => moveActive(expanded ? current : -1, matches.length, event.key as 'ArrowDown' | 'ArrowUp'));
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (expanded && active >= 0) pick(matches[active]);
      else {
        setPicked(null);
        onAdd();
      }
    }
  };

  const optionId = (index: number) => `${uid}-option-${index}`;
  const latest = (versions: Versions | null) => (versions?.state === 'ready' && versions.versions?.latest ? versions.versions.latest : null);

  return (
    <div className="combobox">
      <input
        ref={inputRef}
        {...inputProps}
        value={value}
        role={enabled ? 'combobox' : undefined}
        aria-autocomplete={enabled ? 'list' : undefined}
        aria-expanded={enabled ? expanded : undefined}
        aria-controls={enabled ? listboxId : undefined}
        aria-activedescendant={activeName !== null ? optionId(active) : undefined}
        list={enabled ? undefined : inputProps.list}
        onFocus={() => setUsed(true)}
        onChange={(event) => {
          setUsed(true);
          setOpen(true);
          setPicked(null);
          onValueChange(event.target.value);
          requestSearch(event.target.value);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {enabled && (
        // data-query: which text the options answer (bench/suggest-web.ts times keystroke → options with it).
        <ul id={listboxId} role="listbox" aria-label="Package suggestions" className="combobox-options" hidden={!expanded} data-query={results.query}>
          {expanded &&
            matches.map((match, index) => (
              <li
                key={match.name}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'combobox-option active' : 'combobox-option'}
                // mousedown, not click: the input keeps focus (a click would blur it and close the list first).
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(match);
                }}
                onMouseMove={() => setActive(index)}
              >
                <span className="mono">{match.name}</span>
                <span className="combobox-why">
                  {match.kind === 'alias' ? `PyPI “${match.via}”` : KIND_WORDS[match.kind]}
                  {index === active && latest(activeVersions) ? ` · latest ${latest(activeVersions)}` : ''}
                </span>
              </li>
            ))}
        </ul>
      )}
      {pickedVersions && picked && <PickedVersions name={picked} versions={pickedVersions} onPin={(version) => onValueChange(pinCondaVersion(value, version))} />}
    </div>
  );
}

/** The versions of a picked package per subdir, newest first, each a button that pins the entry to it. */
function PickedVersions({ name, versions, onPin }: { name: string; versions: Versions; onPin: (version: string) => void }) {
  if (versions.state === 'loading') return <p className="combobox-versions hint" role="status">Looking up the versions of {name}…</p>;
  if (versions.state === 'error') return <p className="combobox-versions hint" role="status">The versions of {name} could not be read: {versions.message}</p>;
  const bySubdir = Object.entries(versions.versions?.subdirs ?? {}).filter(([, list]) => list.length > 0);
  if (bySubdir.length === 0) return <p className="combobox-versions hint" role="status">{name} has no builds for this design’s platforms.</p>;
  return (
    <div className="combobox-versions" role="status" aria-label={`Versions of ${name}`}>
      {bySubdir.map(([subdir, list]) => (
        <p key={subdir}>
          <span className="hint">{subdir}:</span>{' '}
          {list.slice(0, 6).map((version) => (
            <button key={version} type="button" className="chip" aria-label={`Pin ${name} to ${version} (${subdir})`} onClick={() => onPin(version)}>
              {version}
            </button>
          ))}
          {list.length > 6 && <span className="hint"> and {list.length - 6} older</span>}
        </p>
      ))}
    </div>
  );
}
