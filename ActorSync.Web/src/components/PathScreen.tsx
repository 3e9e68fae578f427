import { useEffect, useState } from 'preact/hooks';
import { execute } from '../api/client';
import { ActorPathDocument, ActorsByIdDocument, SearchActorsDocument } from '../api/operations';
import type { ActorConnectionQuery } from '../gql/graphql';
import { knownActors, remember } from '../state/known';
import { useRemote } from '../state/remote';
import { navigate } from '../state/router';
import { isComplete, type Route } from '../state/url';
import { Chips } from './Chips';
import { Combobox } from './Combobox';
import { CopyLink, Empty, ExternalLink, Loading, ProblemBox } from './Common';
import { Img } from './Img';

type PathRoute = Extract<Route, { mode: 'path' }>;
type Suggestion = { tmdbId: number; name: string; profileUrl?: string | null; knownFor: { title: string }[] };
type Person = { tmdbId: number; name: string; profileUrl?: string | null; tmdbUrl: string };

async function searchActors(query: string, signal: AbortSignal): Promise<Suggestion[]> {
  return (await execute(SearchActorsDocument, { query }, signal)).searchActors.nodes;
}

function End({ label, id, onPick }: { label: string; id: number | null; onPick: (id: number | null) => void }) {
  return id !== null ? (
    <div class="path-end">
      <span class="path-end-label">{label}</span>
      <Chips ids={[id]} known={knownActors.value} kind="person" what="actor" onRemove={() => onPick(null)} />
    </div>
  ) : (
    <Combobox<Suggestion>
      label={label}
      placeholder="Search for an actor"
      search={searchActors}
      optionKey={(actor) => actor.tmdbId}
      optionText={(actor) => actor.name}
      onSelect={(actor) => {
        remember(knownActors, [{ tmdbId: actor.tmdbId, name: actor.name, imageUrl: actor.profileUrl }]);
        onPick(actor.tmdbId);
      }}
      renderOption={(actor) => (
        <>
          <Img src={actor.profileUrl} alt="" kind="person" size="s" label={actor.name} />
          <span class="option-text">
            <span class="option-title">{actor.name}</span>
            <span class="option-detail">{actor.knownFor.length > 0 ? `Known for: ${actor.knownFor.map((movie) => movie.title).join(', ')}` : ''}</span>
          </span>
        </>
      )}
    />
  );
}

function PersonCard({ person }: { person: Person }) {
  return (
    <article class="link-card link-person">
      <Img src={person.profileUrl} alt="" kind="person" size="m" label={person.name} />
      <ExternalLink href={person.tmdbUrl} label={`${person.name} on TMDB`}>{person.name}</ExternalLink>
    </article>
  );
}

/** Connections: the shortest chain of actors and movies between two actors. */
export function PathScreen({ route }: { route: PathRoute }) {
  const [from, setFrom] = useState(route.from);
  const [to, setTo] = useState(route.to);
  const [depth, setDepth] = useState(route.maxDepth);
  useEffect(() => { setFrom(route.from); setTo(route.to); setDepth(route.maxDepth); }, [route.from, route.to, route.maxDepth]);

  const unnamed = [from, to].filter((id): id is number => id !== null && !knownActors.value.has(id));
  useRemote(unnamed.length > 0 ? unnamed.join(',') : null, async (signal) => {
    const data = await execute(ActorsByIdDocument, { ids: unnamed }, signal);
    remember(knownActors, data.actors.flatMap((actor) => (actor ? [{ tmdbId: actor.tmdbId, name: actor.name, imageUrl: actor.profileUrl }] : [])));
  });

  const key = isComplete(route) ? `${route.from}-${route.to}-${route.maxDepth}` : null;
  const [result, retry] = useRemote(key, async (signal) => execute(ActorPathDocument, { from: route.from!, to: route.to!, maxDepth: route.maxDepth }, signal));

  const changed = from !== route.from || to !== route.to || depth !== route.maxDepth;
  return (
    <>
      <section class="picker" aria-labelledby="path-heading">
        <h1 id="path-heading">Connections</h1>
        <p class="lede">How are two actors linked? The shortest chain of movies made together.</p>
        <form class="path-form" onSubmit={(event) => { event.preventDefault(); navigate({ mode: 'path', from, to, maxDepth: depth }); }}>
          <End label="From" id={from} onPick={setFrom} />
          <End label="To" id={to} onPick={setTo} />
          <div class="path-depth">
            <label for="max-depth">At most</label>
            <select id="max-depth" value={depth} onChange={(event) => setDepth(Number((event.target as HTMLSelectElement).value))}>
              {[1, 2, 3, 4, 5, 6].map((n) => <option key={n} value={n}>{n} {n === 1 ? 'step' : 'steps'}</option>)}
            </select>
          </div>
          <button type="submit" class="button button-primary" disabled={from === null || to === null || (!changed && result.state !== 'failed')}>Find connection</button>
        </form>
      </section>
      <section class="results" aria-live="polite" aria-busy={result.state === 'loading'}>
        {result.state === 'loading' && <Loading what="the connection" />}
        {result.state === 'failed' && <ProblemBox problem={result.problem} onRetry={retry} />}
        {result.state === 'done' && <Chain data={result.value} route={route} />}
      </section>
    </>
  );
}

function Chain({ data, route }: { data: ActorConnectionQuery; route: PathRoute }) {
  const [start, end] = data.ends;
  const path = data.actorPath;
  const startName = start?.name ?? `actor #${route.from}`;
  const endName = end?.name ?? `actor #${route.to}`;
  if (!path) {
    return (
      <Empty title={`No connection within ${route.maxDepth} ${route.maxDepth === 1 ? 'step' : 'steps'}`}>
        <p>{startName} and {endName} are not linked by a chain of at most {route.maxDepth} {route.maxDepth === 1 ? 'movie' : 'movies'}.</p>
        {route.maxDepth < 6 && (
          <p><button type="button" class="button button-quiet" onClick={() => navigate({ ...route, maxDepth: Math.min(6, route.maxDepth + 1) })}>Search one step further</button></p>
        )}
      </Empty>
    );
  }
  const summary = path.degrees === 0
    ? `${startName} is ${endName}: zero steps.`
    : `${startName} and ${endName} are ${path.degrees} ${path.degrees === 1 ? 'step' : 'steps'} apart.`;
  return (
    <div class="chain-wrap">
      <header class="results-head">
        <p class="summary" data-testid="summary">{summary}</p>
        <div class="results-tools"><CopyLink /></div>
      </header>
      <ol class="chain" aria-label="The chain, from the first actor to the last">
        {path.steps.length === 0 && start && <li><PersonCard person={start} /></li>}
        {path.steps.flatMap((step, index) => [
          ...(index === 0 ? [<li key={`a${step.from.tmdbId}`}><PersonCard person={step.from} /></li>] : []),
          <li key={`m${index}`} class="chain-movie" data-testid="chain-movie">
            <article class="link-card link-movie">
              <span class="visually-hidden">acted together in</span>
              <Img src={step.movie.posterUrl} alt="" kind="poster" size="s" label={step.movie.title} />
              <ExternalLink href={step.movie.tmdbUrl} label={`${step.movie.title} on TMDB`}>{step.movie.title}</ExternalLink>
              {step.movie.releaseYear ? <span class="muted">{step.movie.releaseYear}</span> : null}
            </article>
          </li>,
          <li key={`b${index}`}><PersonCard person={step.to} /></li>,
        ])}
      </ol>
    </div>
  );
}
