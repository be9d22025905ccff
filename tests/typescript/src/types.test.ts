// Compile-time checks of the generated TypeScript, under the strictest settings (see
// tsconfig.json). Every `@ts-expect-error` line must fail to compile: tsc reports an unused
// one as an error, so each negative case below is enforced.

import { AnalyticsBrowser } from "@segment/analytics-next";
import type { AnalyticsSnippet } from "@segment/analytics-next";
import { Analytics } from "@segment/analytics-node";

import * as mca from "../../../generated-examples/typescript/mitigate-cart-abandonment/index.js";
import * as mcaNode from "../../../generated-examples/typescript/mitigate-cart-abandonment-node/index.js";
import * as all from "../../../generated-examples/typescript/all-use-cases/index.js";
import * as acme from "../../../generated-examples/typescript/acme/index.js";
import * as allNode from "../generated/fixtures/embedded-all-node/index.js";

declare global {
  interface Window {
    analytics: AnalyticsSnippet;
  }
}

// The real AnalyticsBrowser is a client, and the tracker returns what its `track` returns.
export function withAnalyticsBrowser(): Promise<unknown> {
  const analytics = AnalyticsBrowser.load({ writeKey: "key" });
  const tracker = mca.createTracker(analytics);
  return tracker.orderCompleted({ order_id: "o-1", revenue: 25 });
}

// The `window.analytics` snippet is a client.
export function withSnippet(): void {
  const tracker = mca.createTracker(window.analytics, { context: { app: "web" } });
  void tracker.checkoutStarted({ order_id: "o-1" }, { timestamp: new Date() });
}

// A tracker with page and screen events needs the client's `page` and `screen`, which
// AnalyticsBrowser and the snippet have; identify and group take their typed traits.
export function everyCallWithAnalyticsBrowser(): Promise<unknown>[] {
  const tracker = all.createTracker(AnalyticsBrowser.load({ writeKey: "key" }));
  return [
    tracker.pageViewed({ page_name: "Home", path: "/" }),
    tracker.screenViewed({ screen_title: "Cart" }),
    tracker.identify("u-1", { email: "ada@example.com", address: { city: "Paris" } }),
    tracker.group("g-1", { name: "Acme", employees: "11-50" }),
  ];
}

export function everyCallWithSnippet(): void {
  const tracker = all.createTracker(window.analytics);
  void tracker.pageViewed({ page_name: "Home" }, { context: { ip: "0.0.0.0" } });
  void tracker.screenViewed();
  void tracker.identify(null, { first_name: "Ada" }, { anonymousId: "a-1" });
  void tracker.group("g-1");
}

export function everyCallWithAnalyticsNode(analytics: Analytics, tracker: allNode.Tracker): void {
  allNode.createTracker(analytics).pageViewed({ userId: "u-1", properties: { page_name: "Home" } });
  tracker.screenViewed({ anonymousId: "a-1", properties: { screen_title: "Cart" } });
  tracker.identify({ userId: "u-1", traits: { email: "ada@example.com" } });
  tracker.group({ userId: "u-1", groupId: "g-1", traits: { name: "Acme" } });
}

export function callNegatives(tracker: all.Tracker, nodeTracker: allNode.Tracker, acmeTracker: acme.Tracker): void {
  // @ts-expect-error a page event is not a track event: the generic track does not take it
  tracker.track("Page Viewed", {});
  // @ts-expect-error a trait has the wrong type
  tracker.identify("u-1", { email: 42 });
  // @ts-expect-error an unknown trait is rejected
  tracker.identify("u-1", { emial: "ada@example.com" });
  // @ts-expect-error a group call needs the group's ID
  tracker.group(null, { name: "Acme" });
  // @ts-expect-error a page property of the wrong type
  nodeTracker.pageViewed({ userId: "u-1", properties: { page_name: 1 } });
  // @ts-expect-error analytics-node's identify needs a userId or an anonymousId
  nodeTracker.identify({ traits: { email: "ada@example.com" } });
  // @ts-expect-error a required trait is missing (Acme's catalog requires `plan`)
  acmeTracker.identify({ userId: "u-1", traits: { email: "ada@example.com" } });
  // @ts-expect-error a trait has the wrong type (Acme's `plan` is one of its plans)
  acmeTracker.identify({ userId: "u-1", traits: { plan: "gold" } });
  // @ts-expect-error a group trait has the wrong type
  acmeTracker.group({ userId: "u-1", groupId: "g-1", traits: { seats: "three" } });
}

