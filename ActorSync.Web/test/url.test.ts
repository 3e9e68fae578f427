import { describe, expect, it } from 'vitest';
import { isComplete, parseIdList, parseRoute, routeUrl } from '../src/state/url';

describe('parseRoute', () => {
  it('reads the actors of a share link in their order', () => {
    expect(parseRoute('/', '?actors=287,819')).toEqual({ mode: 'actors', ids: [287, 819], view: 'shared' });
  });

  it('opens a link shared from the original app as the same comparison', () => {
    expect(parseRoute('/', '?actor1_id=287&actor2_id=819')).toEqual({ mode: 'actors', ids: [287, 819], view: 'shared' });
  });

  it('opens the original movies link as a movie comparison', () => {
    expect(parseRoute('/movies', '?movie1_id=603&movie2_id=604')).toEqual({ mode: 'movies', ids: [603, 604], view: 'shared' });
  });

  it('prefers the list form when a link carries both', () => {
    expect(parseRoute('/', '?actors=1,2&actor1_id=3&actor2_id=4')).toEqual({ mode: 'actors', ids: [1, 2], view: 'shared' });
  });

  it('keeps a legacy link with only one id as one chosen actor', () => {
    expect(parseRoute('/', '?actor1_id=287')).toEqual({ mode: 'actors', ids: [287], view: 'shared' });
  });

  it('reads the All view', () => {
    expect(parseRoute('/movies', '?movies=603,604&view=all')).toEqual({ mode: 'movies', ids: [603, 604], view: 'all' });
  });

  it('reads a connection with its depth, and falls back to 3 for a bad depth', () => {
    expect(parseRoute('/path', '?from=4724&to=1932&maxDepth=5')).toEqual({ mode: 'path', from: 4724, to: 1932, maxDepth: 5 });
    expect(parseRoute('/path', '?from=4724&to=1932&maxDepth=9')).toEqual({ mode: 'path', from: 4724, to: 1932, maxDepth: 3 });
  });

  it('leaves out an end of a connection that is not an id', () => {
    expect(parseRoute('/path', '?from=abc&to=31')).toEqual({ mode: 'path', from: null, to: 31, maxDepth: 3 });
  });

  it('ignores a trailing slash on a mode path', () => {
    expect(parseRoute('/movies/', '').mode).toBe('movies');
  });
});

describe('parseIdList', () => {
  it('drops ids out of the API range, duplicates and junk', () => {
    expect(parseIdList('287,0,abc,819,287,1000000000,-5, 42 ')).toEqual([287, 819, 42]);
  });

  it('keeps at most ten ids, the most the API compares', () => {
    expect(parseIdList('1,2,3,4,5,6,7,8,9,10,11,12')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reads nothing from an empty or missing list', () => {
    expect(parseIdList('')).toEqual([]);
    expect(parseIdList(null)).toEqual([]);
  });
});

describe('routeUrl', () => {
  it('writes a comparison as the share link form', () => {
    expect(routeUrl({ mode: 'actors', ids: [287, 819], view: 'shared' })).toBe('/?actors=287,819');
    expect(routeUrl({ mode: 'movies', ids: [603, 604], view: 'all' })).toBe('/movies?movies=603,604&view=all');
  });

  it('writes a connection without the default depth', () => {
    expect(routeUrl({ mode: 'path', from: 4724, to: 1932, maxDepth: 3 })).toBe('/path?from=4724&to=1932');
    expect(routeUrl({ mode: 'path', from: 4724, to: null, maxDepth: 6 })).toBe('/path?from=4724&maxDepth=6');
  });

  it('writes empty screens as their bare paths', () => {
    expect(routeUrl({ mode: 'actors', ids: [], view: 'shared' })).toBe('/');
    expect(routeUrl({ mode: 'path', from: null, to: null, maxDepth: 3 })).toBe('/path');
  });

  it('turns a legacy link into the canonical one that reads back the same', () => {
    const legacy = parseRoute('/movies', '?movie1_id=603&movie2_id=604');
    const url = routeUrl(legacy);
    expect(url).toBe('/movies?movies=603,604');
    const [path, query] = url.split('?');
    expect(parseRoute(path, `?${query}`)).toEqual(legacy);
  });
});

describe('isComplete', () => {
  it('needs two ids to compare and both ends for a connection', () => {
    expect(isComplete({ mode: 'actors', ids: [287], view: 'shared' })).toBe(false);
    expect(isComplete({ mode: 'actors', ids: [287, 819], view: 'shared' })).toBe(true);
    expect(isComplete({ mode: 'path', from: 1, to: null, maxDepth: 3 })).toBe(false);
    expect(isComplete({ mode: 'path', from: 1, to: 2, maxDepth: 3 })).toBe(true);
  });
});
