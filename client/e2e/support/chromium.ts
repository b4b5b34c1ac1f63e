import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEFAULT_PATH = '/usr/bin/chromium';

/** CI providers set CI=true (`.ci/run` does too); there a missing browser is a failure. */
export const inCI = (): boolean => {
  const value = process.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
};

/** CHROMIUM_PATH, else Debian's package (`apt-get install chromium`). */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH?.trim() || DEFAULT_PATH;
  return existsSync(candidate) ? candidate : undefined;
}

export const MISSING_CHROMIUM = [
  '',
  '================================================================',
  ' BROWSER SUITE SKIPPED: Chromium not found',
  ` (looked at CHROMIUM_PATH or ${DEFAULT_PATH}).`,
  ' Install it: apt-get install chromium (or set CHROMIUM_PATH).',
  ' In CI (CI=true) this is a failure, not a skip.',
  '================================================================',
  '',
].join('\n');

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in a container: no user namespaces for the sandbox, and a small /dev/shm.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}
