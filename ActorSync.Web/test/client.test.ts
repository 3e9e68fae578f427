import { describe, expect, it } from 'vitest';
import { problemFrom } from '../src/api/client';

describe('problemFrom', () => {
  it('names the unknown ids of a comparison', () => {
    const problem = problemFrom([{ message: 'x', extensions: { code: 'ACTOR_NOT_FOUND', tmdbIds: [999999] } }], 200, null);
    expect(problem.kind).toBe('not-found');
    expect(problem.message).toContain('actor');
    expect(problem.message).toContain('999999');
  });

  it('says when to retry a rate-limited request, from the error or the Retry-After header', () => {
    expect(problemFrom([{ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfter: 12 } }], 429, null)).toMatchObject({ kind: 'rate-limited', retryAfter: 12 });
    const fromHeader = problemFrom([], 429, '30');
    expect(fromHeader.kind).toBe('rate-limited');
    expect(fromHeader.retryAfter).toBe(30);
    expect(fromHeader.message).toContain('30 seconds');
  });

  it('says long waits in minutes', () => {
    expect(problemFrom([{ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfter: 600 } }], 429, null).message).toContain('try again in 10 minutes');
  });

  it('explains that TMDB is unavailable', () => {
    const problem = problemFrom([{ message: 'x', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }], 200, null);
    expect(problem.kind).toBe('unavailable');
    expect(problem.message).toContain('TMDB');
  });

  it('never shows the raw error text of something unexpected', () => {
    const problem = problemFrom([{ message: '{"raw":"json"}', extensions: { code: 'INTERNAL_SERVER_ERROR' } }], 500, null);
    expect(problem.kind).toBe('server');
    expect(problem.message).not.toContain('raw');
  });
});
