import type { Known } from '../state/known';
import { Img } from './Img';

interface Props {
  ids: number[];
  known: ReadonlyMap<number, Known>;
  kind: 'person' | 'poster';
  what: string;
  onRemove: (id: number) => void;
  /** Actors only: the co-stars button. */
  onCoStars?: (id: number) => void;
  coStarsOf?: number | null;
}

/** The chosen actors or movies, each removable; unknown names show as their id until the lookup answers. */
export function Chips({ ids, known, kind, what, onRemove, onCoStars, coStarsOf }: Props) {
  if (ids.length === 0) return null;
  return (
    <ul class="chips" aria-label={`Chosen ${what}s`}>
      {ids.map((id) => {
        const item = known.get(id);
        const name = item?.name ?? `${what[0].toUpperCase()}${what.slice(1)} #${id}`;
        return (
          <li key={id} class="chip">
            <Img src={item?.imageUrl} alt="" kind={kind} size="xs" label={item?.name ?? ''} />
            <span class="chip-name">{name}{item?.detail ? <span class="muted"> ({item.detail})</span> : null}</span>
            {onCoStars && (
              <button type="button" class="chip-button" aria-pressed={coStarsOf === id} onClick={() => onCoStars(id)} aria-label={`Top co-stars of ${name}`} title="Top co-stars">
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M16 11a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm0 2c-2.7 0-8 1.3-8 4v3h10v-3c0-1 .4-2 1.3-2.7A13 13 0 0 0 8 13Zm8 0c-.4 0-.8 0-1.2.1A4.4 4.4 0 0 1 17 17v3h7v-3c0-2.7-5.3-4-8-4Z" /></svg>
              </button>
            )}
            <button type="button" class="chip-button" onClick={() => onRemove(id)} aria-label={`Remove ${name}`} title="Remove">
              <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3Z" /></svg>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
