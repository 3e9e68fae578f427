import { useEffect, useState } from 'preact/hooks';
import { execute } from '../api/client';
import { ActorsByIdDocument, CompareActorsDocument, SearchActorsDocument } from '../api/operations';
import { knownActors, remember } from '../state/known';
import { navigate, onLinkClick } from '../state/router';
import { isComplete, MAX_COMPARED, MIN_COMPARED, routeUrl, type Route } from '../state/url';
import { useRemote } from '../state/remote';
import { Chips } from './Chips';
import { Combobox } from './Combobox';
import { CoStars } from './CoStars';
import { Img } from './Img';
import { Loading, ProblemBox } from './Common';
import { Timeline } from './Timeline';

type ActorsRoute = Extract<Route, { mode: 'actors' }>;
type Suggestion = { tmdbId: number; name: string; profileUrl?: string | null; knownForDepartment?: string | null; knownFor: { title: string }[] };

const EXAMPLES: { label: string; to: Route }[] = [
  { label: 'Brad Pitt and Edward Norton', to: { mode: 'actors', ids: [287, 819], view: 'shared' } },
  { label: 'Daniel Radcliffe, Rupert Grint and Emma Watson', to: { mode: 'actors', ids: [10980, 10989, 10990], view: 'shared' } },
  { label: 'The Matrix and The Matrix Reloaded, cast side by side', to: { mode: 'movies', ids: [603, 604], view: 'shared' } },
  { label: 'How Kevin Bacon connects to Tom Hanks', to: { mode: 'path', from: 4724, to: 31, maxDepth: 3 } },
];

async function searchActors(query: string, signal: AbortSignal): Promise<Suggestion[]> {
  const data = await execute(SearchActorsDocument, { query }, signal);
  return data.searchActors.nodes;
}

/** Actors mode: choose 2 to 10 actors, compare their filmographies. */
export function ActorsScreen({ route }: { route: ActorsRoute }) {
  // The chips being edited; the comparison on screen is the route's (the address bar's).
  const [draft, setDraft] = useState<number[]>(route.ids);
  const [coStarsOf, setCoStarsOf] = useState<number | null>(null);
  useEffect(() => setDraft(route.ids), [route.ids.join(',')]);

  // Names for ids that came from a link (the original never filled them in).
  const unnamed = draft.filter((id) => !knownActors.value.has(id));
  const [names] = useRemote(unnamed.length > 0 ? unnamed.join(',') : null, async (signal) => {
    const data = await execute(ActorsByIdDocument, { ids: unnamed }, signal);
    remember(knownActors, data.actors.flatMap((actor) => (actor ? [{ tmdbId: actor.tmdbId, name: actor.name, imageUrl: actor.profileUrl }] : [])));
    return data.actors;
  });

  const compared = isComplete(route) ? route.ids : null;
  const [comparison, retry] = useRemote(compared ? compared.join(',') : null, async (signal) => {
    const data = await execute(CompareActorsDocument, { ids: compared! }, signal);
    remember(knownActors, data.compareActors.actors.map((actor) => ({ tmdbId: actor.tmdbId, name: actor.name, imageUrl: actor.profileUrl })));
    return data.compareActors;
  });

  function add(id: number) {
    if (draft.includes(id) || draft.length >= MAX_COMPARED) return;
    setDraft([...draft, id]);
  }
  function remove(id: number) {
    const next = draft.filter((other) => other !== id);
    setDraft(next);
    if (coStarsOf === id) setCoStarsOf(null);
    // Removing an actor changes what is compared at once (fewer than two clears the timeline).
    navigate({ ...route, ids: next });
  }
  const changed = draft.join(',') !== route.ids.join(',');
  const full = draft.length >= MAX_COMPARED;
  const missingNames = names.state === 'done' ? unnamed.filter((id) => !names.value.some((actor) => actor?.tmdbId === id)) : [];

  return (
    <>
      <section class="picker" aria-labelledby="actors-heading">
        <h1 id="actors-heading">Compare actors</h1>
        <p class="lede">Pick two to ten actors to see the movies they made together, year by year.</p>
        <Chips ids={draft} known={knownActors.value} kind="person" what="actor" onRemove={remove}
          onCoStars={(id) => setCoStarsOf(coStarsOf === id ? null : id)} coStarsOf={coStarsOf} />
        {missingNames.length > 0 && <p class="note">No actor on TMDB has id {missingNames.join(', ')}.</p>}
        <form class="picker-row" onSubmit={(event) => { event.preventDefault(); if (draft.length >= MIN_COMPARED) navigate({ ...route, ids: draft }); }}>
          <Combobox<Suggestion>
            label={full ? 'Ten actors is the most' : draft.length === 0 ? 'Search for an actor' : 'Add another actor'}
            placeholder="e.g. Brad Pitt"
            disabled={full}
            search={searchActors}
            optionKey={(actor) => actor.tmdbId}
            optionText={(actor) => actor.name}
            onSelect={(actor) => {
              remember(knownActors, [{ tmdbId: actor.tmdbId, name: actor.name, imageUrl: actor.profileUrl }]);
              add(actor.tmdbId);
            }}
            renderOption={(actor) => (
              <>
                <Img src={actor.profileUrl} alt="" kind="person" size="s" label={actor.name} />
                <span class="option-text">
                  <span class="option-title">{actor.name}{draft.includes(actor.tmdbId) && <span class="muted"> · chosen</span>}</span>
                  <span class="option-detail">
                    {actor.knownFor.length > 0 ? `Known for: ${actor.knownFor.map((movie) => movie.title).join(', ')}` : actor.knownForDepartment ?? ''}
                  </span>
                </span>
              </>
            )}
          />
          <button type="submit" class="button button-primary" disabled={draft.length < MIN_COMPARED || (!changed && comparison.state !== 'failed')}>
            Compare
          </button>
        </form>
        {draft.length === 1 && <p class="hint">Add one more actor to compare.</p>}
      </section>
      {coStarsOf !== null && (
        <CoStars id={coStarsOf} chosen={draft} full={full} onAdd={(id, name, imageUrl) => {
          remember(knownActors, [{ tmdbId: id, name, imageUrl }]);
          add(id);
        }} onClose={() => setCoStarsOf(null)} />
      )}
      <section class="results" aria-live="polite" aria-busy={comparison.state === 'loading'}>
        {comparison.state === 'loading' && <Loading what="the comparison" />}
        {comparison.state === 'failed' && <ProblemBox problem={comparison.problem} onRetry={retry} />}
        {comparison.state === 'done' && (
          <Timeline comparison={comparison.value} view={route.view} onView={(view) => navigate({ ...route, view }, true)} />
        )}
        {comparison.state === 'idle' && draft.length === 0 && (
          <div class="welcome">
            <p>Not sure where to start? Try one of these:</p>
            <ul>
              {EXAMPLES.map((example) => (
                <li key={example.label}><a href={routeUrl(example.to)} onClick={(event) => onLinkClick(event, example.to)}>{example.label}</a></li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </>
  );
}
