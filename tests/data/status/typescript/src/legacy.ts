import { tracker } from "./analytics";

export function legacy(): void {
  tracker.signedIn({}); // an event of the catalog that this app does not select
  tracker.couponApplied({ coupon: "SPRING" }); // an event no longer in the catalog
}
