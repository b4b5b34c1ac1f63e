import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { Badge, Button, Modal, Select, useToast } from '../../components/ui';
import { authorizedFetch } from '../../auth/authorizedFetch';
import { formatBytes, responseError } from './files';
import { DBMS_LISTS } from './dbmsLists';

type Mode = 'skip' | 'upsert';

interface Rejection {
  line: number;
  reason: string;
}

/** The report POST /api/dbms/import answers (server/src/modules/dbms/importReport.ts). */
export interface ImportReport {
  dryRun: boolean;
  mode: Mode;
  records: number;
  collections: Record<
    string,
    {
      inserted: number;
      updated: number;
      skipped: number;
      rejected: Rejection[];
      rejectedCount: number;
    }
  >;
  rejected: Rejection[];
  rejectedCount: number;
  totals: { inserted: number; updated: number; skipped: number; rejected: number };
}

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  userId?: string;
}

const REJECTIONS_SHOWN = 20;

/** Imports an export file: a dry run first shows what would happen, then the real run. */
export function ImportDialog({ open, onClose, userId }: ImportDialogProps) {
  const toast = useToast();
  const client = useApolloClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('skip');
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setReport(null);
    setProblem(null);
    setBusy(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setProblem(null);
    try {
      const params = new URLSearchParams({ dryRun: String(dryRun), mode });
      if (userId) params.set('userId', userId);
      const response = await authorizedFetch(client, `/api/dbms/import?${params.toString()}`, {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/x-ndjson' },
        body: file,
      });
      if (!response.ok) {
        // A stopped import still reports what it did before the bad part.
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as { errors?: { extensions?: { report?: ImportReport } }[] } | null;
        const partial = body?.errors?.[0]?.extensions?.report;
        if (partial) setReport(partial);
        throw new Error(await responseError(response));
      }
      const result = (await response.json()) as ImportReport;
      setReport(result);
      if (!dryRun) {
        await client.refetchQueries({
          include: DBMS_LISTS,
        });
        toast.success(
          `Imported: ${result.totals.inserted} added, ${result.totals.updated} updated, ${result.totals.skipped} skipped.`,
        );
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const imported = report && !report.dryRun;
  return (
    <Modal
      open={open}
      onClose={close}
      size="lg"
      title="Import documents"
      description="An NDJSON or JSON file from Export. Check it first: the dry run changes nothing."
      footer={
        imported ? (
          <Button onClick={close}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button
              variant="secondary"
              disabled={!file}
              loading={busy === 'check'}
              onClick={() => void run(true)}
            >
              Check (dry run)
            </Button>
            <Button
              disabled={!file || !report?.dryRun || busy !== null}
              loading={busy === 'import'}
              onClick={() => void run(false)}
            >
              Import
            </Button>
          </>
        )
      }
    >
      <div className="grid gap-4">
        <div className="grid gap-1.5">
          <label htmlFor="dbms-import-file" className="text-sm font-medium text-slate-800">
            File
          </label>
          <input
            id="dbms-import-file"
            type="file"
            accept=".ndjson,.jsonl,.json,application/json,application/x-ndjson"
            disabled={imported || busy !== null}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setProblem(null);
            }}
            className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-lg file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-indigo-800 hover:file:bg-indigo-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
          />
          {file && (
            <p className="text-xs text-slate-600">
              {file.name} · {formatBytes(file.size)}
            </p>
          )}
        </div>
        <Select
          label="When a document already exists"
          value={mode}
          disabled={imported || busy !== null}
          onChange={(e) => {
            setMode(e.target.value as Mode);
            setReport(null);
          }}
          options={[
            { value: 'skip', label: 'Skip it: keep what is stored' },
            { value: 'upsert', label: 'Replace it with the file’s version' },
          ]}
        />
        {problem && (
          <p
            role="alert"
            className="rounded-xl bg-rose-50 px-3 py-2 text-sm text-rose-900 ring-1 ring-rose-200"
          >
            {problem}
          </p>
        )}
        {report && <ImportReportView report={report} />}
      </div>
    </Modal>
  );
}

export function ImportReportView({ report }: { report: ImportReport }) {
  const rejections = [
    ...report.rejected.map((item) => ({ ...item, collection: '' })),
    ...Object.entries(report.collections).flatMap(([collection, counts]) =>
      counts.rejected.map((item) => ({ ...item, collection })),
    ),
  ]
    .sort((a, b) => a.line - b.line)
    .slice(0, REJECTIONS_SHOWN);
  return (
    <section
      aria-label="Import report"
      className="grid gap-3 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={report.dryRun ? 'info' : 'success'}>
          {report.dryRun ? 'Dry run: nothing changed yet' : 'Imported'}
        </Badge>
        <span className="text-sm text-slate-700">
          {report.records} {report.records === 1 ? 'record' : 'records'} read
        </span>
      </div>
      <table className="w-full text-sm">
        <caption className="sr-only">Records per collection</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600 uppercase">
            <th scope="col" className="py-1 font-semibold">
              Collection
            </th>
            <th scope="col" className="py-1 text-right font-semibold">
              {report.dryRun ? 'Would add' : 'Added'}
            </th>
            <th scope="col" className="py-1 text-right font-semibold">
              {report.dryRun ? 'Would update' : 'Updated'}
            </th>
            <th scope="col" className="py-1 text-right font-semibold">
              Skipped
            </th>
            <th scope="col" className="py-1 text-right font-semibold">
              Rejected
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {Object.entries(report.collections).map(([name, counts]) => (
            <tr key={name} className="border-t border-slate-200">
              <th scope="row" className="py-1 text-left font-medium text-slate-900">
                {name}
              </th>
              <td className="py-1 text-right">{counts.inserted}</td>
              <td className="py-1 text-right">{counts.updated}</td>
              <td className="py-1 text-right">{counts.skipped}</td>
              <td className="py-1 text-right">{counts.rejectedCount}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-300 font-semibold">
            <th scope="row" className="py-1 text-left">
              Total
            </th>
            <td className="py-1 text-right">{report.totals.inserted}</td>
            <td className="py-1 text-right">{report.totals.updated}</td>
            <td className="py-1 text-right">{report.totals.skipped}</td>
            <td className="py-1 text-right">{report.totals.rejected}</td>
          </tr>
        </tbody>
      </table>
      {rejections.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
            Rejected records
          </h3>
          <ul className="mt-1 grid gap-1 text-xs text-slate-800">
            {rejections.map((item, index) => (
              <li key={`${item.line}-${index}`}>
                Line {item.line}
                {item.collection && ` (${item.collection})`}: {item.reason}
              </li>
            ))}
          </ul>
          {report.totals.rejected > rejections.length && (
            <p className="mt-1 text-xs text-slate-600">
              and {report.totals.rejected - rejections.length} more.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
