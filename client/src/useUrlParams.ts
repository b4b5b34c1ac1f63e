import { useSearchParams } from 'react-router-dom';

/**
 * List pages keep their filters in the URL (shareable, survive a reload). `update` sets the
 * given keys, deletes the ones given as empty or null, and replaces the history entry so
 * typing in a search box does not fill the back button.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return [params, update] as const;
}
