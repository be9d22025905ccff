import type { Tracker } from "./tracking/index.js";

export function TrialButton({ tracker }: { tracker: Tracker }) {
  const label = `tracker.subscriptionStarted()`;
  return <button onClick={() => tracker.trialStarted({})}>{label}</button>;
}
