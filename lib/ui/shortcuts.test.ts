import { describe, expect, it } from 'vitest';
import { keyLabel, shortcutFor, type KeyPress } from './shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it.each([
    ['Ctrl+Enter', press('Enter', { ctrlKey: true }), false, false, 'download'],
    ['⌘+Enter on a Mac', press('Enter', { metaKey: true }), true, false, 'download'],
    ['Ctrl+Enter while typing', press('Enter', { ctrlKey: true }), false, true, 'download'],
    ['Ctrl+Shift+C', press('C', { ctrlKey: true, shiftKey: true }), false, false, 'share'],
    ['Ctrl+Shift+C while typing', press('C', { ctrlKey: true, shiftKey: true }), false, true, 'share'],
    ['Ctrl+Z', press('z', { ctrlKey: true }), false, false, 'undo'],
    ['Ctrl+Z while typing belongs to the field', press('z', { ctrlKey: true }), false, true, null],
    ['Ctrl+Shift+Z', press('Z', { ctrlKey: true, shiftKey: true }), false, false, 'redo'],
    ['Ctrl+Y', press('y', { ctrlKey: true }), false, false, 'redo'],
    ['⌘+Shift+Z on a Mac', press('z', { metaKey: true, shiftKey: true }), true, false, 'redo'],
    ['?', press('?', { shiftKey: true }), false, false, 'help'],
    ['? while typing is a character', press('?', { shiftKey: true }), false, true, null],
    ['Ctrl+C copies text as usual', press('c', { ctrlKey: true }), false, false, null],
    ['⌘+Enter is not the shortcut on Linux', press('Enter', { metaKey: true }), false, false, null],
    ['Ctrl+Enter is not the shortcut on a Mac', press('Enter', { ctrlKey: true }), true, false, null],
    ['Ctrl+Alt+Z', press('z', { ctrlKey: true, altKey: true }), false, false, null],
    ['a plain letter', press('a'), false, false, null],
  ])('%s', (_name, key, isApple, typing, expected) => {
    expect(shortcutFor(key, isApple, typing)).toBe(expected);
  });

  it.each([
    ['mod', true, '⌘'],
    ['mod', false, 'Ctrl'],
    ['Shift', false, 'Shift'],
    ['Enter', true, 'Enter'],
  ])('keyLabel(%s, apple=%s) is %s', (key, isApple, expected) => {
    expect(keyLabel(key, isApple)).toBe(expected);
  });
});
