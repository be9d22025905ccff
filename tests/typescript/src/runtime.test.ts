// Drives the generated trackers at run time and checks exactly what is sent:
// - the analytics-node examples, and the every-use-case SDK for analytics-node the suite
//   generates, through the real @segment/analytics-node to a mock collector on loopback
//   started here: track, page, screen, identify and group calls;
// - the analytics-next examples through a recording client with analytics.js's signatures
//   (AnalyticsBrowser needs a browser).
// Run by tracktype's Rust test suite, which passes the generator's version.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { Analytics } from "@segment/analytics-node";

import * as mca from "../../../generated-examples/typescript/mitigate-cart-abandonment/index.js";
import * as mcaNode from "../../../generated-examples/typescript/mitigate-cart-abandonment-node/index.js";
import * as all from "../../../generated-examples/typescript/all-use-cases/index.js";
import * as acme from "../../../generated-examples/typescript/acme/index.js";
import * as allNode from "../generated/fixtures/embedded-all-node/index.js";

const version = process.env["TRACKTYPE_VERSION"];
assert.ok(version, "TRACKTYPE_VERSION is set by the test suite");
const tracktype = { language: "typescript", version };

/** A message the collector must receive; `type` is `track` unless it says otherwise. */
interface Expected {
  type?: "page" | "screen" | "identify" | "group";
  event?: string;
  name?: string;
  category?: string;
  groupId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  userId?: string;
  anonymousId?: string;
  context?: Record<string, unknown>;
}