// analytics-node's Analytics is a client of the analytics-node flavour.
export function withAnalyticsNode(analytics: Analytics): void {
  const tracker = mcaNode.createTracker(analytics);
  tracker.orderCompleted({ userId: "u-1", properties: { order_id: "o-1" } });
  tracker.checkoutStarted({ anonymousId: "a-1", properties: { order_id: "o-1" } });
  tracker.track("Order Completed", {
    userId: "u-1",
    timestamp: new Date(),
    context: { ip: "0.0.0.0" },
    integrations: { All: true },
    messageId: "m-1",
    properties: { order_id: "o-1" },
  });
}

// The generic `track` takes the event's own properties.
export function genericTrack(tracker: mca.Tracker): void {
  tracker.track("Checkout Started", { order_id: "o-1", coupon: "SAVE" });
  const name: mca.EventName = "Order Completed";
  tracker.track(name, { order_id: "o-2" });
}

// An event without properties, and one whose properties are all optional, need no argument.
export function noArguments(tracker: all.Tracker): void {
  tracker.subscriptionStarted();
  tracker.trialStarted();
  tracker.pageViewed();
  tracker.subscriptionStarted({});
}

export function negatives(tracker: mca.Tracker, nodeTracker: mcaNode.Tracker): void {
  // @ts-expect-error a required property is missing
  tracker.orderCompleted({ revenue: 10 });
  // @ts-expect-error a property has the wrong type
  tracker.orderCompleted({ order_id: 42 });
  // @ts-expect-error an unknown property is rejected
  tracker.orderCompleted({ order_id: "o-1", revnue: 10 });
  // @ts-expect-error an unknown event name is rejected
  tracker.track("Order Complete", { order_id: "o-1" });
  // @ts-expect-error the generic track checks the event's properties
  tracker.track("Order Completed", { revenue: 1 });
  // @ts-expect-error analytics-node needs a userId or an anonymousId
  nodeTracker.orderCompleted({ properties: { order_id: "o-1" } });
  // @ts-expect-error an optional property is absent, not undefined (exactOptionalPropertyTypes)
  tracker.orderCompleted({ order_id: "o-1", revenue: undefined });
}

export function acmeTypes(tracker: acme.Tracker): void {
  tracker.subscriptionStarted({
    userId: "u-1",
    properties: {
      plan: "pro",
      referrer: null,
      promotion: 7,
      attribution: { utm_source: "newsletter" },
      experiment: ["anything", 1, null],
      previous_plans: ["starter"],
    },
  });
  // @ts-expect-error a wrong enum value
  tracker.subscriptionStarted({ userId: "u-1", properties: { plan: "gold", referrer: null } });
  // @ts-expect-error a nullable required property must still be sent
  tracker.subscriptionStarted({ userId: "u-1", properties: { plan: "pro" } });
  // @ts-expect-error an optional property that is not nullable cannot be null
  tracker.subscriptionStarted({ userId: "u-1", properties: { plan: "pro", referrer: null, seats: null } });
  // @ts-expect-error a union accepts only its members' types
  tracker.subscriptionStarted({ userId: "u-1", properties: { plan: "pro", referrer: null, promotion: true } });
  // @ts-expect-error a required enum added by a user catalog
  tracker.orderCompleted({ userId: "u-1", properties: { order_id: "o-1" } });
  // @ts-expect-error an enum value outside the list
  tracker.orderCompleted({ userId: "u-1", properties: { order_id: "o-1", currency: "JPY" } });
}
