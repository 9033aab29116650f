'use client';
// The few session values the page shows (preset, undo/redo availability, the "design loaded" epoch), kept out of
// the designer's React state so changing them re-renders only the parts that show them, never the whole form.
import { useSyncExternalStore } from 'react';

/** What the header and the preview show about the session. */
export interface SessionView {
  presetId: string | null;
  /** Increases whenever a whole design is loaded (draft, link, preset, import, new). */
  epoch: number;
  canUndo: boolean;
  canRedo: boolean;
}

/** A tiny observable holder of the SessionView. */
export interface SessionStore {
  get(): SessionView;
  set(patch: Partial<SessionView>): void;
  subscribe(listener: () => void): () => void;
}

/** A new store starting at `initial`. */
export function createSessionStore(initial: SessionView): SessionStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch };
      if ((Object.keys(next) as Array<keyof SessionView>).every((key) => Object.is(next[key], state[key]))) return;
      state = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One value of the session view; re-renders only when that value changes. */
export function useSessionValue<K extends keyof SessionView>(store: SessionStore, key: K): SessionView[K] {
  return useSyncExternalStore(
    store.subscribe,
    () => store.get()[key],
    () => store.get()[key],
  );
}
