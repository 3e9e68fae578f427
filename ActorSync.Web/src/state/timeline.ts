import type { View } from './url';

// Shapes the API's comparison for the screen: years newest first (as the API sends them), a shared movie as one
// row with every actor's role, any other movie in its actor's lane.

export interface MovieCard {
  tmdbId: number;
  title: string;
  releaseDate?: string | null;
  posterUrl?: string | null;
  tmdbUrl: string;
}

export interface RoleInput { actor: { tmdbId: number }; character?: string | null }
export interface EntryInput { shared: boolean; movie: MovieCard; roles: RoleInput[] }
export interface YearInput { year: number; entries: EntryInput[] }
export interface SharedInput { movie: MovieCard; roles: RoleInput[] }

export type Row =
  | { kind: 'shared'; movie: MovieCard; characters: string[] }
  | { kind: 'solo'; movie: MovieCard; lanes: (string | null)[] };

export interface YearGroup {
  /** The release year; null for shared movies without a release date (listed last). */
  year: number | null;
  sharedCount: number;
  rows: Row[];
}

/** The character as shown: "Unknown" when TMDB names none. */
export function characterLabel(character: string | null | undefined): string {
  const trimmed = character?.trim();
  return trimmed ? trimmed : 'Unknown';
}

/**
 * The timeline rows for the chosen view. `actorIds` gives the lanes' order. "shared" keeps only shared movies and
 * the years that have them; "all" keeps every year, each solo movie in the lane of the actor who plays in it (a
 * movie that some but not all actors share shows in each of their lanes on one row).
 */
export function groupTimeline(actorIds: number[], years: YearInput[], sharedMovies: SharedInput[], view: View): YearGroup[] {
  const lane = (id: number) => actorIds.indexOf(id);
  const groups: YearGroup[] = [];
  for (const year of years) {
    const rows: Row[] = [];
    let sharedCount = 0;
    for (const entry of year.entries) {
      if (entry.shared) {
        sharedCount++;
        rows.push({ kind: 'shared', movie: entry.movie, characters: charactersInOrder(actorIds, entry.roles) });
      } else if (view === 'all') {
        const lanes: (string | null)[] = actorIds.map(() => null);
        for (const role of entry.roles) {
          const index = lane(role.actor.tmdbId);
          if (index >= 0) lanes[index] = characterLabel(role.character);
        }
        rows.push({ kind: 'solo', movie: entry.movie, lanes });
      }
    }
    if (sharedCount > 0 || (view === 'all' && rows.length > 0)) groups.push({ year: year.year, sharedCount, rows });
  }
  // The timeline leaves undated movies out; shared ones still belong on screen (the original lost them).
  const undated = sharedMovies.filter((shared) => !shared.movie.releaseDate);
  if (undated.length > 0) {
    groups.push({
      year: null,
      sharedCount: undated.length,
      rows: undated.map((shared) => ({ kind: 'shared', movie: shared.movie, characters: charactersInOrder(actorIds, shared.roles) })),
    });
  }
  return groups;
}

function charactersInOrder(actorIds: number[], roles: RoleInput[]): string[] {
  return actorIds.map((id) => characterLabel(roles.find((role) => role.actor.tmdbId === id)?.character));
}

/** "Brad Pitt, Edward Norton and Helena Bonham Carter". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The summary line above the timeline. */
export function timelineSummary(names: string[], sharedCount: number, firstYear: number | null, lastYear: number | null): string {
  const who = joinNames(names);
  if (sharedCount === 0) return `${who} have not appeared in a movie together.`;
  const movies = sharedCount === 1 ? '1 movie' : `${sharedCount} movies`;
  const span = firstYear !== null && lastYear !== null ? (firstYear === lastYear ? `, in ${firstYear}` : `, from ${firstYear} to ${lastYear}`) : '';
  return `${who} share ${movies}${span}.`;
}

/** The years span of the shared movies (oldest, newest), from the grouped timeline. */
export function sharedSpan(groups: YearGroup[]): [number | null, number | null] {
  const years = groups.filter((group) => group.year !== null && group.sharedCount > 0).map((group) => group.year as number);
  return years.length === 0 ? [null, null] : [Math.min(...years), Math.max(...years)];
}

// Movies mode: the shared cast first (the API sends them most popular first), then, with "all", each movie's
// other actors side by side.

export interface CastActor { tmdbId: number; name: string; profileUrl?: string | null; tmdbUrl: string }
export interface CastInput { order: number; character?: string | null; actor: CastActor }
export interface MovieWithCast { tmdbId: number; cast: CastInput[] }
export interface SharedCastInput { actor: CastActor; roles: { character?: string | null; movie: { tmdbId: number } }[] }

export interface CastGroups {
  shared: { actor: CastActor; characters: string[] }[];
  /** Per compared movie, in order: its other actors in billing order (empty with the "shared" view). */
  others: { actor: CastActor; character: string }[][];
}

export function groupCast(movies: MovieWithCast[], sharedCast: SharedCastInput[], view: View): CastGroups {
  const shared = sharedCast.map((member) => ({
    actor: member.actor,
    characters: movies.map((movie) => characterLabel(member.roles.find((role) => role.movie.tmdbId === movie.tmdbId)?.character)),
  }));
  const sharedIds = new Set(sharedCast.map((member) => member.actor.tmdbId));
  const others = view === 'all'
    ? movies.map((movie) => [...movie.cast]
      .sort((a, b) => a.order - b.order)
      .filter((member) => !sharedIds.has(member.actor.tmdbId))
      .map((member) => ({ actor: member.actor, character: characterLabel(member.character) })))
    : movies.map(() => []);
  return { shared, others };
}

/** The original's suggestion text: the overview cut to about 100 characters, at a word when one is near. */
export function shortOverview(overview: string | null | undefined, limit = 100): string {
  const text = (overview ?? '').trim().replace(/\s+/g, ' ');
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
