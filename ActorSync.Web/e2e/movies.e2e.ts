import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, expectOnlyPersistedIds, launch, open, oracle, PHONE, screenshot, sorted } from './helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface SharedCast { compareMovies: { movies: { title: string }[]; sharedCast: { actor: { name: string } }[] } }

async function sharedNames(ids: number[]): Promise<string[]> {
  const data = await oracle<SharedCast>(baseUrl, 'shared-cast.graphql', { ids });
  return data.compareMovies.sharedCast.map((member) => member.actor.name);
}

describe('movies mode', () => {
  it('finds movies as you type with title, year and overview, and compares their casts', async () => {
    const { page, graphqlRequests } = await open(browser, baseUrl, '/movies');
    const search = page.getByRole('combobox', { name: 'Search for a movie' });
    await search.fill('the matrix');
    await expect.poll(() => page.getByRole('option').first().textContent()).toMatch(/The Matrix.*\(1999\)/);
    await screenshot(page, 'movies-search-desktop');
    await search.press('ArrowDown');
    await search.press('Enter');
    const next = page.getByRole('combobox', { name: 'Add another movie' });
    await next.fill('matrix reloaded');
    await page.getByRole('option', { name: /The Matrix Reloaded/ }).first().click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('summary').waitFor();
    expect(new URL(page.url()).search).toBe('?movies=603,604');
    const names = await page.locator('[data-testid=shared-actor] .person-name a').allTextContents();
    expect(names).toEqual(await sharedNames([603, 604]));
    expect(await page.getByTestId('summary').textContent()).toBe(`${names.length} shared actors`);
    expectOnlyPersistedIds(graphqlRequests);
  });

  it.each([
    ['/movies?movies=603,604', [603, 604]],
    ['/movies?movie1_id=603&movie2_id=604', [603, 604]],
    ['/movies?movies=120,121,122', [120, 121, 122]],
  ])('restores %s with the names and the shared cast', async (path, ids) => {
    const { page } = await open(browser, baseUrl, path);
    await page.getByTestId('summary').waitFor();
    expect(new URL(page.url()).search).toBe(`?movies=${ids.join(',')}`);
    const expected = await oracle<SharedCast>(baseUrl, 'shared-cast.graphql', { ids });
    await expect.poll(() => page.locator('.chip-name').allTextContents())
      .toEqual(expect.arrayContaining(expected.compareMovies.movies.map((movie) => expect.stringContaining(movie.title))));
    expect(sorted(await page.locator('[data-testid=shared-actor] .person-name a').allTextContents())).toEqual(sorted(await sharedNames(ids)));
    if (ids.length === 3) {
      await screenshot(page, 'movies-trio-desktop');
      await expectAccessible(page);
    }
  });

  it('says when movies share no actor', async () => {
    // Avatar and Fight Club share no actor in the snapshot.
    expect(await sharedNames([19995, 550])).toEqual([]);
    const { page } = await open(browser, baseUrl, '/movies?movies=19995,550');
    await page.getByRole('heading', { name: 'No actors in common' }).waitFor();
    expect(await page.locator('.empty').textContent()).toContain("These movies don't share any actors in their cast.");
  });

  it('shows the other actors of each movie with All', async () => {
    const { page } = await open(browser, baseUrl, '/movies?movies=603,604&view=all');
    await page.getByTestId('summary').waitFor();
    await expect.poll(() => page.locator('.others-movie').count()).toBe(2);
    expect(await page.locator('.others-movie .person').count()).toBeGreaterThan(5);
    await screenshot(page, 'movies-all-desktop');
  });

  it('says in words when a movie id is unknown', async () => {
    const { page } = await open(browser, baseUrl, '/movies?movies=603,999999998');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('could not find that movie');
  });

  it('fits 390 and 360 px phones and passes axe', async () => {
    for (const [path, name] of [['/movies', 'movies-start'], ['/movies?movies=603,604', 'movies-pair']] as const) {
      const { page } = await open(browser, baseUrl, path, PHONE);
      if (path !== '/movies') await page.getByTestId('summary').waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${name}-phone`);
      // The narrowest phone the app is made for.
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      if (path === '/movies') {
        const desktop = await open(browser, baseUrl, path);
        await screenshot(desktop.page, `${name}-desktop`);
        await expectAccessible(desktop.page);
      }
    }
    const desktop = await open(browser, baseUrl, '/movies?movies=603,604');
    await desktop.page.getByTestId('summary').waitFor();
    await screenshot(desktop.page, 'movies-pair-desktop');
    await expectAccessible(desktop.page);
  });
});
