'use client';
// A <dialog> opened with show(), made modal here: a backdrop takes the clicks, Tab and focus stay inside, Escape
// closes, focus goes back where it was, and aria-modal tells assistive technology the rest is out of reach.
// Not showModal(): that makes the whole page inert, and the style recalculation it forces took 20–100 ms on a page
// with the editor open (measured with bench/check-web.ts), a long task every time a dialog opened.
import { useEffect, useEffectEvent, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { CloseIcon } from '../icons';

interface ModalProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
  /** Extra class on the <dialog>, for a dialog that needs its own styling. */
  className?: string;
}

// Open dialogs, innermost last: only the innermost one keeps focus and hears Escape.
const openDialogs: HTMLDialogElement[] = [];

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function focusableIn(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}

const isInnermost = (dialog: HTMLDialogElement) => openDialogs.at(-1) === dialog;

/** A modal dialog; it is only rendered while it is open, so it starts fresh each time. */
export function Modal({ open, onClose, title, children, footer, testId, wide, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest onClose, for the listener the open effect adds once.
  const closeFromListener = useEffectEvent(() => onClose());

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openDialogs.push(dialog);
    // A dialog opened from another one sits above it, backdrop included.
    const layer = 1000 + 2 * (openDialogs.length - 1);
    dialog.style.zIndex = String(layer + 1);
    const backdrop = dialog.previousElementSibling;
    if (backdrop instanceof HTMLElement && backdrop.classList.contains('modal-backdrop')) backdrop.style.zIndex = String(layer);
    // show() focuses the first focusable element (or one marked autofocus), as showModal() does.
    if (!dialog.open) dialog.show();
    if (!dialog.contains(document.activeElement)) (focusableIn(dialog)[0] ?? dialog).focus();

    // Focus that lands outside (a click on the page's scrollbar, a script) comes back into the dialog.
    const keepFocus = (event: FocusEvent) => {
      if (!isInnermost(dialog) || dialog.contains(event.target as Node)) return;
      (focusableIn(dialog)[0] ?? dialog).focus();
    };
    document.addEventListener('focusin', keepFocus);
    // Escape with the focus nowhere (a focused button that went away leaves it on <body>) still closes the dialog.
    const escapeFromBody = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !isInnermost(dialog) || dialog.contains(event.target as Node)) return;
      if (event.target !== document.body && event.target !== document.documentElement) return;
      event.preventDefault();
      closeFromListener();
    };
    document.addEventListener('keydown', escapeFromBody);
    return () => {
      document.removeEventListener('focusin', keepFocus);
      document.removeEventListener('keydown', escapeFromBody);
      openDialogs.splice(openDialogs.indexOf(dialog), 1);
      if (dialog.open) dialog.close();
      const stillThere = returnFocusTo?.isConnected && !returnFocusTo.closest('[inert]');
      if (stillThere && (document.activeElement === document.body || dialog.contains(document.activeElement))) returnFocusTo.focus();
    };
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    const dialog = ref.current;
    if (!dialog || !isInnermost(dialog) || event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    // Tab from the last element goes to the first, Shift+Tab from the first to the last.
    const focusable = focusableIn(dialog);
    if (focusable.length === 0) return event.preventDefault();
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  if (!open) return null;
  // In <body>, not where the component sits: adding a fixed element inside the designer's grid made the browser lay
  // the whole grid (editor included) out again, 17–40 ms.
  return createPortal(
    <>
      {/* The backdrop takes clicks meant for the page behind: a click on it closes the dialog. */}
      <div className="modal-backdrop" data-variant={className} aria-hidden="true" onClick={() => onClose()} />
      <dialog
        ref={ref}
        className={`modal${wide ? ' wide' : ''}${className ? ` ${className}` : ''}`}
        aria-labelledby={titleId}
        aria-modal="true"
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="modal-box">
          <header className="modal-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </button>
          </header>
          <div className="modal-body">{children}</div>
          {footer && <footer className="modal-footer">{footer}</footer>}
        </div>
      </dialog>
    </>,
    document.body,
  );
}
