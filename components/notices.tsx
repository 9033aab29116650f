'use client';
// Messages to the person: "Design loaded from link", a broken link, a restored or ignored draft, copies and
// downloads. A tiny store (not React state) so effects and event handlers can post without re-rendering the page.
import { useSyncExternalStore } from 'react';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons';

/** One message; `details` are shown as a list (e.g. every ignored line of an import). */
export interface Notice {
  id: number;
  kind: 'success' | 'error' | 'warning' | 'info';
  title: string;
  details?: string[];
  /** Milliseconds until it goes away by itself; undefined keeps it until dismissed. */
  timeout?: number;
}

/** Posts and dismisses notices. */
export interface NoticeStore {
  push(notice: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly Notice[];
}

const NONE: readonly Notice[] = [];

/** A new, empty notice store. */
export function createNoticeStore(): NoticeStore {
  let notices: readonly Notice[] = NONE;
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());
  const store: NoticeStore = {
    push(notice) {
      const id = nextId++;
      // Same message twice (e.g. two copies): replace rather than stack.
      notices = [...notices.filter((n) => n.title !== notice.title), { ...notice, id }].slice(-4);
      emit();
      if (notice.timeout) window.setTimeout(() => store.dismiss(id), notice.timeout);
      return id;
    },
    dismiss(id) {
      if (!notices.some((n) => n.id === id)) return;
      notices = notices.filter((n) => n.id !== id);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => notices,
  };
  return store;
}

const ICONS = { success: CheckIcon, error: AlertIcon, warning: AlertIcon, info: InfoIcon };

/** The notices, newest last, each dismissible. */
export function NoticeList({ store }: { store: NoticeStore }) {
  const notices = useSyncExternalStore(store.subscribe, store.getSnapshot, () => NONE);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => {
        const Icon = ICONS[notice.kind];
        return (
          <div key={notice.id} className={`notice ${notice.kind}`} data-testid="notice" data-kind={notice.kind}>
            <Icon className="notice-icon" />
            <div className="notice-text">
              <p className="notice-title">{notice.title}</p>
              {notice.details && notice.details.length > 0 && (
                <ul className="notice-details">
                  {notice.details.map((detail, index) => (
                    <li key={index}>{detail}</li>
                  ))}
                </ul>
              )}
            </div>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => store.dismiss(notice.id)}>
              <CloseIcon />
            </button>
          </div>
        );
      })}
    </div>
  );
}
