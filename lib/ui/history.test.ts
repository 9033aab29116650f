import { describe, expect, it } from 'vitest';
import { createHistory, recordStep, redoStep, undoStep, type History } from './history';

const h = (past: string[], present: string, future: string[]): History<string> => ({ past, present, future });

describe('recordStep', () => {
  it.each([
    ['adds the present to the past', h([], 'a', []), 'b', h(['a'], 'b', [])],
    ['drops the redo branch', h(['a'], 'b', ['c']), 'd', h(['a', 'b'], 'd', [])],
    ['ignores a step equal to the present', h(['a'], 'b', ['c']), 'b', h(['a'], 'b', ['c'])],
  ])('%s', (_name, before, next, after) => {
    expect(recordStep(before, next)).toEqual(after);
  });

  it('keeps at most `limit` past steps, dropping the oldest', () => {
    let history = createHistory('0');
    for (let i = 1; i <= 5; i++) history = recordStep(history, String(i), 3);
    expect(history).toEqual(h(['2', '3', '4'], '5', []));
  });
});

describe('undoStep and redoStep', () => {
  it.each([
    ['undo moves back one step', undoStep, h(['a', 'b'], 'c', []), h(['a'], 'b', ['c'])],
    ['undo with no past changes nothing', undoStep, h([], 'a', ['b']), h([], 'a', ['b'])],
    ['redo moves forward one step', redoStep, h(['a'], 'b', ['c', 'd']), h(['a', 'b'], 'c', ['d'])],
    ['redo with no future changes nothing', redoStep, h(['a'], 'b', []), h(['a'], 'b', [])],
  ])('%s', (_name, step, before, after) => {
    expect(step(before)).toEqual(after);
  });

  it('undo then redo returns to the same history', () => {
    const history = recordStep(recordStep(createHistory('a'), 'b'), 'c');
    expect(redoStep(redoStep(undoStep(undoStep(history))))).toEqual(history);
  });
});
