import { Button } from './Button';
import { useToast } from './Toast';

/** A value to paste elsewhere (a callback URL, a token), shown whole with a Copy button. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast.success('Copied.');
    } catch {
      toast.error('Copy it by hand: the browser refused.');
    }
  };
  return (
    <span className="flex min-w-0 items-center gap-2">
      <code className="min-w-0 flex-1 rounded-lg break-all bg-slate-900/5 px-3 py-2 font-mono text-xs text-slate-800 sm:text-sm">
        {value}
      </code>
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Copy the ${label}`}
        onClick={() => void copy()}
      >
        Copy
      </Button>
    </span>
  );
}
