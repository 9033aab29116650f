// Undo/redo as an immutable value: the page keeps one in a ref and decides when a change is one step
// (typing is grouped by a short pause), so this file stays free of timers and DOM.

/** Past, present and future snapshots; the newest past step is last. */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
}

/** Most steps kept: enough for a long session, bounded so a huge package list cannot fill memory. */
export const HISTORY_LIMIT = 200;

/**
 * A history whose only state is `present`.
 * @example createHistory('a') // { past: [], present: 'a', future: [] }
 */
export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * Records `next` as a new step (dropping the redo branch), or returns the history unchanged when `next` equals the present.
 * @example recordStep(createHistory('a'), 'b') // { past: ['a'], present: 'b', future: [] }
 */
export function recordStep<T>(history: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, history.present)) return history;
  const past = [...history.past, history.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [] };
}

/**
 * One step back, or the same history when there is nothing to undo.
 * @example undoStep({ past: ['a'], present: 'b', future: [] }) // { past: [], present: 'a', future: ['b'] }
 */
export function undoStep<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [history.present, ...history.future],
  };
}

/**
 * One step forward again, or the same history when there is nothing to redo.
 * @example redoStep({ past: [], present: 'a', future: ['b'] }) // { past: ['a'], present: 'b', future: [] }
 */
export function redoStep<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1) };
}
