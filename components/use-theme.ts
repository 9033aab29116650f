'use client';
// Dark mode follows the system until the person toggles it; the choice is stored, and a toggle back to what the
// system says forgets it again (so the page follows the system once more). The stored choice is applied before
// the first paint by the script in app/layout.tsx.
import { useCallback, useSyncExternalStore } from 'react';

/** localStorage key of an explicit theme choice ('light' or 'dark'). */
export const THEME_STORAGE_KEY = 'condocker:theme';
const CHANGE_EVENT = 'condocker:theme-change';
const QUERY = '(prefers-color-scheme: dark)';

function subscribe(listener: () => void) {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', listener);
  window.addEventListener(CHANGE_EVENT, listener);
  window.addEventListener('storage', listener);
  return () => {
    media.removeEventListener('change', listener);
    window.removeEventListener(CHANGE_EVENT, listener);
    window.removeEventListener('storage', listener);
  };
}

function systemTheme(): 'light' | 'dark' {
  return window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

function currentTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  return chosen === 'dark' || chosen === 'light' ? chosen : systemTheme();
}

/** Is dark mode on, and a function to toggle it. */
export function useTheme(): { dark: boolean; toggle: () => void } {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => 'light' as const);
  const toggle = useCallback(() => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    const root = document.documentElement;
    try {
      if (next === systemTheme()) {
        delete root.dataset.theme;
        localStorage.removeItem(THEME_STORAGE_KEY);
      } else {
        root.dataset.theme = next;
        localStorage.setItem(THEME_STORAGE_KEY, next);
      }
    } catch {
      root.dataset.theme = next;
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return { dark: theme === 'dark', toggle };
}

const noSubscription = () => () => {};

/** Is this an Apple system (⌘ instead of Ctrl)? false while rendering on the server. */
export function useIsApple(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent),
    () => false,
  );
}