async function analyticsNode(): Promise<void> {
  const batches: unknown[] = [];
  const paths: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      paths.push(`${req.method} ${req.url}`);
      batches.push(JSON.parse(body));
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const analytics = new Analytics({
    writeKey: "test-key",
    host: `http://127.0.0.1:${port}`,
    flushAt: 100,
    maxRetries: 0,
  });

  const expected: Expected[] = [];
  const cart = mcaNode.createTracker(analytics);
  cart.checkoutStarted({
    anonymousId: "a-1",
    properties: { order_id: "o-1", num_items: 2, coupon: "SPRING", total: 30.5 },
  });
  expected.push({
    event: "Checkout Started",
    anonymousId: "a-1",
    properties: { order_id: "o-1", num_items: 2, coupon: "SPRING", total: 30.5 },
  });
  cart.orderCompleted({
    userId: "u-1",
    context: { ip: "192.0.2.1" },
    properties: {
      order_id: "o-1",
      revenue: 25,
      products: [{ product_id: "p-1", price: 12.5, quantity: 2 }],
    },
  });
  expected.push({
    event: "Order Completed",
    userId: "u-1",
    context: { ip: "192.0.2.1" },
    properties: {
      order_id: "o-1",
      revenue: 25,
      products: [{ product_id: "p-1", price: 12.5, quantity: 2 }],
    },
  });
  cart.track("Order Completed", { userId: "u-2", properties: { order_id: "o-2" } });
  expected.push({ event: "Order Completed", userId: "u-2", properties: { order_id: "o-2" } });

  const billing = acme.createTracker(analytics, { context: { app: { name: "acme" } } });
  billing.checkoutStarted({ userId: "u-3", properties: { order_id: "o-3" } });
  expected.push({ event: "Checkout Started", userId: "u-3", context: { app: { name: "acme" } }, properties: { order_id: "o-3" } });
  billing.orderCompleted({
    userId: "u-3",
    properties: { order_id: "o-3", currency: "EUR", payment_method: "gift_card" },
  });
  expected.push({
    event: "Order Completed",
    userId: "u-3",
    context: { app: { name: "acme" } },
    properties: { order_id: "o-3", currency: "EUR", payment_method: "gift_card" },
  });
  // Optional and nullable: absent above, an explicit null here.
  billing.orderCompleted({ userId: "u-3", properties: { order_id: "o-4", currency: "GBP", gift_message: null } });
  expected.push({
    event: "Order Completed",
    userId: "u-3",
    context: { app: { name: "acme" } },
    properties: { order_id: "o-4", currency: "GBP", gift_message: null },
  });
  // A nullable required property goes out as an explicit null; optional ones stay absent.
  billing.subscriptionStarted({ userId: "u-3", properties: { plan: "starter", referrer: null } });
  expected.push({
    event: "Subscription Started",
    userId: "u-3",
    context: { app: { name: "acme" } },
    properties: { plan: "starter", referrer: null },
  });
  const every = {
    plan: "enterprise",
    billing_interval: "yearly",
    seats: 40,
    referrer: "partner-9",
    promotion: 1234,
    attribution: { utm_source: "newsletter", clicks: 3 },
    experiment: { variant: "b", weights: [0.5, 0.5] },
    previous_plans: ["starter", "pro"],
  } as const;
  billing.subscriptionStarted({ userId: "u-4", properties: { ...every, previous_plans: [...every.previous_plans] } });
  expected.push({ event: "Subscription Started", userId: "u-4", context: { app: { name: "acme" } }, properties: every });
  billing.subscriptionStarted({ userId: "u-5", properties: { plan: "pro", referrer: "r", promotion: "SPRING" } });
  expected.push({
    event: "Subscription Started",
    userId: "u-5",
    context: { app: { name: "acme" } },
    properties: { plan: "pro", referrer: "r", promotion: "SPRING" },
  });
  // An event whose properties are all optional sends `{}` when given none.
  billing.trialStarted({ userId: "u-6" });
  expected.push({ event: "Trial Started", userId: "u-6", context: { app: { name: "acme" } }, properties: {} });
  // Acme's own traits, beside the Segment Spec's reserved ones.
  billing.identify({ userId: "u-6", traits: { plan: "pro", email: "ada@example.com" } });
  expected.push({ type: "identify", userId: "u-6", context: { app: { name: "acme" } }, traits: { plan: "pro", email: "ada@example.com" } });
  billing.group({ userId: "u-6", groupId: "g-6", traits: { seats: 3, name: "Acme" } });
  expected.push({ type: "group", userId: "u-6", groupId: "g-6", context: { app: { name: "acme" } }, traits: { seats: 3, name: "Acme" } });

  // Page Viewed and Screen Viewed are page and screen calls: their name and category are the
  // call's own, and a page's category is in its properties too, as analytics.js sends it.
  const site = allNode.createTracker(analytics);
  site.pageViewed({ userId: "u-7", properties: { page_name: "Pricing", page_category: "Docs", path: "/pricing" } });
  expected.push({ type: "page", name: "Pricing", category: "Docs", userId: "u-7", properties: { path: "/pricing", category: "Docs" } });
  site.pageViewed({ anonymousId: "a-7" });
  expected.push({ type: "page", anonymousId: "a-7", properties: {} });
  site.screenViewed({ userId: "u-7", properties: { screen_title: "Cart", screen_type: "checkout", screen_id: "s-1" } });
  expected.push({ type: "screen", name: "Cart", category: "checkout", userId: "u-7", properties: { screen_id: "s-1" } });
  site.identify({ userId: "u-7", traits: { email: "ada@example.com", address: { city: "Paris" } } });
  expected.push({ type: "identify", userId: "u-7", traits: { email: "ada@example.com", address: { city: "Paris" } } });
  site.identify({ anonymousId: "a-7" });
  expected.push({ type: "identify", anonymousId: "a-7", traits: {} });
  site.group({ userId: "u-7", groupId: "g-1", traits: { name: "Acme", employees: "11-50" } });
  expected.push({ type: "group", userId: "u-7", groupId: "g-1", traits: { name: "Acme", employees: "11-50" } });

  await analytics.closeAndFlush();
  server.close();

  assert.ok(paths.every((p) => p === "POST /v1/batch"), `only batches arrive: ${paths.join(", ")}`);
  const messages = batches.flatMap((b) => (b as { batch: Record<string, unknown>[] }).batch);
  assert.equal(messages.length, expected.length, "exactly the expected calls, and nothing else");
  messages.forEach((m, i) => {
    const want = expected[i]!;
    const where = `message ${i} (${want.event ?? want.type})`;
    assert.equal(m["type"], want.type ?? "track", where);
    for (const key of ["event", "name", "category", "groupId", "userId", "anonymousId"] as const) {
      assert.equal(m[key], want[key], `${where}: ${key}`);
    }
    assert.deepEqual(m["properties"], want.properties, `${where}: properties`);
    assert.deepEqual(m["traits"], want.traits, `${where}: traits`);
    const context = { ...(m["context"] as Record<string, unknown>) };
    assert.deepEqual(context["tracktype"], tracktype, where);
    delete context["library"];
    assert.deepEqual(context, { ...want.context, tracktype }, where);
  });
  console.log(`analytics-node: ${messages.length} calls received by the collector as expected`);
}

/** A client with analytics.js's signatures that records every call: its name, then its arguments. */
function recorder() {
  const calls: unknown[][] = [];
  const record = (...call: unknown[]): number => calls.push(call);
  const client = {
    track: (event: string, properties?: object, options?: object) => record("track", event, properties, options),
    page: (category?: string | null, name?: string | null, properties?: object, options?: object) =>
      record("page", category, name, properties, options),
    screen: (category?: string | null, name?: string | null, properties?: object, options?: object) =>
      record("screen", category, name, properties, options),
    identify: (id?: string | null, traits?: object, options?: object) => record("identify", id, traits, options),
    group: (id?: string | null, traits?: object, options?: object) => record("group", id, traits, options),
  };
  return { calls, client };
}

