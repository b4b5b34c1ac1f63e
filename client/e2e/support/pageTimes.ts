import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { resultsDir } from './pageChecks';

/** Time to content on the production build, ms from navigation start; the suite fails past these. */
export const PAGE_MARKS: Record<string, number> = {
  '/dashboard': 1000,
  '/analytics': 1500,
};

/**
 * When the page shows its content, in ms since its navigation began (the browser's own
 * clock): a heading, no skeleton or spinner left in <main>, every chart drawn.
 */
export async function contentShownAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      if (!main?.querySelector('h1')) return false;
      if (main.querySelector('.animate-pulse, .animate-spin, [aria-busy="true"]')) return false;
      const figures = Array.from(main.querySelectorAll('figure'));
      if (figures.some((figure) => !figure.querySelector('svg'))) return false;
      return performance.now();
    },
    undefined,
    { polling: 'raf', timeout: 20_000 },
  );
  return Number(await handle.jsonValue());
}

export interface PageTime {
  path: string;
  /** The slowest requests of the first cold load: what the time went to. */
  slowest?: string[];
  /** A first visit: nothing cached (a new browser profile). */
  cold: number[];
  /** The same browser loading it again: scripts from its cache. */
  warm: number[];
  mark?: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Loads each page `runs` times cold (a new context each) and `runs` times warm. */
export async function measurePages(
  browser: Browser,
  context: BrowserContextOptions,
  paths: string[],
  runs = 3,
): Promise<PageTime[]> {
  const times: PageTime[] = [];
  for (const target of paths) {
    const time: PageTime = { path: target, cold: [], warm: [], mark: PAGE_MARKS[target] };
    for (let run = 0; run < runs; run++) {
      const fresh = await browser.newContext(context);
      const page = await fresh.newPage();
      const finished: { name: string; endsAt: number }[] = [];
      page.on('requestfinished', (request) => {
        const timing = request.timing();
        const operation = /"operationName":"(\w+)"/.exec(request.postData() ?? '')?.[1];
        const name = operation ?? new URL(request.url()).pathname.split('/').pop() ?? '';
        finished.push({ name, endsAt: timing.startTime + timing.responseEnd });
      });
      await page.goto(target, { waitUntil: 'commit' });
      const shownAt = await contentShownAt(page);
      time.cold.push(Math.round(shownAt));
      if (run === 0) {
        const origin = await page.evaluate(() => performance.timeOrigin);
        time.slowest = finished
          .map((item) => ({ ...item, at: Math.round(item.endsAt - origin) }))
          .sort((a, b) => b.at - a.at)
          .slice(0, 4)
          .map((item) => `${item.name} ${item.at} ms`);
      }
      await page.reload({ waitUntil: 'commit' });
      time.warm.push(Math.round(await contentShownAt(page)));
      await fresh.close();
    }
    times.push(time);
  }
  writeFileSync(path.join(resultsDir, 'page-times.json'), JSON.stringify(times, null, 2));
  console.log(
    `time to content (median of ${runs}, ms; cold / warm; the fastest cold load is held to the mark):\n` +
      times
        .map(
          (t) =>
            `  ${t.path.padEnd(12)} ${String(median(t.cold)).padStart(5)} / ${String(median(t.warm)).padStart(5)}` +
            (t.mark ? `   mark ${t.mark}` : '') +
            (t.slowest ? `   (last to arrive: ${t.slowest.join(', ')})` : ''),
        )
        .join('\n'),
  );
  return times;
}

/**
 * The pages whose fastest cold load is past their mark. The fastest, not the median: the
 * suite runs beside the other test suites on two cores, and a page that once showed in time
 * can; a page past its mark every time has regressed.
 */
export const pastMarks = (times: PageTime[]) =>
  times.filter((t) => t.mark !== undefined && Math.min(...t.cold) > t.mark);
