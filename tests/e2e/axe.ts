// axe-core check shared by the e2e specs: no serious or critical WCAG 2.1 AA violations on the page as it is now.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Vuetify fades menus and dialogs in: measured mid-transition, text colours are half-transparent and axe reports
  // contrast problems that no user sees. Wait until every running animation and transition has finished.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    what,
  ).toEqual([]);
}

export const SIZES = [
  { name: 'desktop', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Runs axe at desktop and phone size (and checks there is no horizontal scrolling), then restores the size. */
export async function expectAccessibleAtAllSizes(page: Page, what: string, shotPath?: (size: string) => string) {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expectAccessible(page, `${what} (${size.name})`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), what).toBe(true);
    if (shotPath) await page.screenshot({ path: shotPath(size.name), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
