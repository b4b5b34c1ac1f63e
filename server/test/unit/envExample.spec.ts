import { readFileSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, configVariables, loadConfig, type Env } from '../../src/config';
import { envExampleFile, renderEnvExample } from '../../src/envExample';

const committed = readFileSync(envExampleFile, 'utf8');
const names = Object.keys(configVariables);

test('.env.example is what config.ts generates', () => {
  const expected = renderEnvExample();
  if (committed === expected) return;
  const have = committed.split('\n');
  const want = expected.split('\n');
  const line = want.findIndex((text, index) => have[index] !== text);
  throw new Error(
    `.env.example is stale: run npm run env:example\n` +
      `first difference at line ${line + 1}:\n  committed: ${have[line]}\n  generated: ${want[line]}`,
  );
});

test('every variable of the table is assigned once, and nothing else', () => {
  const assigned = committed
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.slice(0, line.indexOf('=')));
  expect(assigned).toEqual(names);
});

test('each variable carries its description and type', () => {
  for (const [name, spec] of Object.entries(configVariables)) {
    const block = committed
      .trimEnd()
      .split('\n\n')
      .find((text) => text.endsWith(`\n${name}=${valueOf(name)}`));
    expect(block).toBeDefined();
    const comment = block!.replace(/\n#\s?/g, ' ');
    expect(comment).toContain(spec.description.split(' ').slice(0, 4).join(' '));
  }
  expect(committed).toMatch(/# integer from 0 to 65535; default 4000\nPORT=4000\n/);
  expect(committed).toMatch(/# secret, required in production\nJWT_SECRET=\n/);
  expect(committed).toMatch(/# secret, required in production\nSECRETS_KEY=\n/);
  expect(committed).toMatch(/# secret, optional\nMETRICS_TOKEN=\n/);
});

const valueOf = (name: string): string => {
  const spec = configVariables[name as keyof typeof configVariables];
  return spec.type === 'secret' ? '' : spec.default;
};

test('secrets are blank: an example secret would end up in a real deployment', () => {
  const parsed = parseEnv(committed);
  for (const [name, spec] of Object.entries(configVariables)) {
    if (spec.type === 'secret') expect(parsed[name]).toBe('');
    else expect(parsed[name]).toBe(spec.default);
  }
});

test('no comment line is wider than 100 columns', () => {
  for (const line of committed.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
});

describe('copied to .env as it is', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-env-example-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const example = (): Env => ({ ...(parseEnv(committed) as Env), DATA_DIR: dataDir });

  test('development starts with the defaults', () => {
    const config = loadConfig(example());
    expect(config.env).toBe('development');
    expect(config.port).toBe(4000);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  test('production refuses to start, naming the missing secrets', () => {
    let problems: string[] = [];
    try {
      loadConfig({ ...example(), NODE_ENV: 'production' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual([
      'JWT_SECRET is required in production',
      'SECRETS_KEY is required in production',
    ]);
  });
});

test('long descriptions wrap at word boundaries', () => {
  const text = renderEnvExample({
    LONG: { type: 'string', default: 'x', description: 'word '.repeat(40).trim() },
  });
  const comments = text.trimEnd().split('\n\n')[1]!.split('\n');
  expect(comments.length).toBeGreaterThan(2);
  for (const line of comments) expect(line.length).toBeLessThanOrEqual(100);
  expect(comments.at(-1)).toBe('LONG=x');
});
