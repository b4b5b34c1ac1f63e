import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

export const resultsDir = path.resolve(__dirname, '../../test-results');
export const screenshotsDir = path.join(resultsDir, 'screenshots');
export const downloadsDir = path.join(resultsDir, 'downloads');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A fresh results folder per run: no screenshot from an older run passes for this one. */
export function resetResults(): void {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(screenshotsDir, { recursive: true });
  mkdirSync(downloadsDir, { recursive: true });
}

/** Polls `check` until it returns true: for values that change live, not on a timer. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Collects console errors and uncaught exceptions of every page it watches; the suite
 * fails a step that produced any. Warnings are kept to be reported, not failed on.
 */
export class ConsoleWatch {
  private errors: string[] = [];
  readonly warnings: string[] = [];

  watch(page: Page, label: string): Page {
    page.on('console', (message) => {
      const type = message.type();
      if (type !== 'error' && type !== 'warning') return;
      const { url, lineNumber } = message.location();
      const line = `[${label}] console.${type}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
      if (type === 'error') this.errors.push(line);
      else this.warnings.push(line);
    });
    page.on('pageerror', (error) => {
      this.errors.push(`[${label}] uncaught: ${error.stack ?? error.message}`);
    });
    return page;
  }

  async newPage(context: BrowserContext, label: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return this.watch(page, label);
  }

  /** The errors since the last call. */
  take(): string[] {
    const taken = this.errors;
    this.errors = [];
    return taken;
  }
}

/** Skeletons gone, fonts loaded, layout painted: what a person would look at. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
    timeout: 15_000,
  });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** Runs axe-core in the page; serious and critical violations fail with what and where. */
export async function checkAccessibility(
  page: Page,
  where: string,
  exclude: string[] = [],
): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: axe.source });
  }
  const violations = await page.evaluate(async (excluded: string[]) => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const context = excluded.length
      ? { exclude: excluded.map((selector) => [selector]) }
      : document;
    const results = await runner.run(context, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        failureSummary: node.failureSummary,
      })),
    }));
  }, exclude);
  const failing = (violations as AxeViolation[]).filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  if (failing.length === 0) return;
  const report = failing
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((node) => `    - ${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`)
        .join('\n');
      return `  ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  throw new Error(`axe found serious accessibility violations on ${where}:\n${report}`);
}

let shot = 0;

/**
 * The page as it is now at 1280x800 and at 390x844 (a phone): each size is checked by
 * axe and saved as client/test-results/screenshots/<nn>-<name>-<size>.png.
 */
export async function capture(
  page: Page,
  name: string,
  options: { exclude?: string[] } = {},
): Promise<void> {
  shot += 1;
  // A background tab gets no animation frames: settling and screenshots would crawl.
  await page.bringToFront();
  const prefix = `${String(shot).padStart(2, '0')}-${name}`;
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await settle(page);
    await checkAccessibility(page, `${name} at ${size.width}x${size.height}`, options.exclude);
    // Full-page shots of a scrolled page misplace the sticky top bar.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: path.join(screenshotsDir, `${prefix}-${size.width}x${size.height}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }
  await page.setViewportSize(DESKTOP);
  await settle(page);
}
