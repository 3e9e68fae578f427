import { describe, expect, it } from 'vitest';
import { characterLabel, groupCast, groupTimeline, sharedSpan, shortOverview, timelineSummary, type YearInput } from '../src/state/timeline';

const movie = (tmdbId: number, title: string, releaseDate: string | null = '2000-01-01') =>
  ({ tmdbId, title, releaseDate, posterUrl: null, tmdbUrl: `https://www.themoviedb.org/movie/${tmdbId}` });
const role = (id: number, character: string | null) => ({ actor: { tmdbId: id }, character });

// Two actors (1 and 2) and a third (3): a 2001 movie all share, a 2001 movie only actor 2 is in, a 1999 movie
// only actor 1 is in, and a 1999 movie actors 1 and 3 share (not all three).
const years: YearInput[] = [
  { year: 2001, entries: [
    { shared: true, movie: movie(10, 'Together', '2001-03-01'), roles: [role(1, 'Tyler'), role(2, null), role(3, ' ')] },
    { shared: false, movie: movie(11, 'Solo Two', '2001-06-01'), roles: [role(2, 'Narrator')] },
  ] },
  { year: 1999, entries: [
    { shared: false, movie: movie(12, 'Solo One', '1999-01-01'), roles: [role(1, 'Hero')] },
    { shared: false, movie: movie(13, 'Pair', '1999-05-01'), roles: [role(1, 'A'), role(3, 'C')] },
  ] },
];

describe('groupTimeline', () => {
  it('shows only shared movies and the years that have them by default', () => {
    const groups = groupTimeline([1, 2, 3], years, [], 'shared');
    expect(groups.map((group) => group.year)).toEqual([2001]);
    expect(groups[0].sharedCount).toBe(1);
    expect(groups[0].rows).toEqual([{ kind: 'shared', movie: years[0].entries[0].movie, characters: ['Tyler', 'Unknown', 'Unknown'] }]);
  });

  it('puts every other movie in its actors lanes with All, keeping the API order', () => {
    const groups = groupTimeline([1, 2, 3], years, [], 'all');
    expect(groups.map((group) => [group.year, group.sharedCount, group.rows.map((row) => row.movie.title)])).toEqual([
      [2001, 1, ['Together', 'Solo Two']],
      [1999, 0, ['Solo One', 'Pair']],
    ]);
    expect(groups[0].rows[1]).toMatchObject({ kind: 'solo', lanes: [null, 'Narrator', null] });
    expect(groups[1].rows[1]).toMatchObject({ kind: 'solo', lanes: ['A', null, 'C'] });
  });

  it('lists the characters in the order the actors were chosen, not the order of the roles', () => {
    const groups = groupTimeline([3, 1, 2], years, [], 'shared');
    expect(groups[0].rows[0]).toMatchObject({ characters: ['Unknown', 'Tyler', 'Unknown'] });
  });

  it('adds shared movies without a release date as a last, undated group', () => {
    const undated = { movie: movie(20, 'Someday', null), roles: [role(1, 'X'), role(2, 'Y')] };
    const dated = { movie: movie(10, 'Together', '2001-03-01'), roles: [role(1, 'Tyler'), role(2, null)] };
    const groups = groupTimeline([1, 2], years, [dated, undated], 'shared');
    expect(groups.at(-1)).toEqual({ year: null, sharedCount: 1, rows: [{ kind: 'shared', movie: undated.movie, characters: ['X', 'Y'] }] });
  });

  it('is empty when the actors share nothing, so the screen can say so', () => {
    const solo: YearInput[] = [{ year: 2000, entries: [{ shared: false, movie: movie(1, 'A'), roles: [role(1, 'a')] }] }];
    expect(groupTimeline([1, 2], solo, [], 'shared')).toEqual([]);
  });
});

describe('summary line', () => {
  it('names every actor and the span of their shared movies', () => {
    expect(timelineSummary(['Brad Pitt', 'Edward Norton'], 1, 1999, 1999)).toBe('Brad Pitt and Edward Norton share 1 movie, in 1999.');
    expect(timelineSummary(['A', 'B', 'C'], 3, 1990, 2005)).toBe('A, B and C share 3 movies, from 1990 to 2005.');
    expect(timelineSummary(['A', 'B'], 0, null, null)).toBe('A and B have not appeared in a movie together.');
  });

  it('spans only years with shared movies', () => {
    expect(sharedSpan(groupTimeline([1, 2, 3], years, [], 'all'))).toEqual([2001, 2001]);
  });
});

describe('characterLabel', () => {
  it('says Unknown when TMDB names no character', () => {
    expect(characterLabel(null)).toBe('Unknown');
    expect(characterLabel('  ')).toBe('Unknown');
    expect(characterLabel('Neo')).toBe('Neo');
  });
});

describe('groupCast', () => {
  const actor = (tmdbId: number) => ({ tmdbId, name: `Actor ${tmdbId}`, profileUrl: null, tmdbUrl: '' });
  const movies = [
    { tmdbId: 603, cast: [{ order: 1, character: 'Trinity', actor: actor(2) }, { order: 0, character: 'Neo', actor: actor(1) }, { order: 2, character: 'Extra', actor: actor(9) }] },
    { tmdbId: 604, cast: [{ order: 0, character: 'Neo', actor: actor(1) }, { order: 1, character: null, actor: actor(2) }, { order: 2, character: 'Seraph', actor: actor(8) }] },
  ];
  const sharedCast = [
    { actor: actor(1), roles: [{ character: 'Neo', movie: { tmdbId: 603 } }, { character: 'Neo', movie: { tmdbId: 604 } }] },
    { actor: actor(2), roles: [{ character: 'Trinity', movie: { tmdbId: 603 } }, { character: null, movie: { tmdbId: 604 } }] },
  ];

  it('keeps the shared cast in the API order with one role per movie', () => {
    const groups = groupCast(movies, sharedCast, 'shared');
    expect(groups.shared.map((member) => [member.actor.tmdbId, member.characters])).toEqual([[1, ['Neo', 'Neo']], [2, ['Trinity', 'Unknown']]]);
    expect(groups.others).toEqual([[], []]);
  });

  it('lists each movie\'s other actors in billing order with All', () => {
    const groups = groupCast(movies, sharedCast, 'all');
    expect(groups.others.map((list) => list.map((member) => `${member.actor.tmdbId}:${member.character}`))).toEqual([['9:Extra'], ['8:Seraph']]);
  });
});

describe('shortOverview', () => {
  it('keeps a short overview whole', () => {
    expect(shortOverview('A hacker learns the truth.')).toBe('A hacker learns the truth.');
    expect(shortOverview(null)).toBe('');
  });

  it('cuts a long overview near 100 characters at a word, with an ellipsis', () => {
    const text = 'Set in the 22nd century, The Matrix tells the story of a computer hacker who joins a group of underground insurgents fighting the vast and powerful computers.';
    const cut = shortOverview(text);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(101);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.at(-2)).not.toBe(' ');
  });
});
