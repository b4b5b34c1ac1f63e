/**
 * `node -r ./swcRegister.js server/src/main.ts`: runs the server's TypeScript in a real
 * child process, compiled on load by SWC with the options jest uses (jest.swc.js), so a
 * process test runs the current source, never a stale `dist/`.
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const [, swcOptions] = require('../../jest.swc.js');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
