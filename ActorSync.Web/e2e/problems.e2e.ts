import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from './api.mjs';
import { launch, open, screenshot } from './helpers';

// A second API, live against a TMDB address where nothing listens, with one comparison a window allowed: the
// failures a person can meet, from the real server.
let api: RunningApi;
let browser: Browser;

beforeAll(async () => {
  api = await startApi({
    TMDB_MODE: 'live',
    TMDB_API_KEY: '0123456789abcdef0123456789abcdef',
    TMDB_BASE_URL: 'http://127.0.0.1:9/3/',
    Tmdb__Resilience__MaxRetries: '0',
    RateLimits__ComparePerWindow: '1',
    RateLimits__Window: '00:10:00',
    PersistedOperations__OnlyPersisted: 'true',
  });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe('problems, in words', () => {
  it('says TMDB is unavailable, then that the comparison is rate limited and when to retry', async () => {
    const { page } = await open(browser, api.url, '/?actors=287,819');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.locator('h2').textContent(), { timeout: 20_000 }).toBe('TMDB is unavailable');
    expect(await alert.textContent()).not.toMatch(/[{}]|UPSTREAM/);
    await screenshot(page, 'problem-unavailable-desktop');

    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByRole('alert').locator('h2').textContent(), { timeout: 20_000 }).toBe('Slow down a little');
    const text = (await page.getByRole('alert').textContent())!;
    expect(text).toMatch(/try again in \d+ (seconds|minutes)/);
    expect(text).not.toMatch(/[{}]|RATE_LIMITED/);
    // The retry button waits out the time the API gave.
    expect(await page.getByRole('alert').getByRole('button').isDisabled()).toBe(true);
    await screenshot(page, 'problem-rate-limited-desktop');
  });
});
