import { useEffect, type RefObject } from 'react';

/** Closes an open popover on a press outside `root` or on Escape. */
export function usePopover(
  open: boolean,
  close: () => void,
  root: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    function onDown(event: MouseEvent) {
      if (!root.current?.contains(event.target as Node)) close();
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') close();
    }
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close, root]);
}
