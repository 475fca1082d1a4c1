// How long Mijn dossier's Tijdslijn and Lezen take to show a client with years of reports, measured in Debian's
// Chromium on the built web UI: from the click on the tab until its content says data-ready="true" and a frame has
// been painted. Also counts the timeline cards in the DOM: only the visible window may be rendered.
import { chromium, type Browser } from '@playwright/test';
import { Cookie } from '../../shared/api/paths.ts';

export interface TabFigures {
  tab: string;
  medianMs: number;
  maxMs: number;
  runs: number;
}

export interface BrowserFigures {
  tabs: TabFigures[];
  timelineCards: number;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// The tabs as the UI labels them, with the selector their content matches once shown (renderer/src/lib/dossier-tabs.ts).
const TABS = [
  { label: 'Tijdslijn', query: 'tijdslijn', ready: '[data-testid="dossier-timeline"][data-ready="true"]' },
  { label: 'Lezen', query: 'lezen', ready: '[data-testid="dossier-read"][data-ready="true"]' },
] as const;
const START = { query: 'plannen', ready: '[data-testid="dossier-plans"][data-ready="true"]' };

/**
 * Runs in the page. Written as plain source text: the bench runs under tsx, whose transform would wrap named inner
 * functions in a helper (__name) that does not exist in the browser.
 */
const MEASURE_TAB_SWITCH = `async ({ label, ready }) => {
  const el = [...document.querySelectorAll('[role="tab"]')].find((e) => e.textContent.trim() === label);
  if (!el) throw new Error('no tab ' + label);
  const start = performance.now();
  el.click();
  await new Promise((resolve) => {
    const check = () => (document.querySelector(ready) ? resolve() : requestAnimationFrame(check));
    check();
  });
  // one more frame: the content has been painted, not only put in the DOM
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function browserBench(url: string, sessionToken: string, runs = 7): Promise<BrowserFigures> {
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const { hostname } = new URL(url);
    await context.addCookies([
      { name: Cookie.session, value: sessionToken, domain: hostname, path: '/', httpOnly: true, sameSite: 'Strict' },
    ]);
    const page = await context.newPage();
    const tabs: TabFigures[] = [];
    let timelineCards = 0;
    for (const tab of TABS) {
      const times: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        // Start on Plannen, then switch: the figure is the tab's own work (its requests and rendering).
        await page.goto(`${url}/dossier?tab=${START.query}`);
        await page.waitForSelector(START.ready, { timeout: 30_000 });
        const ms = await page.evaluate<number>(
          `(${MEASURE_TAB_SWITCH})(${JSON.stringify({ label: tab.label, ready: tab.ready })})`,
        );
        if (i > 0) times.push(ms); // the first run warms caches (bundle chunks, SQLite pages)
        if (tab.query === 'tijdslijn') {
          timelineCards = await page.locator('[data-testid="dossier-timeline"] button').count();
        }
      }
      tabs.push({ tab: tab.label, medianMs: median(times), maxMs: Math.max(...times), runs });
    }
    return { tabs, timelineCards };
  } finally {
    await browser.close();
  }
}
