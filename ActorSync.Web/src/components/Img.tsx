import { useState } from 'preact/hooks';

interface Props {
  src: string | null | undefined;
  alt: string;
  /** poster: 2:3 movie poster; person: a portrait. The size is fixed by CSS so nothing moves when images arrive. */
  kind: 'poster' | 'person';
  size: 'xs' | 's' | 'm';
  /** What the placeholder shows: initials of a name, or the start of a title. */
  label: string;
}

function initials(text: string): string {
  const words = text.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  return (words.length === 1 ? words[0].slice(0, 2) : (words[0]?.[0] ?? '') + (words[words.length - 1]?.[0] ?? '')).toUpperCase();
}

/** A TMDB image, lazy, or a quiet placeholder when there is none or it cannot load (offline every image fails). */
export function Img({ src, alt, kind, size, label }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  const className = `img img-${kind} img-${size}`;
  if (!src || failed === src) {
    return (
      <span class={`${className} img-missing`} role={alt ? 'img' : undefined} aria-label={alt || undefined} aria-hidden={alt ? undefined : 'true'}>
        <span aria-hidden="true">{initials(label)}</span>
      </span>
    );
  }
  const [width, height] = kind === 'poster' ? ({ xs: [32, 48], s: [64, 96], m: [92, 138] } as const)[size] : ({ xs: [32, 32], s: [48, 48], m: [72, 72] } as const)[size];
  return <img class={className} src={src} alt={alt} width={width} height={height} loading="lazy" decoding="async" onError={() => setFailed(src)} />;
}
