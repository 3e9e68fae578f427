import { useEffect, useState } from 'preact/hooks';
import { execute } from '../api/client';
import { CompareMoviesDocument, MoviesByIdDocument, SearchMoviesDocument } from '../api/operations';
import type { CompareMoviesCastQuery } from '../gql/graphql';
import { knownMovies, remember } from '../state/known';
import { useRemote } from '../state/remote';
import { navigate } from '../state/router';
import { groupCast, shortOverview } from '../state/timeline';
import { isComplete, MAX_COMPARED, MIN_COMPARED, type Route, type View } from '../state/url';
import { Chips } from './Chips';
import { Combobox } from './Combobox';
import { CopyLink, Empty, ExternalLink, Loading, ProblemBox, ViewSwitch } from './Common';
import { Img } from './Img';

type MoviesRoute = Extract<Route, { mode: 'movies' }>;
type Suggestion = { tmdbId: number; title: string; releaseYear?: number | null; overview?: string | null; posterUrl?: string | null };

async function searchMovies(query: string, signal: AbortSignal): Promise<Suggestion[]> {
  return (await execute(SearchMoviesDocument, { query }, signal)).searchMovies.nodes;
}

const detail = (year: number | null | undefined) => (year ? String(year) : null);

/** Movies mode: choose 2 to 10 movies, see the actors they share. */
export function MoviesScreen({ route }: { route: MoviesRoute }) {
  const [draft, setDraft] = useState<number[]>(route.ids);
  useEffect(() => setDraft(route.ids), [route.ids.join(',')]);

  const unnamed = draft.filter((id) => !knownMovies.value.has(id));
  const [names] = useRemote(unnamed.length > 0 ? unnamed.join(',') : null, async (signal) => {
    const data = await execute(MoviesByIdDocument, { ids: unnamed }, signal);
    remember(knownMovies, data.movies.flatMap((movie) => (movie ? [{ tmdbId: movie.tmdbId, name: movie.title, imageUrl: movie.posterUrl, detail: detail(movie.releaseYear) }] : [])));
    return data.movies;
  });
  const compared = isComplete(route) ? route.ids : null;
  const [comparison, retry] = useRemote(compared ? compared.join(',') : null, async (signal) => {
    const data = await execute(CompareMoviesDocument, { ids: compared! }, signal);
    remember(knownMovies, data.compareMovies.movies.map((movie) => ({ tmdbId: movie.tmdbId, name: movie.title, imageUrl: movie.posterUrl, detail: detail(movie.releaseYear) })));
    return data.compareMovies;
  });

  function remove(id: number) {
    const next = draft.filter((other) => other !== id);
    setDraft(next);
    navigate({ ...route, ids: next });
  }
  const full = draft.length >= MAX_COMPARED;
  const changed = draft.join(',') !== route.ids.join(',');
  const missing = names.state === 'done' ? unnamed.filter((id) => !names.value.some((movie) => movie?.tmdbId === id)) : [];

  return (
    <>
      <section class="picker" aria-labelledby="movies-heading">
        <h1 id="movies-heading">Compare movies</h1>
        <p class="lede">Pick two to ten movies to see the actors they share.</p>
        <Chips ids={draft} known={knownMovies.value} kind="poster" what="movie" onRemove={remove} />
        {missing.length > 0 && <p class="note">No movie on TMDB has id {missing.join(', ')}.</p>}
        <form class="picker-row" onSubmit={(event) => { event.preventDefault(); if (draft.length >= MIN_COMPARED) navigate({ ...route, ids: draft }); }}>
          <Combobox<Suggestion>
            label={full ? 'Ten movies is the most' : draft.length === 0 ? 'Search for a movie' : 'Add another movie'}
            placeholder="e.g. The Matrix"
            disabled={full}
            search={searchMovies}
            optionKey={(movie) => movie.tmdbId}
            optionText={(movie) => movie.title}
            onSelect={(movie) => {
              remember(knownMovies, [{ tmdbId: movie.tmdbId, name: movie.title, imageUrl: movie.posterUrl, detail: detail(movie.releaseYear) }]);
              if (!draft.includes(movie.tmdbId) && !full) setDraft([...draft, movie.tmdbId]);
            }}
            renderOption={(movie) => (
              <>
                <Img src={movie.posterUrl} alt="" kind="poster" size="xs" label={movie.title} />
                <span class="option-text">
                  <span class="option-title">{movie.title}{movie.releaseYear ? <span class="muted"> ({movie.releaseYear})</span> : null}</span>
                  <span class="option-detail">{shortOverview(movie.overview)}</span>
                </span>
              </>
            )}
          />
          <button type="submit" class="button button-primary" disabled={draft.length < MIN_COMPARED || (!changed && comparison.state !== 'failed')}>Compare</button>
        </form>
        {draft.length === 1 && <p class="hint">Add one more movie to compare.</p>}
      </section>
      <section class="results" aria-live="polite" aria-busy={comparison.state === 'loading'}>
        {comparison.state === 'loading' && <Loading what="the shared cast" />}
        {comparison.state === 'failed' && <ProblemBox problem={comparison.problem} onRetry={retry} />}
        {comparison.state === 'done' && <SharedCast comparison={comparison.value} view={route.view} onView={(view) => navigate({ ...route, view }, true)} />}
      </section>
    </>
  );
}

