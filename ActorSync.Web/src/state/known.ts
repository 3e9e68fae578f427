import { signal } from '@preact/signals';

// Names and pictures already seen (picked in a search, or in an answer), so chips show names at once and a shared
// link's ids get their names filled in from one lookup.

export interface Known { tmdbId: number; name: string; imageUrl?: string | null; detail?: string | null }

export const knownActors = signal<ReadonlyMap<number, Known>>(new Map());
export const knownMovies = signal<ReadonlyMap<number, Known>>(new Map());

export function remember(store: typeof knownActors, items: Known[]): void {
  const missing = items.filter((item) => {
    const had = store.value.get(item.tmdbId);
    return !had || had.name !== item.name || (item.imageUrl && had.imageUrl !== item.imageUrl);
  });
  if (missing.length === 0) return;
  const next = new Map(store.value);
  for (const item of missing) next.set(item.tmdbId, { ...next.get(item.tmdbId), ...item });
  store.value = next;
}
