// The address bar is the app's state: every screen can be shared and restored from its URL alone.

export type View = 'shared' | 'all';

export type Route =
  | { mode: 'actors'; ids: number[]; view: View }
  | { mode: 'movies'; ids: number[]; view: View }
  | { mode: 'path'; from: number | null; to: number | null; maxDepth: number };

export const MAX_COMPARED = 10;
export const MIN_COMPARED = 2;
export const DEFAULT_MAX_DEPTH = 3;
const MAX_ID = 999_999_999;

/** A TMDB id as the API accepts it (1 to 999,999,999), or null. */
export function parseId(text: string | null | undefined): number | null {
  if (text == null || !/^\s*\d{1,9}\s*$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ID ? id : null;
}

/** Comma-separated ids: invalid ones dropped, duplicates kept once, at most ten (the API's limit). */
export function parseIdList(text: string | null | undefined): number[] {
  if (!text) return [];
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const id = parseId(part);
    if (id !== null && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, MAX_COMPARED);
}

function idsWithLegacy(params: URLSearchParams, listKey: string, legacyPrefix: string): number[] {
  const listed = parseIdList(params.get(listKey));
  if (listed.length > 0) return listed;
  // Links shared from the original app: ?actor1_id=287&actor2_id=819 (and movie1_id/movie2_id).
  const legacy = [1, 2].map((n) => params.get(`${legacyPrefix}${n}_id`)).filter((v): v is string => v !== null);
  return parseIdList(legacy.join(','));
}

function parseDepth(text: string | null): number {
  const depth = text === null ? NaN : Number(text);
  return Number.isInteger(depth) && depth >= 1 && depth <= 6 ? depth : DEFAULT_MAX_DEPTH;
}

/** The screen a URL shows. Unknown paths show the actors screen, as the original's root did. */
export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  const view: View = params.get('view') === 'all' ? 'all' : 'shared';
  if (path === '/movies') return { mode: 'movies', ids: idsWithLegacy(params, 'movies', 'movie'), view };
  if (path === '/path') {
    return { mode: 'path', from: parseId(params.get('from')), to: parseId(params.get('to')), maxDepth: parseDepth(params.get('maxDepth')) };
  }
  return { mode: 'actors', ids: idsWithLegacy(params, 'actors', 'actor'), view };
}

/** The canonical URL of a screen (path and query, no origin); legacy links come back in the new form. */
export function routeUrl(route: Route): string {
  const params: string[] = [];
  switch (route.mode) {
    case 'actors':
    case 'movies':
      if (route.ids.length > 0) params.push(`${route.mode}=${route.ids.join(',')}`);
      if (route.view === 'all') params.push('view=all');
      break;
    case 'path':
      if (route.from !== null) params.push(`from=${route.from}`);
      if (route.to !== null) params.push(`to=${route.to}`);
      if (route.maxDepth !== DEFAULT_MAX_DEPTH) params.push(`maxDepth=${route.maxDepth}`);
      break;
  }
  const base = route.mode === 'actors' ? '/' : `/${route.mode}`;
  return params.length > 0 ? `${base}?${params.join('&')}` : base;
}

/** True when the route has enough to ask the API for (two ids to compare, or both ends of a path). */
export function isComplete(route: Route): boolean {
  return route.mode === 'path' ? route.from !== null && route.to !== null : route.ids.length >= MIN_COMPARED;
}
