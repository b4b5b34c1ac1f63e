import { mongo } from 'mongoose';
import type { ImportReport } from '../../src/modules/dbms/importReport';
import type { TestApp } from './testApp';

const { EJSON } = mongo.BSON;

/** One export record, its document parsed back into BSON values. */
export interface ExportRecord {
  collection: string;
  document: Record<string, unknown>;
}

export interface ExportResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function exportAs(
  t: TestApp,
  token: string | undefined,
  query = '',
): Promise<ExportResponse> {
  const response = await fetch(`${t.url}/api/dbms/export${query ? `?${query}` : ''}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The records of an NDJSON export (canonical Extended JSON, one per line). */
export const ndjsonRecords = (text: string): ExportRecord[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => EJSON.parse(line, { relaxed: false }) as ExportRecord);

export const recordLine = (collection: string, document: object): string =>
  EJSON.stringify({ collection, document }, { relaxed: false });

export interface ImportResponse {
  status: number;
  report?: ImportReport;
  errors?: { message: string; extensions: { code: string; report?: ImportReport } }[];
}

export async function importAs(
  t: TestApp,
  token: string | undefined,
  body: string,
  query = '',
): Promise<ImportResponse> {
  const response = await fetch(`${t.url}/api/dbms/import${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const json = (await response.json()) as ImportResponse['report'] & Pick<ImportResponse, 'errors'>;
  return json.errors
    ? { status: response.status, errors: json.errors }
    : { status: response.status, report: json };
}
