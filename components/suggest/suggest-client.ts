'use client';
// The page's side of the package suggestions: the on/off switch (off by default, remembered in localStorage), one
// worker started only once suggestions are on, and a store of the name lists' status for the form to show. While
// suggestions are off nothing here sends a request, and the worker's code is not even loaded.
import { useSyncExternalStore } from 'react';
import type { NameMatch } from '@/lib/suggest/name-search';
import type { PackageVersions, PypiLookup } from '@/lib/suggest/sources';
import { fetchMirrors } from '../check/mirrors';
import type { CheckMirrors } from '../check/check-protocol';
import type { IndexStatus, NameSource, SuggestMessage, SuggestRequest } from './suggest-protocol';

/** localStorage key of the switch ('on' when suggestions are on). */
export const SUGGESTIONS_STORAGE_KEY = 'condocker:suggestions';

const listeners = new Set<() => void>();
let indexStatus: IndexStatus = { state: 'idle' };
let enabledCache: boolean | null = null;
let worker: Worker | null = null;
let mirrors: Promise<CheckMirrors> | null = null;
/** The server's mirrors, asked once per page. */
const serverMirrors = () => (mirrors ??= fetchMirrors());
let nextId = 1;
const pending = new Map<number, (message: SuggestMessage) => void>();

const notify = () => listeners.forEach((listener) => listener());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function readEnabled(): boolean {
  if (enabledCache === null) {
    try {
      enabledCache = localStorage.getItem(SUGGESTIONS_STORAGE_KEY) === 'on';
    } catch {
      enabledCache = false;
    }
  }
  return enabledCache;
}

/** Turns suggestions on or off and remembers it; off stops the worker. */
export function setSuggestionsEnabled(on: boolean): void {
  enabledCache = on;
  try {
    if (on) localStorage.setItem(SUGGESTIONS_STORAGE_KEY, 'on');
    else localStorage.removeItem(SUGGESTIONS_STORAGE_KEY);
  } catch {
    // Not remembered (storage blocked); the switch still works for this page.
  }
  if (!on) {
    worker?.terminate();
    worker = null;
    pending.clear();
    indexStatus = { state: 'idle' };
  }
  notify();
}

/** Whether suggestions are on (false on the server and until the person switches them on). */
export function useSuggestionsEnabled(): boolean {
  return useSyncExternalStore(subscribe, readEnabled, () => false);
}

/** The name lists' status. */
export function useIndexStatus(): IndexStatus {
  return useSyncExternalStore(subscribe, () => indexStatus, () => indexStatus);
}

function suggestWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module', name: 'condocker-suggest' });
    worker.addEventListener('message', (event: MessageEvent<SuggestMessage>) => {
      const message = event.data;
      if (message.type === 'status') {
        indexStatus = message.status;
        notify();
        return;
      }
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker = null;
      indexStatus = { state: 'error', key: '', message: `the suggestions could not start (${event.message || 'their script did not load'})` };
      notify();
    });
  }
  return worker;
}

// Omit over each member of the union, not over the union as a whole.
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function ask<T extends SuggestMessage>(request: WithoutId<Extract<SuggestRequest, { id: number }>>): Promise<T | null> {
  if (!readEnabled()) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, (message) => resolve(message as T));
    suggestWorker().postMessage({ ...request, id } as SuggestRequest);
  });
}

/** Loads the name lists of the design's channels and subdirs (from the cache when fresh); `refresh` fetches again. */
export async function loadNames(channels: readonly string[], subdirs: readonly string[], refresh = false): Promise<void> {
  if (!readEnabled()) return;
  const source: NameSource = { channels: [...channels], subdirs: [...subdirs], mirrors: await serverMirrors() };
  if (!readEnabled()) return;
  suggestWorker().postMessage({ type: 'load', source, refresh } satisfies SuggestRequest);
}

/** The names matching what is typed, best first; [] while the lists load or when suggestions are off. */
export async function searchNames(query: string, limit = 8): Promise<NameMatch[]> {
  const answer = await ask<Extract<SuggestMessage, { type: 'matches' }>>({ type: 'search', query, limit });
  return answer?.matches ?? [];
}

/** A package's versions per subdir of the first channel that has it. */
export async function packageVersions(name: string): Promise<{ versions: PackageVersions | null; error?: string }> {
  const answer = await ask<Extract<SuggestMessage, { type: 'versions' }>>({ type: 'versions', name });
  return answer ? { versions: answer.versions, error: answer.error } : { versions: null };
}

/** What PyPI (or the design's index) says about the project a pip line names; null when suggestions are off. */
export async function lookupPypi(line: string, indexUrl: string | null): Promise<{ project?: string; lookup?: PypiLookup; condaName?: string } | null> {
  if (!readEnabled()) return null;
  const server = await serverMirrors();
  const answer = await ask<Extract<SuggestMessage, { type: 'pypi' }>>({ type: 'pypi', line, indexUrl: indexUrl ?? server.pypiUrl });
  return answer ? { project: answer.project, lookup: answer.lookup, condaName: answer.condaName } : null;
}
