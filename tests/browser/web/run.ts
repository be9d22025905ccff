// What both pages do with their tracker: check that `calls` covers every method of the
// generated tracker, send half of the calls at once (analytics.js is still loading: they are
// buffered) and the other half once it is ready, then publish, for the driver, whether the
// calls were delivered and which violations the tracker reported.

import type { Tracker, Violation } from "./tracking/index.js";
import { calls } from "./calls.js";

declare global {
  interface Window {
    /** Resolves once every call that returned a promise has been delivered. */
    tracktypeDone: Promise<{ uncovered: string[]; unknown: string[]; reported: Reported[] }>;
  }
}

/** What `onViolation` received for one call. */
export interface Reported {
  event: string;
  violations: Violation[];
}

const reported: Reported[] = [];

/** The pages' `onViolation`: records what it receives, and lets the call be sent. */
export function report(violations: Violation[], event: string): void {
  reported.push({ event, violations });
}

export function run(tracker: Tracker, ready: Promise<unknown>): void {
  const methods = Object.keys(tracker);
  const called = calls.map((c) => c.method as string);
  const uncovered = methods.filter((m) => !called.includes(m));
  const unknown = called.filter((m) => !methods.includes(m));

  const half = Math.ceil(calls.length / 2);
  const sent = calls.slice(0, half).map((c) => c.send(tracker));
  window.tracktypeDone = ready.then(async () => {
    sent.push(...calls.slice(half).map((c) => c.send(tracker)));
    await Promise.all(sent.filter((r) => r instanceof Promise));
    return { uncovered, unknown, reported };
  });
}
