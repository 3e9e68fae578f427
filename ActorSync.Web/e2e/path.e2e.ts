import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appOperation, expectAccessible, expectNoHorizontalScroll, expectOnlyPersistedIds, launch, open, PHONE, screenshot } from './helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Connection {
  actorPath: { degrees: number; steps: { from: { name: string }; movie: { title: string }; to: { name: string } }[] } | null;
}

describe('connections', () => {
  it('shows the chain of actors and movies the API finds', async () => {
    const expected = await appOperation<Connection>(baseUrl, 'ActorConnection', { from: 4724, to: 1932, maxDepth: 3 });
    expect(expected.actorPath).not.toBeNull();
    const { page, graphqlRequests } = await open(browser, baseUrl, '/path?from=4724&to=1932');
    await page.getByTestId('summary').waitFor();
    const movies = await page.locator('[data-testid=chain-movie] a').allTextContents();
    expect(movies).toEqual(expected.actorPath!.steps.map((step) => step.movie.title));
    const people = await page.locator('.link-person a').allTextContents();
    expect(people).toEqual([expected.actorPath!.steps[0].from.name, ...expected.actorPath!.steps.map((step) => step.to.name)]);
    expect(await page.getByTestId('summary').textContent()).toContain(`${expected.actorPath!.degrees} step`);
    // Names are in the pickers from the link alone.
    await expect.poll(() => page.locator('.chip-name').allTextContents()).toEqual([people[0], people.at(-1)]);
    expectOnlyPersistedIds(graphqlRequests);
    await screenshot(page, 'path-desktop');
    await expectAccessible(page);
  });

  it('finds a connection chosen with the keyboard', async () => {
    const { page } = await open(browser, baseUrl, '/path');
    const from = page.getByRole('combobox', { name: 'From' });
    await from.fill('kevin bacon');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Kevin Bacon');
    await from.press('ArrowDown');
    await from.press('Enter');
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('tom hanks');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Tom Hanks');
    await to.press('ArrowDown');
    await to.press('Enter');
    await page.getByRole('button', { name: 'Find connection' }).click();
    await page.getByTestId('summary').waitFor();
    expect(new URL(page.url()).search).toBe('?from=4724&to=31');
    expect(await page.locator('[data-testid=chain-movie]').count()).toBeGreaterThan(0);
  });

  it('says when there is no connection within the steps asked, and offers one more', async () => {
    const expected = await appOperation<Connection>(baseUrl, 'ActorConnection', { from: 4724, to: 1932, maxDepth: 1 });
    expect(expected.actorPath).toBeNull();
    const { page } = await open(browser, baseUrl, '/path?from=4724&to=1932&maxDepth=1');
    await page.getByRole('heading', { name: 'No connection within 1 step' }).waitFor();
    await screenshot(page, 'path-none-desktop');
    await page.getByRole('button', { name: 'Search one step further' }).click();
    await page.waitForURL(/maxDepth=2/);
  });

  it('says in words when an end is unknown', async () => {
    const { page } = await open(browser, baseUrl, '/path?from=4724&to=999999997');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('could not find that actor');
  });

  it('fits 390 and 360 px phones and passes axe', async () => {
    for (const [path, name] of [['/path', 'path-start'], ['/path?from=4724&to=1932', 'path']] as const) {
      const { page } = await open(browser, baseUrl, path, PHONE);
      if (path !== '/path') await page.getByTestId('summary').waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${name}-phone`);
      // The narrowest phone the app is made for.
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      if (path === '/path') {
        const desktop = await open(browser, baseUrl, path);
        await screenshot(desktop.page, `${name}-desktop`);
        await expectAccessible(desktop.page);
      }
    }
  });
});
