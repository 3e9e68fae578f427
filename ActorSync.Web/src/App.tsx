import { useEffect } from 'preact/hooks';
import { navigate, onLinkClick, route } from './state/router';
import type { Route } from './state/url';
import { ActorsScreen } from './components/ActorsScreen';
import { MoviesScreen } from './components/MoviesScreen';
import { PathScreen } from './components/PathScreen';

const TABS: { mode: Route['mode']; label: string; to: Route; href: string }[] = [
  { mode: 'actors', label: 'Actors', to: { mode: 'actors', ids: [], view: 'shared' }, href: '/' },
  { mode: 'movies', label: 'Movies', to: { mode: 'movies', ids: [], view: 'shared' }, href: '/movies' },
  { mode: 'path', label: 'Connections', to: { mode: 'path', from: null, to: null, maxDepth: 3 }, href: '/path' },
];

const TITLES: Record<Route['mode'], string> = { actors: 'Compare actors', movies: 'Compare movies', path: 'Connections' };

export function App() {
  const current = route.value;
  useEffect(() => { document.title = `${TITLES[current.mode]} · ActorSync`; }, [current.mode]);
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href="/" onClick={(event) => onLinkClick(event, TABS[0].to)}>
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><circle cx="12" cy="16" r="9" fill="none" stroke="currentColor" stroke-width="3" /><circle cx="20" cy="16" r="9" fill="none" stroke="var(--accent)" stroke-width="3" /></svg>
          ActorSync
        </a>
        <nav aria-label="Modes">
          <ul class="tabs">
            {TABS.map((tab) => (
              <li key={tab.mode}>
                <a href={tab.href} aria-current={current.mode === tab.mode ? 'page' : undefined} onClick={(event) => onLinkClick(event, tab.to)}>{tab.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {current.mode === 'actors' && <ActorsScreen route={current} />}
        {current.mode === 'movies' && <MoviesScreen route={current} />}
        {current.mode === 'path' && <PathScreen route={current} />}
      </main>
      <footer class="foot">
        <a href="https://www.themoviedb.org/" target="_blank" rel="noopener noreferrer" class="tmdb" aria-label="The Movie Database (TMDB)">
          <svg viewBox="0 0 120 20" width="96" height="16" aria-hidden="true"><rect width="120" height="20" rx="10" fill="#0d253f" /><text x="60" y="14.5" fill="#01b4e4" font-size="12" font-weight="700" text-anchor="middle" font-family="system-ui, sans-serif">TMDB</text></svg>
        </a>
        <p>This product uses the TMDB API but is not endorsed or certified by TMDB. Movie and person data and images come from <a href="https://www.themoviedb.org/" target="_blank" rel="noopener noreferrer">The Movie Database</a>.</p>
        <p><a href="/graphql/">GraphQL API</a> · <button type="button" class="linkish" onClick={() => navigate({ mode: 'actors', ids: [], view: 'shared' })}>Start over</button></p>
      </footer>
    </>
  );
}
