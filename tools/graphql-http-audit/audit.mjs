#!/usr/bin/env node
// GraphQL-over-HTTP compliance audit, using the audit suite shipped in graphql-http.
//
// Usage: node audit.mjs <url>          e.g. node audit.mjs http://127.0.0.1:5000/graphql
//
// Prints one line per audit: "<ok|warn|notice|error> <id> <name>"; non-ok results are
// followed by indented lines with the reason and the response's status, content-type and
// (up to 500 characters of) body. Ends with "audit: N ok, N warn, N notice, N error".
//
// Exit codes: 0 = every audit ok; 1 = at least one audit is not ok;
//             2 = usage error or fatal error (e.g. connection refused, request timeout).
//
// Environment: AUDIT_TIMEOUT_MS - per-request timeout in ms (default 10000).
//
// See AUDITS.md in this folder for what each audit sends and expects.

import { auditServer } from 'graphql-http';

const BODY_LIMIT = 500;
const STATUSES = ['ok', 'warn', 'notice', 'error'];

function usage(msg) {
  if (msg) process.stderr.write(`audit: ${msg}\n`);
  process.stderr.write('usage: node audit.mjs <url>   (e.g. http://127.0.0.1:5000/graphql)\n');
  process.exitCode = 2;
}

function describeError(err) {
  if (!(err instanceof Error)) return String(err);
  let text = `${err.name}: ${err.message}`;
  // Node's fetch wraps network errors ("fetch failed") and puts the real one in `cause`.
  let cause = err.cause;
  while (cause) {
    text += ` <- ${cause instanceof Error ? `${cause.code ? cause.code + ' ' : ''}${cause.message}` : String(cause)}`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return text;
}

async function describeResponse(res) {
  const lines = [];
  if (!res || typeof res.status !== 'number') {
    lines.push('response: <none>');
    return lines;
  }
  const ct = res.headers?.get?.('content-type');
  lines.push(`response: ${res.status}${res.statusText ? ' ' + res.statusText : ''}; content-type: ${ct ?? '<none>'}`);
  if (res.bodyUsed) {
    // Some audits consume the body themselves before failing (e.g. "not valid JSON").
    lines.push('body: <already read by the audit>');
    return lines;
  }
  try {
    const text = await res.text();
    const shown = text.length > BODY_LIMIT ? text.slice(0, BODY_LIMIT) : text;
    const suffix = text.length > BODY_LIMIT ? ` ...(${text.length} chars total)` : '';
    // JSON.stringify keeps the body on one line and makes control characters visible.
    lines.push(`body: ${text.length === 0 ? '<empty>' : JSON.stringify(shown) + suffix}`);
  } catch (err) {
    lines.push(`body: <unreadable: ${describeError(err)}>`);
  }
  return lines;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
    return usage(args.length === 0 ? 'missing <url>' : args.length > 1 ? 'too many arguments' : undefined);
  }
  let url;
  try {
    url = new URL(args[0]);
  } catch {
    return usage(`not a valid URL: ${args[0]}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return usage(`URL must be http: or https:, got ${url.protocol}`);
  }

  const timeoutMs = Number(process.env.AUDIT_TIMEOUT_MS ?? 10000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return usage(`AUDIT_TIMEOUT_MS must be a positive number, got ${process.env.AUDIT_TIMEOUT_MS}`);
  }
  // The global fetch, with a per-request timeout so a hanging server cannot hang the audit.
  const fetchFn = (input, init = {}) =>
    fetch(input, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });

  let results;
  try {
    results = await auditServer({ url: url.toString(), fetchFn });
  } catch (err) {
    // graphql-http throws only on fatal errors (anything that is not an assertion failure),
    // e.g. the server is unreachable.
    process.stderr.write(`audit: fatal error auditing ${url}: ${describeError(err)}\n`);
    process.stdout.write('audit: fatal error, no results\n');
    process.exitCode = 2;
    return;
  }

  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const out = [];
  for (const result of results) {
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    out.push(`${result.status} ${result.id} ${result.name}`);
    if (result.status !== 'ok') {
      out.push(`  reason: ${result.reason}`);
      for (const line of await describeResponse(result.response)) out.push(`  ${line}`);
    }
  }
  out.push(`audit: ${STATUSES.map((s) => `${counts[s]} ${s}`).join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
  const allOk = results.length > 0 && results.every((r) => r.status === 'ok');
  process.exitCode = allOk ? 0 : 1;
}

main().then(
  // Exit explicitly: unread bodies / keep-alive sockets must not keep the process alive.
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    process.stderr.write(`audit: internal error: ${err?.stack ?? err}\n`);
    process.exit(2);
  },
);
