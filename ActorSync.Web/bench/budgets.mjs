// The web app's budgets (issue 16), measured, not asserted: bench/run.sh --only webapp.
//   1. JS + CSS of the first load, gzipped (and brotli), from the files the page actually loads.
//   2. Compare two actors: from pressing Compare to the comparison painted, in the browser (performance.now() around
//      the click, then the next animation frame after the summary appears), median of 10 pairs, offline snapshot.
// Starts the published API (--api) on a free loopback port and Debian's Chromium; stops both.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startApi } from '../e2e/api.mjs';

const args = process.argv.slice(2);
const apiDll = args[args.indexOf('--api') + 1];
if (!args.includes('--api') || !existsSync(apiDll)) {
  console.error('usage: node bench/budgets.mjs --api <published ActorSync.GraphQL.dll>');
  process.exit(2);
}
process.env.ACTORSYNC_API_DLL = apiDll;

// Ten pairs that share movies in the snapshot, each new to the API (no result cached), plus one to warm up.
const WARM_UP = [[287, 'Edward Norton', 819]];
const PAIRS = [
  [1892, 'Ben Affleck', 880], [31, 'Tim Allen', 12898], [10980, 'Rupert Grint', 10989], [109, 'Ian McKellen', 1327],
  [6193, 'Tom Hardy', 2524], [3223, 'Gwyneth Paltrow', 12052], [500, 'Nicole Kidman', 2227], [1245, 'Chris Evans', 16828],
  [2888, 'Tommy Lee Jones', 2176], [8891, 'Olivia Newton-John', 8892],
];

const median = (values) => { const sorted = [...values].sort((a, b) => a - b); const mid = sorted.length >> 1; return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2; };

const api = await startApi({ RateLimits__Enabled: 'false', PersistedOperations__OnlyPersisted: 'true' });
const browser = await chromium.launch({ executablePath: ['/usr/bin/chromium', '/usr/bin/google-chrome'].find(existsSync) ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  // 1. First load.
  const context = await browser.newContext({ baseURL: api.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route((url) => url.origin !== api.url, (route) => route.abort());
  const assets = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') assets.push(new URL(response.url()).pathname);
  });
  await page.goto('/', { waitUntil: 'networkidle' });
  const firstLoad = [...new Set(assets)];
  const web = join(dirname(apiDll), 'web');
  const size = (path, ext) => statSync(join(web, path + ext)).size;
  const gzip = firstLoad.reduce((sum, path) => sum + size(path, '.gz'), 0);
  const brotli = firstLoad.reduce((sum, path) => sum + size(path, '.br'), 0);
  const raw = firstLoad.reduce((sum, path) => sum + size(path, ''), 0);

  // 2. Compare two actors.
  async function compare(first, name) {
    await page.goto(`/?actors=${first}`);
    const input = page.getByRole('combobox');
    await input.fill(name);
    await page.getByRole('option').first().waitFor();
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.locator('.chip').nth(1).waitFor();
    return page.evaluate(() => new Promise((resolve) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Compare');
      const start = performance.now();
      const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid=summary]')) { observer.disconnect(); done(); }
      });
      observer.observe(document.body, { childList: true, subtree: true });
      button.click();
    }));
  }
  for (const [first, name] of WARM_UP) await compare(first, name);
  const times = [];
  for (const [first, name, second] of PAIRS) {
    const ms = await compare(first, name);
    if (!page.url().endsWith(`?actors=${first},${second}`)) throw new Error(`Compared ${page.url()}, expected ${first},${second}`);
    // Pairs that share movies: the timeline drawn, not the empty state.
    if (!(await page.getByTestId('summary').textContent()).includes(' share ')) throw new Error(`${first},${second} share no movie`);
    times.push(ms);
  }
  const repeat = [];
  for (const [first, name] of PAIRS.slice(0, 5)) repeat.push(await compare(first, name));

  const kb = (bytes) => (bytes / 1024).toFixed(1);
  console.log(`webapp: first load, ${firstLoad.length} JS/CSS files: ${kb(gzip)} KB gzipped (${kb(brotli)} KB brotli, ${kb(raw)} KB raw); budget 60 KB gzipped: ${gzip <= 60 * 1024 ? 'pass' : 'FAIL'}`);
  console.log(`webapp: compare two actors, Compare pressed to comparison painted, 10 pairs new to the API: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); budget 300 ms: ${median(times) <= 300 ? 'pass' : 'FAIL'}`);
  console.log(`webapp: the same pairs again (answers cached by the API): median ${median(repeat).toFixed(0)} ms`);
  console.log(`webapp: each run (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
} finally {
  await browser.close();
  await api.stop();
}