function analyticsNext(): void {
  const cart = recorder();
  const tracker = mca.createTracker(cart.client, { context: { app: "web" } });
  assert.equal(tracker.checkoutStarted({ order_id: "o-1" }), 1, "methods return what the client returns");
  tracker.orderCompleted({ order_id: "o-1", revenue: 9.99 }, { context: { page: { path: "/done" } }, timestamp: "2026-01-01T00:00:00Z" });
  tracker.track("Order Completed", { order_id: "o-2" }, { integrations: { All: false } });
  assert.deepEqual(cart.calls, [
    ["track", "Checkout Started", { order_id: "o-1" }, { context: { app: "web", tracktype } }],
    [
      "track",
      "Order Completed",
      { order_id: "o-1", revenue: 9.99 },
      { timestamp: "2026-01-01T00:00:00Z", context: { app: "web", page: { path: "/done" }, tracktype } },
    ],
    ["track", "Order Completed", { order_id: "o-2" }, { integrations: { All: false }, context: { app: "web", tracktype } }],
  ]);

  // Every method of the example with every use case, with its exact wire name.
  const every = recorder();
  const t = all.createTracker(every.client);
  t.applicationInstalled({ version: "1.0", build: "100", from_background: false });
  t.applicationOpened({ from_background: true, url: "app://home" });
  t.checkoutStarted({ order_id: "o-1", discount: 2 });
  t.installAttributed({ provider: "Branch", campaign: { source: "ads", ad_group: "g" } });
  t.onboardingCompleted({});
  t.onboardingStepCompleted({ step_name: "profile", step_number: 1, total_steps: 3, pct_completed: 33.3 });
  t.orderCompleted({ order_id: "o-2", products: [{ product_id: "p", image_url: "https://x/y.png" }] });
  t.pageScrolled({ pct_scrolled: 75, page_category: "blog" });
  t.pageViewed({ page_name: "Home", page_category: "Docs", path: "/" });
  t.productAddedToCart({ product_id: "p-1", product_price: 3 });
  t.screenViewed({ screen_id: "s-1" });
  t.identify("u-1", { email: "ada@example.com" });
  t.identify(null, undefined, { anonymousId: "a-1" });
  t.group("g-1", { name: "Acme", employees: 12 }, { timestamp: "2026-01-01T00:00:00Z" });
  t.signedIn({ username: "ada" });
  t.signedUp({ first_name: "Ada", email: "ada@example.com", type: "organic" });
  t.subscriptionStarted();
  t.trialStarted({ trial_plan_name: "pro", trial_start_date: "2026-01-01T00:00:00Z" });
  const context = { context: { tracktype } };
  assert.deepEqual(every.calls, [
    ["track", "Application Installed", { version: "1.0", build: "100", from_background: false }, context],
    ["track", "Application Opened", { from_background: true, url: "app://home" }, context],
    ["track", "Checkout Started", { order_id: "o-1", discount: 2 }, context],
    ["track", "Install Attributed", { provider: "Branch", campaign: { source: "ads", ad_group: "g" } }, context],
    ["track", "Onboarding Completed", {}, context],
    ["track", "Onboarding Step Completed", { step_name: "profile", step_number: 1, total_steps: 3, pct_completed: 33.3 }, context],
    ["track", "Order Completed", { order_id: "o-2", products: [{ product_id: "p", image_url: "https://x/y.png" }] }, context],
    ["track", "Page Scrolled", { pct_scrolled: 75, page_category: "blog" }, context],
    ["page", "Docs", "Home", { path: "/" }, context],
    ["track", "Product Added to Cart", { product_id: "p-1", product_price: 3 }, context],
    ["screen", null, null, { screen_id: "s-1" }, context],
    ["identify", "u-1", { email: "ada@example.com" }, context],
    ["identify", null, {}, { anonymousId: "a-1", context: { tracktype } }],
    ["group", "g-1", { name: "Acme", employees: 12 }, { timestamp: "2026-01-01T00:00:00Z", context: { tracktype } }],
    ["track", "Signed In", { username: "ada" }, context],
    ["track", "Signed Up", { first_name: "Ada", email: "ada@example.com", type: "organic" }, context],
    ["track", "Subscription Started", {}, context],
    ["track", "Trial Started", { trial_plan_name: "pro", trial_start_date: "2026-01-01T00:00:00Z" }, context],
  ]);
  console.log(`analytics-next: ${cart.calls.length + every.calls.length} calls recorded as expected`);
}

analyticsNext();
await analyticsNode();
