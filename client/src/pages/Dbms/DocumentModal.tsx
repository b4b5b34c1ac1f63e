import { skipToken, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Button, Modal, Skeleton, useToast } from '../../components/ui';
import { errorMessage } from '../../errorMessage';
import { formatDateTime } from '../../lib/format';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { prettyJson, saveBlob } from './files';
import { ReadableValue } from './ReadableDocument';
import { readableDocument } from './readableValue';

export const DbmsDocumentViewDocument = graphql(`
  query DbmsDocumentView($collection: String!, $id: ObjectId!, $userId: ObjectId) {
    dbmsDocument(collection: $collection, id: $id, userId: $userId) {
      id
      collection
      createdAt
      json
    }
  }
`);

/** Which document to open: the row of the list it was picked from. */
export const DocumentModalTarget = graphql(`
  fragment DocumentModal_target on DbmsDocument {
    id
    collection
  }
`);

interface DocumentModalProps {
  target: FragmentType<typeof DocumentModalTarget> | null;
  /** The collection as owners call it ("Chats"). */
  label: string;
  userId?: string;
  onClose: () => void;
  /** Delete the document on view (the list asks first). */
  onDelete: () => void;
}

/**
 * One document, readable: its fields in words, dates in the business time zone, amounts in
 * its currency, ids shortened with a copy button; the raw Extended JSON behind a toggle.
 */
export function DocumentModal({ userId, label, onClose, onDelete, ...props }: DocumentModalProps) {
  const [raw, setRaw] = useState(false);
  const target = getFragmentData(DocumentModalTarget, props.target);
  const toast = useToast();
  const { data, loading, error } = useQuery(
    DbmsDocumentViewDocument,
    target
      ? {
          variables: { collection: target.collection, id: target.id, userId },
          fetchPolicy: 'network-only',
        }
      : skipToken,
  );
  const found = data?.dbmsDocument;
  const json = useMemo(() => (found ? prettyJson(found.json) : ''), [found]);
  const fields = useMemo(() => (found ? readableDocument(found.json) : null), [found]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      toast.success('JSON copied.');
    } catch {
      toast.error('The browser did not allow copying: select the text instead.');
    }
  };

  return (
    <Modal
      open={target !== null}
      onClose={onClose}
      size="xl"
      title={`${label}: a document`}
      description={
        target && (
          <span className="font-mono text-xs break-all">
            {target.id}
            {found && ` · created ${formatDateTime(found.createdAt)}`}
          </span>
        )
      }
      footer={
        <>
          <Button
            variant="ghost"
            className="mr-auto text-rose-700 hover:bg-rose-50"
            onClick={onDelete}
          >
            Delete
          </Button>
          <Button variant="secondary" disabled={!found} onClick={() => setRaw(!raw)}>
            {raw ? 'Show fields' : 'Show raw JSON'}
          </Button>
          <Button
            variant="secondary"
            disabled={!found}
            onClick={() =>
              target &&
              saveBlob(
                new Blob([json], { type: 'application/json' }),
                `${target.collection}-${target.id}.json`,
              )
            }
          >
            Download
          </Button>
          <Button variant="secondary" disabled={!found} onClick={() => void copy()}>
            Copy JSON
          </Button>
          <Button onClick={onClose}>Close</Button>
        </>
      }
    >
      {loading && !found ? (
        <div aria-busy="true" className="grid gap-2">
          <Skeleton lines={8} />
        </div>
      ) : error ? (
        <p role="alert" className="text-sm text-rose-800">
          {errorMessage(error)}
        </p>
      ) : !raw && fields ? (
        <div className="max-h-[60vh] overflow-auto pr-1">
          <ReadableValue value={fields} />
        </div>
      ) : (
        <pre
          tabIndex={0}
          aria-label="Document JSON"
          className="max-h-[60vh] overflow-auto rounded-xl bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          {json}
        </pre>
      )}
    </Modal>
  );
}
