import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotsDir } from './pageChecks';

/** A picture of the screen as it is (not the full page): what a person sees without scrolling. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotsDir, `layout-${name}.png`) });

/** Whether the element lies wholly inside the viewport, as it is scrolled now. */
export async function onScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return (
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width &&
    box.y + box.height <= viewport.height
  );
}

/**
 * What makes the page scroll sideways: the outermost elements reaching past the screen's
 * right edge (none when it does not scroll).
 */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
    // What a scrolling box holds scrolls inside it, not the page.
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const past = Array.from(document.querySelectorAll('body *')).filter(
      (element) =>
        element.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(element),
    );
    return past
      .filter((element) => !past.includes(element.parentElement!))
      .slice(0, 5)
      .map((element) => {
        const label = element.getAttribute('aria-label') ?? element.textContent?.slice(0, 40);
        return `<${element.tagName.toLowerCase()} class="${element.className}"> ${label ?? ''} (right ${Math.round(element.getBoundingClientRect().right)})`;
      });
  });

/** Whether two elements' boxes overlap. */
export async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [one, two] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!one || !two) return false;
  return (
    one.x < two.x + two.width &&
    two.x < one.x + one.width &&
    one.y < two.y + two.height &&
    two.y < one.y + one.height
  );
}
