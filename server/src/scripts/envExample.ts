import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { envExampleFile, renderEnvExample } from '../envExample';

/**
 * Writes `.env.example` from configVariables.ts's table (`npm run env:example`), or with --check
 * only tells whether the committed file is current.
 */
function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const text = renderEnvExample();
  const name = path.relative(process.cwd(), envExampleFile) || envExampleFile;
  if (values.check) {
    const current = readFileSync(envExampleFile, 'utf8');
    if (current !== text) {
      console.error(`${name} is stale: run npm run env:example`);
      process.exit(1);
    }
    console.log(`${name} is up to date.`);
    return;
  }
  writeFileSync(envExampleFile, text);
  console.log(`Wrote ${name}.`);
}

main();
