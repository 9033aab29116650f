'use client';
import { useRef } from 'react';
import { useDesignSnapshot } from '../design-state';
import { CopyIcon } from '../icons';
import { Modal } from './modal';

/** Shows the share link (already copied when the browser allowed it) with a button to copy it again. */
export function ShareDialog({
  open,
  url,
  copyState,
  onCopy,
  onClose,
}: {
  open: boolean;
  url: string;
  copyState: 'copied' | 'failed' | 'idle';
  onCopy: () => void;
  onClose: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const { stale } = useDesignSnapshot();
  return (
    <Modal open={open} onClose={onClose} title="Share this design" testId="share-dialog">
      <p>
        The design is inside the link itself: nothing is stored on a server. Whoever opens it gets exactly this design and these files.
      </p>
      <label htmlFor="share-link">Share link</label>
      <div className="input-with-button">
        <input
          id="share-link"
          ref={inputRef}
          className="mono"
          readOnly
          value={url}
          data-testid="share-link"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="button primary"
          onClick={() => {
            inputRef.current?.select();
            onCopy();
          }}
        >
          <CopyIcon />
          <span>Copy link</span>
        </button>
      </div>
      <p className={`share-status ${copyState}`} data-testid="share-status" aria-live="polite">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'failed' && 'The browser did not allow copying: select the link and copy it.'}
        {copyState === 'idle' && `${url.length} characters.`}
      </p>
      {stale && <p className="hint warning-text">The form has problems: the link holds the last valid design, as the preview shows.</p>}
    </Modal>
  );
}