function SharedCast({ comparison, view, onView }: { comparison: CompareMoviesCastQuery['compareMovies']; view: View; onView: (view: View) => void }) {
  const movies = comparison.movies;
  const groups = groupCast(movies, comparison.sharedCast, view);
  const count = groups.shared.length;
  return (
    <div class="shared-cast">
      <header class="results-head">
        <ul class="cast-head" aria-label="Compared movies">
          {movies.map((movie) => (
            <li key={movie.tmdbId}>
              <Img src={movie.posterUrl} alt="" kind="poster" size="m" label={movie.title} />
              <ExternalLink href={movie.tmdbUrl} label={`${movie.title} on TMDB`}>{movie.title}</ExternalLink>
              {movie.releaseYear ? <span class="muted"> ({movie.releaseYear})</span> : null}
            </li>
          ))}
        </ul>
        <p class="summary" data-testid="summary">{count === 1 ? '1 shared actor' : `${count} shared actors`}</p>
        <div class="results-tools">
          <ViewSwitch view={view} onChange={onView} name="cast-view" />
          <CopyLink />
        </div>
      </header>
      {count === 0 ? (
        <Empty title="No actors in common">
          <p>These movies don't share any actors in their cast.</p>
          <p>Try comparing movies from the same franchise or director!</p>
        </Empty>
      ) : (
        <ul class="people">
          {groups.shared.map((member) => (
            <li key={member.actor.tmdbId} class="person" data-testid="shared-actor">
              <Img src={member.actor.profileUrl} alt="" kind="person" size="m" label={member.actor.name} />
              <div>
                <h3 class="person-name"><ExternalLink href={member.actor.tmdbUrl} label={`${member.actor.name} on TMDB`}>{member.actor.name}</ExternalLink></h3>
                <ul class="roles">
                  {member.characters.map((character, index) => (
                    <li key={movies[index].tmdbId}><span class="role-actor">{movies[index].title}:</span> <span class="role-as">{character}</span></li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      )}
      {view === 'all' && (
        <div class="others" style={{ '--lanes': String(movies.length) }}>
          {movies.map((movie, index) => (
            <section key={movie.tmdbId} class="others-movie" aria-label={`Also in ${movie.title}`}>
              <h3>Also in {movie.title}</h3>
              <ul class="people people-compact">
                {groups.others[index].map((member) => (
                  <li key={member.actor.tmdbId} class="person">
                    <Img src={member.actor.profileUrl} alt="" kind="person" size="s" label={member.actor.name} />
                    <div>
                      <ExternalLink href={member.actor.tmdbUrl} label={`${member.actor.name} on TMDB`}>{member.actor.name}</ExternalLink>
                      <p class="role-as">{member.character}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
