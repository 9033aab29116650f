'use client';
// A module loaded on first need (a separate chunk, not in the first load) that components can wait for: load()
// starts it once, get() returns it when there, use() re-renders when it arrives. Module state is only ever set in
// the browser, so server renders see "not loaded".
import { useSyncExternalStore } from 'react';

/** A lazily loaded module and the ways to reach it. */
export interface LazyModule<T> {
  load(): Promise<T>;
  get(): T | null;
  use(): T | null;
}

/** Wraps a dynamic import; a failed load (offline after a deploy) is retried on the next load(). */
export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let value: T | null = null;
  let loading: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const load = () => {
    loading ??= importer().then(
      (loaded) => {
        value = loaded;
        listeners.forEach((listener) => listener());
        return loaded;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const get = () => value;
  return {
    load,
    get,
    use: () => useSyncExternalStore(subscribe, get, () => null),
  };
}
