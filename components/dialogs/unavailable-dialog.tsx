'use client';
// A dialog whose code cannot be fetched (offline, or Condocker was redeployed since the page opened) says so instead
// of throwing: nothing above the dialogs catches a failed import, so it would take the whole page down with it.
import type { ComponentType } from 'react';
import { Modal } from './modal';

interface DialogProps {
  open: boolean;
  onClose: () => void;
}

/** Wraps a dialog's dynamic import: when it fails, the dialog explains and the page stays as it was. */
export function loadDialog<P extends DialogProps>(load: () => Promise<ComponentType<P>>, title: string): () => Promise<ComponentType<P>> {
  return () =>
    load().catch(() =>
      function UnavailableDialog({ open, onClose }: P) {
        return (
          <Modal
            open={open}
            onClose={onClose}
            title={title}
            testId="dialog-unavailable"
            footer={
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
            }
          >
            <p>This part of Condocker could not be loaded: the connection may be down, or Condocker was updated since this page was opened.</p>
            <p>Your design is unchanged and stays in this browser: reload the page to try again.</p>
          </Modal>
        );
      },
    );
}
