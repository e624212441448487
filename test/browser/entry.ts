// Browser entry of the smoke suite: runs it and leaves the results on
// globalThis for run-browser.mjs to read.
import { runSmoke, type SmokeResult } from './smoke.ts';

interface SmokeState {
  done: boolean;
  results: SmokeResult[];
  environment: { userAgent: string; hasProcess: boolean; hasBuffer: boolean };
}

const state: SmokeState = {
  done: false,
  results: [],
  environment: {
    userAgent: globalThis.navigator?.userAgent ?? '',
    hasProcess: 'process' in globalThis,
    hasBuffer: 'Buffer' in globalThis,
  },
};
(globalThis as { __dataguardSmoke?: SmokeState }).__dataguardSmoke = state;

runSmoke().then(
  (results) => {
    state.results = results;
    state.done = true;
  },
  (error: unknown) => {
    state.results = [{ name: 'smoke runner', ok: false, ms: 0, error: String(error) }];
    state.done = true;
  },
);
