export type ToastKind = 'success' | 'error' | 'info';

export interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
  /** A place in the app the toast is about ("Open the chat"). */
  link?: { to: string; label: string };
}

type Listener = () => void;

// A module-level store, so useToast() works in any component (and in tests) whether or
// not a <Toaster /> is mounted; the Toaster only shows what is here.
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function emit() {
  for (const l of listeners) l();
}

export function getToasts(): ToastItem[] {
  return items;
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  items = items.filter((t) => t.id !== id);
  emit();
}

export function pushToast(kind: ToastKind, message: string, link?: ToastItem['link']): number {
  // The same message twice in a row (a retried query) shows once.
  const same = items.find(
    (t) => t.kind === kind && t.message === message && t.link?.to === link?.to,
  );
  if (same) return same.id;
  const id = nextId++;
  items = [...items.slice(-4), { id, kind, message, ...(link ? { link } : {}) }];
  // Errors stay longer: they are the ones people need to read.
  timers.set(
    id,
    setTimeout(() => dismissToast(id), kind === 'error' ? 8000 : 4000),
  );
  emit();
  return id;
}

export function clearToasts(): void {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  items = [];
  emit();
}
