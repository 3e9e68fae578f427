import { signal } from '@preact/signals';
import { parseRoute, routeUrl, type Route } from './url';

/** The current screen, kept in step with the address bar (back and forward included). */
export const route = signal<Route>(parseRoute(location.pathname, location.search));

// Legacy and untidy links (?actor1_id=…) are rewritten in place to the canonical form, without a history entry.
const canonical = routeUrl(route.value);
if (canonical !== location.pathname + location.search) history.replaceState(null, '', canonical);

addEventListener('popstate', () => {
  route.value = parseRoute(location.pathname, location.search);
});

/** Shows a screen and records it in history (replace: change the entry instead, e.g. for the Shared/All switch). */
export function navigate(next: Route, replace = false): void {
  const url = routeUrl(next);
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  route.value = next;
}

/** A same-origin link click handled in the page (a modified click still opens a new tab). */
export function onLinkClick(event: MouseEvent, to: Route): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
