import { tracker } from "./analytics";

export function signIn(userId: string, email: string): void {
  // tracker.group(..) in a comment is not a call.
  tracker.identify(userId, { email });
}

export function rename(userId: string, name: string): void {
  tracker.identify(userId, { name });
}

export function joinTeam(teamId: string): void {
  tracker.group(teamId, { name: "Acme" });
}
