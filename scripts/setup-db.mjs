// Builds the embedded database (FerretDB 1.24, SQLite backend) into .tools/bin/ once.
// `npm start` and `npm test` run this first; when the binary is current it takes
// milliseconds. The Go module pinning FerretDB lives in tools/ferretdb/.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'tools', 'ferretdb');
const binDir = path.join(root, '.tools', 'bin');
const exe = os.platform() === 'win32' ? '.exe' : '';
const binary = path.join(binDir, `ferretdb${exe}`);
const stampFile = path.join(binDir, 'ferretdb.stamp');
const MIN_GO = [1, 24];

const stamp = createHash('sha256')
  .update(['go.mod', 'go.sum', 'main.go'].map((f) => readFileSync(path.join(source, f))).join('\0'))
  .digest('hex');

if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`setup:db: embedded FerretDB is ready (${path.relative(root, binary)})`);
  process.exit(0);
}

if (process.env.MONGODB_URI || mongodbUriInDotEnv()) {
  console.log('setup:db: MONGODB_URI is set, so the embedded FerretDB is not needed: skipping.');
  process.exit(0);
}

const go = findGo();
if (!go) {
  fail(
    'Salesdesk needs a database, and it found neither Go nor MONGODB_URI. Either install ' +
      `Go ${MIN_GO.join('.')} or newer (https://go.dev/dl; it is looked for on the PATH and in ` +
      `${standardGoDirs().join(', ')}) and run \`npm run setup:db\` again to build the embedded ` +
      'FerretDB, or set MONGODB_URI (in the environment or in .env) to a MongoDB 7 server ' +
      'you already run.',
  );
}

const version = spawnSync(go, ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim();
const [major = 0, minor = 0] = (version.match(/go(\d+)\.(\d+)/) ?? []).slice(1).map(Number);
if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
  fail(
    `setup:db: ${go} is ${version || 'an unknown version'}; building FerretDB needs Go ` +
      `${MIN_GO.join('.')} or newer. Upgrade Go (https://go.dev/dl), or set MONGODB_URI instead.`,
  );
}

console.log(
  `setup:db: building FerretDB 1.24.2 with ${version} (first time only, about a minute)...`,
);
mkdirSync(binDir, { recursive: true });
const build = spawnSync(go, ['build', '-trimpath', '-o', binary, '.'], {
  cwd: source,
  stdio: 'inherit',
  // Never reach for another toolchain: this machine's Go is new enough (checked above).
  env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
});
if (build.status !== 0) fail('setup:db: `go build` of FerretDB failed (see above).');
writeFileSync(stampFile, stamp);
console.log(`setup:db: built ${path.relative(root, binary)}`);

function findGo() {
  const name = `go${exe}`;
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name));
  const candidates = [...onPath, ...standardGoDirs().map((dir) => path.join(dir, name))];
  return candidates.find((candidate) => existsSync(candidate));
}

function standardGoDirs() {
  if (os.platform() === 'win32') return ['C:\\Program Files\\Go\\bin'];
  return ['/usr/local/go/bin', path.join(os.homedir(), 'go', 'bin'), '/opt/homebrew/bin'];
}

function mongodbUriInDotEnv() {
  const file = path.join(root, '.env');
  return existsSync(file) && /^\s*MONGODB_URI\s*=\s*\S+/m.test(readFileSync(file, 'utf8'));
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
