import { describe, expect, it, vi } from 'vitest';
import { lazyModule } from './lazy-module';
import { createNoticeStore } from './notices';
import { createSessionStore } from './session-store';

describe('createSessionStore', () => {
  it('notifies only when a value changes', () => {
    const store = createSessionStore({ presetId: 'a', epoch: 0, canUndo: false, canRedo: false });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set({ presetId: 'a' });
    expect(listener).not.toHaveBeenCalled();
    store.set({ canUndo: true, epoch: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toEqual({ presetId: 'a', epoch: 1, canUndo: true, canRedo: false });
  });
});

describe('createNoticeStore', () => {
  it('adds, replaces a repeated title, keeps the last four and dismisses', () => {
    const store = createNoticeStore();
    const first = store.push({ kind: 'info', title: 'one' });
    store.push({ kind: 'info', title: 'one' });
    expect(store.getSnapshot().map((n) => n.title)).toEqual(['one']);
    for (const title of ['two', 'three', 'four', 'five']) store.push({ kind: 'success', title });
    expect(store.getSnapshot().map((n) => n.title)).toEqual(['two', 'three', 'four', 'five']);
    store.dismiss(first);
    store.dismiss(store.getSnapshot()[0].id);
    expect(store.getSnapshot().map((n) => n.title)).toEqual(['three', 'four', 'five']);
  });
});

describe('lazyModule', () => {
  it('imports once, and again after a failure', async () => {
    let calls = 0;
    const importer = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return { value: 42 };
    });
    const lazy = lazyModule(importer);
    expect(lazy.get()).toBeNull();
    await expect(lazy.load()).rejects.toThrow('offline');
    await expect(lazy.load()).resolves.toEqual({ value: 42 });
    await lazy.load();
    expect(importer).toHaveBeenCalledTimes(2);
    expect(lazy.get()).toEqual({ value: 42 });
  });
});
