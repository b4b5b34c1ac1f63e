/**
 * Tests that need a program of the machine rather than an npm package (redis-server for
 * the Redis scale-out tests, Chromium for the browser suite). Outside CI a missing one
 * skips those tests with one loud line naming the Debian package to install; in CI
 * (CI=true) they run and fail, so a CI image without it can never pass as green.
 * Shared by the server tests and the browser suite (client/e2e).
 */

import path from 'node:path';

/** CI providers set CI=true (`.ci/run` does too); there a missing service is a failure. */
export const inCI = (): boolean => {
  const value = process.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
};

/** A system service some tests need, found missing. */
export interface MissingService {
  /** The tests that need it: "the Redis scale-out tests". */
  neededBy: string;
  /** What is missing, and where it was looked for: "redis-server is not on PATH". */
  problem: string;
  /** The Debian package that provides it: `apt-get install <debianPackage>`. */
  debianPackage: string;
  /** Another way out than installing it: "or set CHROMIUM_PATH". */
  alternative?: string;
}

const remedy = (missing: MissingService) =>
  `Install it: apt-get install ${missing.debianPackage}` +
  (missing.alternative ? `, ${missing.alternative}` : '');

/** What a missing service fails with in CI. */
export function missingServiceError(missing: MissingService): Error {
  const error = new Error(
    `${missing.neededBy} cannot run: ${missing.problem}. ${remedy(missing)}. ` +
      'With CI=true a missing service is a failure, not a skip.',
  );
  // jest shows the code where the error was made: make that the caller.
  Error.captureStackTrace(error, missingServiceError);
  return error;
}

const colours = (): boolean => {
  if (process.env.NO_COLOR) return false;
  // jest's workers write to a pipe; jest sets FORCE_COLOR for them when its own output has colours.
  const forced = process.env.FORCE_COLOR;
  if (forced !== undefined) return forced !== '0' && forced !== 'false';
  return process.stderr.isTTY === true;
};

/**
 * Straight to stderr, not console.warn: jest drops the console output of a test file
 * whose tests were all skipped whenever it runs more than one file (as `npm test` does).
 */
function announceSkip(missing: MissingService): void {
  const testPath = expect.getState().testPath;
  const file = testPath ? ` (${path.relative(process.cwd(), testPath)})` : '';
  const line =
    `SKIPPED ${missing.neededBy}${file}: ${missing.problem}. ${remedy(missing)} ` +
    '(with CI=true this fails instead)';
  process.stderr.write(colours() ? `\x1b[1;33m${line}\x1b[0m\n` : `${line}\n`);
}

/**
 * `block` (jest's `describe` or `test`) when the service is there, or in CI, where the
 * tests run and their setup fails on the missing service; otherwise `block.skip`, after
 * one loud line on stderr. Skipped tests run no `beforeAll` / `afterAll` either.
 */
export function whenInstalled<Block extends { skip: Block }>(
  missing: MissingService | undefined,
  block: Block,
): Block {
  if (!missing || inCI()) return block;
  announceSkip(missing);
  return block.skip;
}
