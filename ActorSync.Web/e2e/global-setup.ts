import type { TestProject } from 'vitest/node';
import { startApi, type RunningApi } from './api.mjs';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

let api: RunningApi | undefined;

// One API for the suite, as Production would run behind this app: offline snapshot, only persisted operations
// (so any request of the app that is not a registered id fails), rate limits off (the suite sends many).
export async function setup(project: TestProject) {
  api = await startApi({ PersistedOperations__OnlyPersisted: 'true', RateLimits__Enabled: 'false' });
  project.provide('baseUrl', api.url);
}

export async function teardown() {
  await api?.stop();
}
