import { useEffect, useRef } from 'preact/hooks';
import { execute } from '../api/client';
import { CoStarsDocument } from '../api/operations';
import { useRemote } from '../state/remote';
import { ExternalLink, Loading, ProblemBox } from './Common';
import { Img } from './Img';

interface Props {
  id: number;
  chosen: number[];
  full: boolean;
  onAdd: (id: number, name: string, imageUrl: string | null | undefined) => void;
  onClose: () => void;
}

/** An actor's top co-stars (the API's `collaborators`), each one click from the comparison. */
export function CoStars({ id, chosen, full, onAdd, onClose }: Props) {
  const [result, retry] = useRemote(String(id), async (signal) => (await execute(CoStarsDocument, { id }, signal)).actor);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  const name = result.state === 'done' ? result.value?.name : undefined;

  return (
    <section class="costars" aria-labelledby="costars-heading">
      <div class="costars-head">
        <h2 id="costars-heading" tabIndex={-1} ref={heading}>{name ? `${name}'s top co-stars` : 'Top co-stars'}</h2>
        <button type="button" class="button button-quiet" onClick={onClose}>Close</button>
      </div>
      {result.state === 'loading' && <Loading what="co-stars" />}
      {result.state === 'failed' && <ProblemBox problem={result.problem} onRetry={retry} />}
      {result.state === 'done' && !result.value && <p>No actor on TMDB has id {id}.</p>}
      {result.state === 'done' && result.value && result.value.collaborators.length === 0 && <p>No co-stars found.</p>}
      {result.state === 'done' && result.value && result.value.collaborators.length > 0 && (
        <ol class="costar-list">
          {result.value.collaborators.map((co) => (
            <li key={co.actor.tmdbId} class="costar">
              <Img src={co.actor.profileUrl} alt="" kind="person" size="s" label={co.actor.name} />
              <div class="costar-body">
                <ExternalLink href={co.actor.tmdbUrl} label={`${co.actor.name} on TMDB`}>{co.actor.name}</ExternalLink>
                <span class="costar-count">{co.count} {co.count === 1 ? 'movie' : 'movies'} together</span>
                <p class="costar-movies">{co.movies.slice(0, 3).map((movie) => `${movie.title}${movie.releaseYear ? ` (${movie.releaseYear})` : ''}`).join(', ')}{co.movies.length > 3 ? '…' : ''}</p>
              </div>
              <button type="button" class="button button-small" disabled={chosen.includes(co.actor.tmdbId) || full}
                onClick={() => onAdd(co.actor.tmdbId, co.actor.name, co.actor.profileUrl)}
                aria-label={chosen.includes(co.actor.tmdbId) ? `${co.actor.name} is chosen` : `Add ${co.actor.name}`}>
                {chosen.includes(co.actor.tmdbId) ? 'Chosen' : 'Add'}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
