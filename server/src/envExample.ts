import path from 'node:path';
import { configVariables, type VariableSpec } from './config';

/** The committed example at the repository root (the same path from src/ and dist/). */
export const envExampleFile = path.resolve(__dirname, '../../.env.example');

const WIDTH = 100;

const header = [
  'Generated from server/src/configVariables.ts by `npm run env:example`: edit the table there, not this file.',
  'Copy to .env. In development every variable is optional: secrets are generated once under DATA_DIR, and without MONGODB_URI the server starts its embedded FerretDB.',
  'Production (NODE_ENV=production, as docker-compose.yml runs it) refuses to start without JWT_SECRET and SECRETS_KEY, or with placeholder secrets.',
];

/** The text of `.env.example`: every variable of the table, its type, default and purpose. */
export function renderEnvExample(
  variables: Record<string, VariableSpec> = configVariables,
): string {
  const blocks = [header.flatMap(comment).join('\n')];
  for (const [name, spec] of Object.entries(variables)) {
    const lines = [...comment(spec.description), ...comment(typeOf(spec))];
    blocks.push([...lines, `${name}=${valueOf(spec)}`].join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function typeOf(spec: VariableSpec): string {
  switch (spec.type) {
    case 'integer':
      return `integer from ${spec.min} to ${spec.max}; default ${spec.default}`;
    case 'proxies':
      return `hop count from ${spec.min} to ${spec.max}, or comma-separated proxy addresses; default ${spec.default}`;
    case 'enum':
      return `one of ${spec.values?.join(' | ')}; default ${spec.default}`;
    case 'list':
      return 'comma-separated list, optional';
    case 'url':
      return spec.default ? `http(s) URL; default ${spec.default}` : 'http(s) URL, optional';
    case 'secret':
      return spec.requiredInProduction ? 'secret, required in production' : 'secret, optional';
    default:
      return spec.default ? `text; default ${spec.default}` : 'text, optional';
  }
}

/** Secrets stay blank: an example value would be copied into a real deployment. */
const valueOf = (spec: VariableSpec): string => (spec.type === 'secret' ? '' : spec.default);

/** `# `-prefixed lines, wrapped at word boundaries. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length > 1 && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}
