import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Problem } from '../api/client';
import type { View } from '../state/url';

const TITLES: Record<Problem['kind'], string> = {
  'not-found': 'Not found',
  'rate-limited': 'Slow down a little',
  unavailable: 'TMDB is unavailable',
  network: 'No connection',
  invalid: 'Cannot show this',
  server: 'Something went wrong',
};

/** A failure in words, with a way to try again; counts down when the API said when. */
export function ProblemBox({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const [left, setLeft] = useState(problem.retryAfter ?? 0);
  useEffect(() => {
    setLeft(problem.retryAfter ?? 0);
    if (!problem.retryAfter) return;
    const timer = setInterval(() => setLeft((seconds) => Math.max(0, seconds - 1)), 1000);
    return () => clearInterval(timer);
  }, [problem]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [problem]);
  return (
    <div class={`problem problem-${problem.kind}`} role="alert" tabIndex={-1} ref={box}>
      <h2>{TITLES[problem.kind]}</h2>
      <p>{problem.message}</p>
      {onRetry && problem.kind !== 'not-found' && problem.kind !== 'invalid' && (
        <button type="button" class="button" onClick={onRetry} disabled={left > 0}>
          {left > 0 ? `Try again in ${left < 90 ? `${left} s` : `${Math.ceil(left / 60)} min`}` : 'Try again'}
        </button>
      )}
    </div>
  );
}

/** Copies the current address; says so in a live region. */
export function CopyLink() {
  const [said, setSaid] = useState('');
  async function copy() {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      setSaid('Link copied');
    } catch {
      // Clipboard refused (insecure origin, permissions): the link is still in the address bar.
      setSaid('Copy the address from the address bar');
    }
    setTimeout(() => setSaid(''), 2500);
  }
  return (
    <span class="copy">
      <button type="button" class="button button-quiet" onClick={copy}>Copy link</button>
      <span class="copy-said" role="status" aria-live="polite">{said}</span>
    </span>
  );
}

/** Shared / All, as two radio buttons (a native group: arrow keys move between them). */
export function ViewSwitch({ view, onChange, name }: { view: View; onChange: (view: View) => void; name: string }) {
  return (
    <fieldset class="switch">
      <legend class="visually-hidden">Show</legend>
      {(['shared', 'all'] as const).map((value) => (
        <label key={value} class={view === value ? 'switch-on' : undefined}>
          <input type="radio" name={name} value={value} checked={view === value} onChange={() => onChange(value)} />
          {value === 'shared' ? 'Shared' : 'All'}
        </label>
      ))}
    </fieldset>
  );
}

export function Loading({ what }: { what: string }) {
  return <p class="loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true" />Loading {what}…</p>;
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function ExternalLink({ href, children, label }: { href: string; children: ComponentChildren; label?: string }) {
  return <a href={href} target="_blank" rel="noopener noreferrer" aria-label={label}>{children}</a>;
}
