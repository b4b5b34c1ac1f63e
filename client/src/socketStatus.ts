import { useSyncExternalStore } from 'react';

/** Whether the subscription socket is up; apollo.ts reports it, pages show it. */
export type SocketStatus = 'connecting' | 'connected' | 'offline';

let status: SocketStatus = 'connecting';
const listeners = new Set<() => void>();

export function setSocketStatus(next: SocketStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useSocketStatus(): SocketStatus {
  return useSyncExternalStore(
    subscribe,
    () => status,
    () => status,
  );
}
