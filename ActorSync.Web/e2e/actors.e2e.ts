import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, expectAccessible, expectNoHorizontalScroll, expectOnlyPersistedIds, launch, open, oracle, PHONE, screenshot, sorted } from './helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Compared { compareActors: { actors: { name: string }[]; sharedMovies: { movie: { title: string } }[] } }

async function sharedTitles(ids: number[]): Promise<string[]> {
  const data = await oracle<Compared>(baseUrl, 'compare-actors.graphql', { ids });
  return data.compareActors.sharedMovies.map((shared) => shared.movie.title);
}

describe('actors mode', () => {
  it('finds an actor as you type, chooses with the keyboard, and compares', async () => {
    const { page, graphqlRequests, errors } = await open(browser, baseUrl, '/');
    const search = page.getByRole('combobox', { name: 'Search for an actor' });
    await search.fill('brad pit');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Brad Pitt');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Known for:');
    await search.press('ArrowDown');
    expect(await search.getAttribute('aria-activedescendant')).toBeTruthy();
    await search.press('Enter');
    await expect.poll(() => page.locator('.chip-name').allTextContents()).toEqual(['Brad Pitt']);

    const next = page.getByRole('combobox', { name: 'Add another actor' });
    await next.fill('edward norton');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Edward Norton');
    await next.press('ArrowDown');
    await next.press('Enter');
    await expect.poll(() => page.locator('.chip-name').allTextContents()).toEqual(['Brad Pitt', 'Edward Norton']);
    // Enter with the list closed submits: the whole flow without a mouse.
    await next.press('Enter');

    await expect.poll(() => page.getByTestId('summary').textContent()).toContain('Brad Pitt and Edward Norton share');
    expect(new URL(page.url()).search).toBe('?actors=287,819');
    const titles = await page.locator('[data-testid=shared-movie] .card-title a').allTextContents();
    expect(sorted(titles)).toEqual(sorted(await sharedTitles([287, 819])));
    expectOnlyPersistedIds(graphqlRequests);
    expect(errors).toEqual([]);
  });

  it('chooses suggestions with the mouse', async () => {
    const { page } = await open(browser, baseUrl, '/');
    await page.getByRole('combobox', { name: 'Search for an actor' }).fill('matt damon');
    await page.getByRole('option', { name: /Matt Damon/ }).first().click();
    await page.getByRole('combobox', { name: 'Add another actor' }).fill('ben affleck');
    await page.getByRole('option', { name: /Ben Affleck/ }).first().click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => page.getByTestId('summary').textContent()).toContain('Matt Damon and Ben Affleck share');
    const titles = await page.locator('[data-testid=shared-movie] .card-title a').allTextContents();
    expect(sorted(titles)).toEqual(sorted(await sharedTitles([1892, 880])));
  });

  it.each([
    [[287, 819]],
    [[1892, 880]],
    [[31, 12898]],
    [[10980, 10989, 10990]],
  ])('shows the shared movies the API answers for %j', async (ids) => {
    const expected = await sharedTitles(ids);
    expect(expected.length).toBeGreaterThan(0);
    const { page } = await open(browser, baseUrl, `/?actors=${ids.join(',')}`);
    await page.getByTestId('summary').waitFor();
    const titles = await page.locator('[data-testid=shared-movie] .card-title a').allTextContents();
    expect(sorted(titles)).toEqual(sorted(expected));
    // Names are filled in from the link alone (the original lost them).
    const names = (await oracle<Compared>(baseUrl, 'compare-actors.graphql', { ids })).compareActors.actors.map((actor) => actor.name);
    await expect.poll(() => page.locator('.chip-name').allTextContents()).toEqual(names);
    if (ids.length === 3) {
      await screenshot(page, 'actors-trio-desktop');
      await expectAccessible(page);
    }
  });

  it('opens a link shared from the original app as the same comparison, in the new form', async () => {
    const { page } = await open(browser, baseUrl, '/?actor1_id=287&actor2_id=819');
    await page.getByTestId('summary').waitFor();
    expect(new URL(page.url()).search).toBe('?actors=287,819');
    expect(await page.locator('.chip-name').allTextContents()).toEqual(['Brad Pitt', 'Edward Norton']);
    expect(sorted(await page.locator('[data-testid=shared-movie] .card-title a').allTextContents())).toEqual(sorted(await sharedTitles([287, 819])));
  });

  it('switches to All, keeps it in the address, and goes back through history', async () => {
    const { page } = await open(browser, baseUrl, '/?actors=287,819');
    await page.getByTestId('summary').waitFor();
    const sharedRows = await page.locator('[data-testid=solo-movie]').count();
    expect(sharedRows).toBe(0);
    await page.getByRole('radio', { name: 'All' }).check();
    await expect.poll(() => page.locator('[data-testid=solo-movie]').count()).toBeGreaterThan(10);
    expect(new URL(page.url()).search).toBe('?actors=287,819&view=all');
    await screenshot(page, 'actors-all-desktop');

    await page.getByRole('link', { name: 'Movies', exact: true }).click();
    await page.getByRole('heading', { name: 'Compare movies' }).waitFor();
    await page.goBack();
    await page.getByTestId('summary').waitFor();
    expect(new URL(page.url()).search).toBe('?actors=287,819&view=all');
  });

  it('shows an actor\'s top co-stars from the chip and adds one to the comparison', async () => {
    const { page } = await open(browser, baseUrl, '/?actors=287,819');
    await page.getByTestId('summary').waitFor();
    await page.getByRole('button', { name: 'Top co-stars of Brad Pitt' }).click();
    await page.getByRole('heading', { name: "Brad Pitt's top co-stars" }).waitFor();
    const first = page.locator('.costar').first();
    const name = (await first.locator('a').textContent())!;
    await first.getByRole('button', { name: `Add ${name}` }).click();
    await expect.poll(() => page.locator('.chip-name').allTextContents()).toEqual(['Brad Pitt', 'Edward Norton', name]);
    await screenshot(page, 'actors-costars-desktop');
    await expectAccessible(page);
  });

  it('says in words when an id is unknown', async () => {
    const { page } = await open(browser, baseUrl, '/?actors=287,999999999');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent())!;
    expect(text).toContain('could not find');
    expect(text).toContain('999999999');
    expect(text).not.toContain('{');
    await screenshot(page, 'actors-not-found-desktop');
  });

  it('says the actors share nothing, and offers their careers side by side', async () => {
    // Kevin Bacon and Daniel Radcliffe have no movie together in the snapshot.
    expect(await sharedTitles([4724, 10980])).toEqual([]);
    const { page } = await open(browser, baseUrl, '/?actors=4724,10980');
    await page.getByRole('heading', { name: 'No movies together' }).waitFor();
    await screenshot(page, 'actors-empty-desktop');
    await page.getByRole('button', { name: /Show all their movies/ }).click();
    await expect.poll(() => page.locator('[data-testid=solo-movie]').count()).toBeGreaterThan(0);
  });

  it('says the server cannot be reached when the network is down', async () => {
    const { page } = await open(browser, baseUrl, '/');
    await page.context().setOffline(true);
    await page.getByRole('combobox', { name: 'Search for an actor' }).fill('tom');
    await expect.poll(() => page.locator('.combo-empty').textContent()).toMatch(/offline|could not reach/);
    await page.context().setOffline(false);
  });

  it('fits 390 and 360 px phones without horizontal scrolling, and passes axe', async () => {
    for (const [path, name] of [['/', 'actors-start'], ['/?actors=287,819', 'actors-pair'], ['/?actors=287,819,1892&view=all', 'actors-trio-all']] as const) {
      const { page } = await open(browser, baseUrl, path, PHONE);
      if (path !== '/') await page.getByTestId('summary').waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${name}-phone`);
      // The narrowest phone the app is made for.
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      const dark = await open(browser, baseUrl, path, path === '/' ? DESKTOP : PHONE, 'dark');
      if (path !== '/') await dark.page.getByTestId('summary').waitFor();
      await screenshot(dark.page, `${name}-${path === '/' ? 'desktop' : 'phone'}-dark`);
      await expectAccessible(dark.page);
    }
  });

  it('passes axe and keeps the desktop layout for a pair', async () => {
    const { page } = await open(browser, baseUrl, '/?actors=287,819');
    await page.getByTestId('summary').waitFor();
    await screenshot(page, 'actors-pair-desktop');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  });
});
