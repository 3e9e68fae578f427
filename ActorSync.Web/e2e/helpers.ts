import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const repository = fileURLToPath(new URL('../../', import.meta.url));
export const screenshots = fileURLToPath(new URL('./.out/', import.meta.url));

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium (scripts/setup.sh installs it); never a downloaded browser. */
export async function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface AppPage { page: Page; graphqlRequests: URL[]; errors: string[] }

/**
 * A page of the app. Images from TMDB are refused, as offline (and nothing leaves the machine); every request to
 * /graphql is recorded, and script errors are collected.
 */
export async function open(browser: Browser, baseUrl: string, path: string, viewport = DESKTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<AppPage> {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', baseURL: baseUrl });
  const page = await context.newPage();
  const graphqlRequests: URL[] = [];
  const errors: string[] = [];
  await page.route((url) => url.origin !== baseUrl, (route) => route.abort('internetdisconnected'));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/graphql')) {
      graphqlRequests.push(url);
      expect(request.method(), `${request.method()} ${url}`).toBe('GET');
      expect(request.postData()).toBeNull();
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(path);
  return { page, graphqlRequests, errors };
}

/** Every request of the app named a persisted operation and carried no document text. */
export function expectOnlyPersistedIds(requests: URL[]): void {
  expect(requests.length).toBeGreaterThan(0);
  for (const url of requests) {
    expect(url.searchParams.get('id'), url.toString()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(url.searchParams.has('query'), url.toString()).toBe(false);
  }
}

/** No serious or critical accessibility violation on the page as it is. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(bad.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join('; ')})`)).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: false });
}

/** The API's own answer, through a trusted document of the API's folder (not the app's operations). */
export async function oracle<T>(baseUrl: string, file: string, variables: object): Promise<T> {
  const text = readFileSync(`${repository}ActorSync.GraphQL/trusted-documents/${file}`, 'utf8');
  return post<T>(baseUrl, `sha256:${createHash('sha256').update(text).digest('hex')}`, variables);
}

/** An operation of the app's manifest, by its operation name (for answers the API's folder has no document for). */
export async function appOperation<T>(baseUrl: string, name: string, variables: object): Promise<T> {
  const manifest = JSON.parse(readFileSync(`${repository}ActorSync.Web/src/gql/persisted-documents.json`, 'utf8')) as Record<string, string>;
  const id = Object.keys(manifest).find((key) => manifest[key].startsWith(`query ${name}(`));
  if (!id) throw new Error(`No operation ${name} in the manifest`);
  return post<T>(baseUrl, id, variables);
}

async function post<T>(baseUrl: string, documentId: string, variables: object): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
    body: JSON.stringify({ documentId, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`The API answered ${JSON.stringify(body)}`);
  return body.data;
}

export const sorted = (values: string[]) => [...values].sort((a, b) => a.localeCompare(b));
