import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Modal, Select, useToast } from '../../components/ui';
import { authorizedFetch } from '../../auth/authorizedFetch';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { downloadExport } from './files';

export const ExportDialogCollection = graphql(`
  fragment ExportDialog_collection on DbmsCollectionStats {
    name
    label
    count
  }
`);

interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Every collection the user may see, with counts. */
  collections: readonly FragmentType<typeof ExportDialogCollection>[];
  /** Ticked when the dialog opens. */
  current: string;
  userId?: string;
}

type Format = 'ndjson' | 'json';

/**
 * Downloads documents through GET /api/dbms/export with the bearer token (a plain link
 * could not carry it), then saves the body as a file.
 */
export function ExportDialog({ open, onClose, current, userId, ...props }: ExportDialogProps) {
  const collections = getFragmentData(ExportDialogCollection, props.collections);
  const toast = useToast();
  const client = useApolloClient();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set([current]));
  const [format, setFormat] = useState<Format>('ndjson');
  const [busy, setBusy] = useState(false);
  const [openedFor, setOpenedFor] = useState<string | null>(null);

  // Each time the dialog opens it starts from the collection on screen.
  if (open && openedFor !== current) {
    setOpenedFor(current);
    setChosen(new Set([current]));
  }
  if (!open && openedFor !== null) setOpenedFor(null);

  // Refresh tokens are session state an import refuses: exporting them only adds noise.
  const exportable = collections.filter((entry) => entry.name !== 'refreshtokens');

  const toggle = (name: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const download = async () => {
    setBusy(true);
    try {
      const params = new URLSearchParams({ collections: [...chosen].join(','), format });
      if (userId) params.set('userId', userId);
      const today = new Date().toISOString().slice(0, 10);
      await downloadExport(
        (path) => authorizedFetch(client, path),
        params,
        `salesdesk-export-${today}.${format}`,
      );
      toast.success('Export downloaded.');
      onClose();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : error);
    } finally {
      setBusy(false);
    }
  };

  const total = exportable
    .filter((entry) => chosen.has(entry.name))
    .reduce((sum, entry) => sum + entry.count, 0);

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Export this view"
      description="The documents of the collections you tick, to keep or import again; for a full backup use Back up everything. Secrets are never exported."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={chosen.size === 0} onClick={() => void download()}>
            Download {total} {total === 1 ? 'document' : 'documents'}
          </Button>
        </>
      }
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Collections</legend>
        <div className="mt-2 mb-1 flex gap-2">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setChosen(new Set(exportable.map((entry) => entry.name)))}
          >
            Select all
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setChosen(new Set())}>
            Select none
          </Button>
        </div>
        <ul className="grid gap-1 sm:grid-cols-2">
          {exportable.map((entry) => (
            <li key={entry.name}>
              <label className="flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
                  checked={chosen.has(entry.name)}
                  onChange={() => toggle(entry.name)}
                />
                <span className="flex-1">{entry.label}</span>
                <span className="text-xs text-slate-600 tabular-nums">{entry.count}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Select
        label="Format"
        wrapperClassName="mt-4"
        value={format}
        onChange={(e) => setFormat(e.target.value as Format)}
        options={[
          { value: 'ndjson', label: 'NDJSON: one document a line (best for large exports)' },
          { value: 'json', label: 'JSON: one array' },
        ]}
      />
    </Modal>
  );
}
