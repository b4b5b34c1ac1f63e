import { Button, EmptyState, Input, TextArea } from '../../components/ui';
import type { FieldMessages } from '../../lib/fieldErrors';
import { MAX_DOCUMENTS, type DocumentForm } from './documentsForm';

interface DocumentsEditorProps {
  documents: DocumentForm[];
  errors: FieldMessages;
  onChange: (next: DocumentForm[]) => void;
}

let counter = 0;
export function newDocument(partial: Partial<DocumentForm> = {}): DocumentForm {
  counter += 1;
  return { key: `doc-${counter}`, name: '', url: '', text: '', ...partial };
}

/** Documents the AI learns from: a title, where it lives, and its text. */
export function DocumentsEditor({ documents, errors, onChange }: DocumentsEditorProps) {
  function update(index: number, patch: Partial<DocumentForm>) {
    onChange(documents.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  }

  async function loadFile(index: number, file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    const current = documents[index];
    update(index, { text, name: current?.name || file.name.replace(/\.[^.]+$/, '') });
  }

  return (
    <div className="grid gap-4">
      {documents.length === 0 && (
        <EmptyState
          title="No documents yet"
          description="Add your price list, FAQ or return policy so the AI can quote it. You can skip this and add them later."
        />
      )}
      {documents.map((doc, index) => (
        <fieldset
          key={doc.key}
          className="grid gap-3 rounded-2xl border border-slate-200 bg-white/60 p-4"
        >
          <legend className="px-1 text-sm font-semibold text-slate-800">
            Document {index + 1}
          </legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <Input
              label="Title"
              required
              value={doc.name}
              onChange={(e) => update(index, { name: e.target.value })}
              error={errors[`documents.${index}.name`]}
              placeholder="e.g. Price list 2025"
            />
            <Input
              label="Link to the document"
              inputMode="url"
              autoComplete="url"
              value={doc.url}
              onChange={(e) => update(index, { url: e.target.value })}
              error={errors[`documents.${index}.url`]}
              placeholder="leatherloft.shop/prices"
              hint="Where it lives (your site, a shared drive). Not needed when you paste its text."
            />
          </div>
          <TextArea
            label="Text content"
            value={doc.text}
            onChange={(e) => update(index, { text: e.target.value })}
            error={errors[`documents.${index}.text`]}
            rows={5}
            hint="Paste the text, or load it from a .txt or .md file. Training reads this."
          />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <label className="inline-flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1 text-sm font-medium text-indigo-700 focus-within:ring-2 focus-within:ring-indigo-500 hover:bg-indigo-50">
              Load text from a file
              <input
                type="file"
                accept=".txt,.md,.csv,text/plain,text/markdown,text/csv"
                className="sr-only"
                onChange={(e) => void loadFile(index, e.target.files?.[0])}
              />
            </label>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => onChange(documents.filter((_, i) => i !== index))}
              aria-label={`Remove document ${index + 1}${doc.name ? ` (${doc.name})` : ''}`}
            >
              Remove
            </Button>
          </div>
        </fieldset>
      ))}
      {errors.documents && <p className="text-sm font-medium text-rose-700">{errors.documents}</p>}
      <div>
        <Button
          variant="secondary"
          onClick={() => onChange([...documents, newDocument()])}
          disabled={documents.length >= MAX_DOCUMENTS}
        >
          Add a document
        </Button>
      </div>
    </div>
  );
}
