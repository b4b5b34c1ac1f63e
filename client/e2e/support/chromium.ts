import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { MissingService } from '../../../server/test/support/systemServices';

const DEFAULT_PATH = '/usr/bin/chromium';

const configuredPath = () => process.env.CHROMIUM_PATH?.trim() || undefined;

/** CHROMIUM_PATH (when set, only it), else Debian's package (`apt-get install chromium`). */
export function chromiumPath(): string | undefined {
  const candidate = configuredPath() ?? DEFAULT_PATH;
  return existsSync(candidate) ? candidate : undefined;
}

/** When `chromiumPath()` finds none: what the skip line (and in CI the failure) says. */
export function chromiumNotFound(): MissingService {
  const configured = configuredPath();
  return {
    neededBy: 'the browser suite',
    problem: configured
      ? `Chromium not found at ${configured} (CHROMIUM_PATH)`
      : `Chromium not found at ${DEFAULT_PATH}`,
    debianPackage: 'chromium',
    alternative: 'or point CHROMIUM_PATH at a Chromium',
  };
}

export async function launchChromium(
  executablePath: string,
  /** Names resolved to 127.0.0.1, as public DNS would resolve a deployment's. */
  localNames: string[] = [],
): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in a container: no user namespaces for the sandbox, and a small /dev/shm.
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      ...(localNames.length
        ? [`--host-resolver-rules=${localNames.map((name) => `MAP ${name} 127.0.0.1`).join(', ')}`]
        : []),
    ],
  });
}
