import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

// A GraphQL client in a page: each operation goes by its persisted id only (GET /graphql?id=sha256:…), so the API
// can run with PersistedOperations__OnlyPersisted=true and a CDN may cache the answers.

export type ProblemKind = 'not-found' | 'rate-limited' | 'unavailable' | 'network' | 'invalid' | 'server';

/** A failure said the way a person reads it; `retryAfter` in seconds when the API tells when to try again. */
export class Problem extends Error {
  constructor(readonly kind: ProblemKind, message: string, readonly retryAfter?: number, readonly ids?: number[]) {
    super(message);
  }
}

interface GraphQLError { message: string; extensions?: { code?: string; retryAfter?: number; tmdbIds?: number[]; tmdbId?: number } }
interface GraphQLResponse<T> { data?: T | null; errors?: GraphQLError[] }

function documentId(document: TypedDocumentNode<unknown, unknown>): string {
  const hash = (document as unknown as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('The operation was not generated with persisted documents.');
  return hash;
}

/** "45 seconds", "2 minutes": how long to wait, in the unit a person thinks in. */
export function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return 'a few seconds';
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

function secondsFrom(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

/** Turns the API's error codes into problems a person can act on. */
export function problemFrom(errors: GraphQLError[], status: number, retryAfterHeader: string | null): Problem {
  const first = errors[0];
  const code = first?.extensions?.code;
  const retryAfter = first?.extensions?.retryAfter ?? secondsFrom(retryAfterHeader);
  switch (code) {
    case 'ACTOR_NOT_FOUND':
    case 'MOVIE_NOT_FOUND': {
      const ids = first?.extensions?.tmdbIds ?? (first?.extensions?.tmdbId ? [first.extensions.tmdbId] : []);
      const what = code === 'ACTOR_NOT_FOUND' ? 'actor' : 'movie';
      const list = ids.length > 0 ? ` (TMDB id ${ids.join(', ')})` : '';
      return new Problem('not-found', `We could not find that ${what} on TMDB${list}. The link may be mistyped or the ${what} removed.`, undefined, ids);
    }
    case 'RATE_LIMITED':
      return new Problem('rate-limited', `Too many requests for now. Please try again in ${waitText(retryAfter)}.`, retryAfter);
    case 'UPSTREAM_UNAVAILABLE':
      return new Problem('unavailable', retryAfter
        ? `TMDB, where our data comes from, is asking us to slow down. Please try again in ${waitText(retryAfter)}.`
        : 'TMDB, where our data comes from, is not answering right now. Please try again in a minute.', retryAfter);
    case 'PATH_SEARCH_LIMIT':
      return new Problem('invalid', 'These two actors are too far apart to search for a connection here. Try a smaller number of steps or better-known actors.');
    case 'BAD_USER_INPUT':
      return new Problem('invalid', 'That request is not one we can answer: check the ids in the address.');
    case 'EXECUTION_TIMEOUT':
      return new Problem('unavailable', 'That took too long to answer. Please try again in a moment.');
    default:
      if (status === 429) return new Problem('rate-limited', `Too many requests for now. Please try again in ${waitText(retryAfter)}.`, retryAfter);
      return new Problem('server', 'Something went wrong on our side. Please try again in a moment.');
  }
}

/** Runs a persisted operation; rejects with a Problem. Aborted requests reject with the AbortError. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const params = new URLSearchParams({ id: documentId(document as TypedDocumentNode<unknown, unknown>), variables: JSON.stringify(variables) });
  let response: Response;
  try {
    response = await fetch(`/graphql?${params}`, { headers: { Accept: 'application/graphql-response+json, application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new Problem('network', navigator.onLine === false
      ? 'You seem to be offline. Check your connection and try again.'
      : 'We could not reach the ActorSync server. Check your connection and try again.');
  }
  let body: GraphQLResponse<TResult> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
  }
  const retryAfter = response.headers.get('Retry-After');
  if (body?.errors?.length) throw problemFrom(body.errors, response.status, retryAfter);
  if (!response.ok || !body?.data) throw problemFrom([], response.status, retryAfter);
  return body.data;
}
