'use client';
import { SHORTCUTS, keyLabel } from '@/lib/ui/shortcuts';
import { Modal } from './modal';

/** The keyboard shortcuts, as the key handler knows them. */
export function ShortcutsDialog({ open, isApple, onClose }: { open: boolean; isApple: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="plus">+</span>}
                    <kbd>{keyLabel(key, isApple)}</kbd>
                  </span>
                ))}
              </td>
              <td>{shortcut.label.replace('mod+', `${keyLabel('mod', isApple)}+`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">In a package list: Enter adds the entry, Alt+↑/↓ moves an entry, pasting several lines adds one entry per line.</p>
    </Modal>
  );
}
