// Keyboard shortcuts of the page, as data: the key handler and the "Keyboard shortcuts" help read the same table.

/** What a shortcut does. */
export type ShortcutAction = 'download' | 'share' | 'undo' | 'redo' | 'help';

/** A key press as far as shortcuts care. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Every shortcut with how to type it: `mod` is ⌘ on Apple systems and Ctrl elsewhere. */
export const SHORTCUTS: ReadonlyArray<{ action: ShortcutAction; keys: string[]; label: string; whenTyping: boolean }> = [
  { action: 'download', keys: ['mod', 'Enter'], label: 'Download the project as a zip', whenTyping: true },
  { action: 'share', keys: ['mod', 'Shift', 'C'], label: 'Copy the share link', whenTyping: true },
  { action: 'undo', keys: ['mod', 'Z'], label: 'Undo a change to the design (outside text fields)', whenTyping: false },
  { action: 'redo', keys: ['mod', 'Shift', 'Z'], label: 'Redo (also mod+Y)', whenTyping: false },
  { action: 'help', keys: ['?'], label: 'Show these shortcuts (outside text fields)', whenTyping: false },
];

/**
 * The action a key press triggers, or null. `typing` is true when the focus is in a text field, where undo, redo and
 * `?` belong to the field.
 * @example shortcutFor({ key: 'Enter', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, false, false) // 'download'
 */
export function shortcutFor(press: KeyPress, isApple: boolean, typing: boolean): ShortcutAction | null {
  const mod = isApple ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  let action: ShortcutAction | null = null;
  if (mod && !press.altKey) {
    if (key === 'Enter' && !press.shiftKey) action = 'download';
    else if (key === 'c' && press.shiftKey) action = 'share';
    else if (key === 'z') action = press.shiftKey ? 'redo' : 'undo';
    else if (key === 'y' && !press.shiftKey && !isApple) action = 'redo';
  } else if (press.key === '?' && !press.ctrlKey && !press.metaKey && !press.altKey) action = 'help';
  if (action === null) return null;
  const entry = SHORTCUTS.find((shortcut) => shortcut.action === action);
  return typing && !entry?.whenTyping ? null : action;
}

/**
 * How to show a key on this system.
 * @example keyLabel('mod', true) // '⌘'
 */
export function keyLabel(key: string, isApple: boolean): string {
  if (key === 'mod') return isApple ? '⌘' : 'Ctrl';
  if (key === 'Shift') return isApple ? '⇧' : 'Shift';
  return key;
}
