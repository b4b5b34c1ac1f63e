import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/Toast';
import type { Readable } from './readableValue';

/** An id as "…4995984c" with a Copy button for the whole of it. */
export function ShortId({ id }: { id: string }) {
  const toast = useToast();
  return (
    <span className="inline-flex items-center gap-1.5">
      <code className="font-mono text-xs text-slate-700" title={id}>
        …{id.slice(-8)}
      </code>
      <Button
        size="sm"
        variant="ghost"
        className="px-1.5 py-0.5 text-xs"
        aria-label={`Copy the ID ${id}`}
        onClick={() =>
          void navigator.clipboard
            .writeText(id)
            .then(() => toast.success('ID copied.'))
            .catch(() => toast.error('Copy it by hand: the browser refused.'))
        }
      >
        Copy
      </Button>
    </span>
  );
}

/** A document's fields as a definition list; nested objects and lists inside their field. */
export function ReadableValue({ value }: { value: Readable }) {
  switch (value.kind) {
    case 'empty':
      return <span className="text-slate-500">—</span>;
    case 'redacted':
      return <Badge tone="neutral">Hidden</Badge>;
    case 'id':
      return <ShortId id={value.id} />;
    case 'text':
      return <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{value.text}</span>;
    case 'list':
      return (
        <ol className="grid gap-2">
          {value.items.map((item, index) => (
            <li key={index} className="rounded-lg border border-slate-200/80 bg-white/60 px-3 py-2">
              <ReadableValue value={item} />
            </li>
          ))}
        </ol>
      );
    case 'fields':
      return (
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(8rem,12rem)_minmax(0,1fr)]">
          {value.fields.map((field) => (
            <div key={field.name} className="contents">
              <dt className="text-xs font-medium text-slate-600 sm:pt-0.5">{field.label}</dt>
              <dd className="min-w-0 text-sm text-slate-900">
                <ReadableValue value={field.value} />
              </dd>
            </div>
          ))}
        </dl>
      );
  }
}
