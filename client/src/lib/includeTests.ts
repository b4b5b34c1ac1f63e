import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether the dashboard and analytics count the simulator's test chats: one choice for
 * both pages, kept in this browser, so the owner who just sold in the simulator sees it
 * wherever they look next.
 */
const KEY = 'salesdesk.includeTests';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useIncludeTests(): [boolean, (next: boolean) => void] {
  const value = useSyncExternalStore(subscribe, read, () => false);
  const set = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Private mode without storage: the choice lasts while the page does.
    }
    for (const listener of listeners) listener();
  }, []);
  return [value, set];
}
