// The real app in its own process, for scenarios that read its memory alone
// (/proc/<pid>/status: "export", "growth"). Started with
// the configuration as JSON in argv[2]; prints "READY <url>" once listening.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { createApp } = require('../server/dist/app.js');
const { loadConfig } = require('../server/dist/config.js');

const app = await createApp(loadConfig(JSON.parse(process.argv[2])));
const url = await app.listen();
process.stdout.write(`READY ${url}\n`);

const stop = () =>
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The bench going away (crash, Ctrl-C) closes this pipe: stop with it.
process.stdin.on('end', stop);
process.stdin.resume();
