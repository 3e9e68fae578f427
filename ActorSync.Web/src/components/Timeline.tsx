import type { CompareActorsTimelineQuery } from '../gql/graphql';
import { groupTimeline, joinNames, sharedSpan, timelineSummary, type MovieCard } from '../state/timeline';
import type { View } from '../state/url';
import { CopyLink, Empty, ExternalLink, ViewSwitch } from './Common';
import { Img } from './Img';

type Comparison = CompareActorsTimelineQuery['compareActors'];

function yearOf(movie: MovieCard): string {
  return movie.releaseDate ? movie.releaseDate.slice(0, 4) : 'Undated';
}

function Poster({ movie }: { movie: MovieCard }) {
  return <Img src={movie.posterUrl} alt="" kind="poster" size="s" label={movie.title} />;
}

function MovieTitle({ movie }: { movie: MovieCard }) {
  return (
    <h4 class="card-title">
      <ExternalLink href={movie.tmdbUrl} label={`${movie.title} (${yearOf(movie)}) on TMDB`}>{movie.title}</ExternalLink>
      <span class="card-year"> {yearOf(movie)}</span>
    </h4>
  );
}

/** The compared actors' timeline: a header of portraits, a summary line, the Shared/All switch and the years. */
export function Timeline({ comparison, view, onView }: { comparison: Comparison; view: View; onView: (view: View) => void }) {
  const actors = comparison.actors;
  const ids = actors.map((actor) => actor.tmdbId);
  const groups = groupTimeline(ids, comparison.timeline, comparison.sharedMovies, view);
  const [first, last] = sharedSpan(groups);
  const names = actors.map((actor) => actor.name);
  const summary = timelineSummary(names, comparison.sharedMovies.length, first, last);
  const lanes = { '--lanes': String(actors.length) };

  return (
    <div class="timeline">
      <header class="results-head">
        <ul class="cast-head" aria-label="Compared actors">
          {actors.map((actor) => (
            <li key={actor.tmdbId}>
              <Img src={actor.profileUrl} alt="" kind="person" size="m" label={actor.name} />
              <ExternalLink href={actor.tmdbUrl} label={`${actor.name} on TMDB`}>{actor.name}</ExternalLink>
            </li>
          ))}
        </ul>
        <p class="summary" data-testid="summary">{summary}</p>
        <div class="results-tools">
          <ViewSwitch view={view} onChange={onView} name="timeline-view" />
          <CopyLink />
        </div>
      </header>
      {groups.length === 0 ? (
        <Empty title="No movies together">
          <p>{joinNames(names)} have no movie in common on TMDB.</p>
          {view === 'shared' && <p><button type="button" class="button button-quiet" onClick={() => onView('all')}>Show all their movies side by side</button></p>}
        </Empty>
      ) : (
        <ol class={actors.length > 4 ? 'years many-lanes' : 'years'} style={lanes}>
          {groups.map((group) => (
            <li key={group.year ?? 'undated'} class="year">
              <h3 class="year-head">
                <span>{group.year ?? 'Undated'}</span>
                {group.sharedCount > 0 && <span class="badge">Shared {group.sharedCount === 1 ? 'movie' : 'movies'}! ({group.sharedCount})</span>}
              </h3>
              <ul class="rows">
                {group.rows.map((row) => row.kind === 'shared' ? (
                  <li key={row.movie.tmdbId} class="row row-shared" data-testid="shared-movie">
                    <article class="card card-shared">
                      <Poster movie={row.movie} />
                      <div class="card-body">
                        <MovieTitle movie={row.movie} />
                        <ul class="roles">
                          {row.characters.map((character, index) => (
                            <li key={ids[index]}><span class="role-actor">{names[index]}</span> <span class="role-as">as {character}</span></li>
                          ))}
                        </ul>
                      </div>
                      <span class="star" aria-label="Shared" title="Shared">★</span>
                    </article>
                  </li>
                ) : (
                  <li key={row.movie.tmdbId} class="row row-solo" data-testid="solo-movie">
                    {row.lanes.map((character, index) => character === null ? null : (
                      <article key={ids[index]} class="card" style={{ '--lane': String(index + 1) }}>
                        <Poster movie={row.movie} />
                        <div class="card-body">
                          <MovieTitle movie={row.movie} />
                          <p class="roles"><span class="role-actor">{names[index]}</span> <span class="role-as">as {character}</span></p>
                        </div>
                      </article>
                    ))}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
