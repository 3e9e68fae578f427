import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The real API, as the container runs it (its built dll), on a free loopback port.

const repository = fileURLToPath(new URL('../../', import.meta.url));
// The newest build of the API (./test.sh builds Debug; `-c Release` builds Release), unless named.
export const apiDll = process.env.ACTORSYNC_API_DLL ?? ['Debug', 'Release']
  .map((configuration) => `${repository}ActorSync.GraphQL/bin/${configuration}/net10.0/ActorSync.GraphQL.dll`)
  .filter((path) => existsSync(path))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? `${repository}ActorSync.GraphQL/bin/Debug/net10.0/ActorSync.GraphQL.dll`;

/** @returns {Promise<number>} */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @typedef {{ url: string, stop: () => Promise<void>, output: () => string }} RunningApi */

/**
 * @param {Record<string, string>} settings
 * @returns {Promise<RunningApi>}
 */
export async function startApi(settings) {
  if (!existsSync(apiDll)) throw new Error(`${apiDll} is missing: build the API first (dotnet build, or ./test.sh).`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Only what the API needs from this process's environment: the tests decide every setting.
  const keep = ['PATH', 'HOME', 'DOTNET_ROOT', 'DOTNET_CLI_HOME', 'TMPDIR', 'LANG'];
  const env = Object.fromEntries(keep.filter((key) => process.env[key]).map((key) => [key, process.env[key]]));
  Object.assign(env, {
    ASPNETCORE_ENVIRONMENT: 'Production',
    ASPNETCORE_URLS: url,
    TMDB_MODE: 'offline',
    TMDB_API_KEY: '',
    DOTNET_NOLOGO: '1',
  }, settings);
  let output = '';
  const child = spawn('dotnet', [apiDll], { cwd: dirname(apiDll), env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/health/complete`);
      // Listening and its checks answered; the first query waits for the offline snapshot if it is still loading.
      if (response.ok && (await response.text()).includes('"app"')) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
