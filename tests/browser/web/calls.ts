// Every method of the generated tracker, called once with known values, and the message the
// collector must receive for it. The pages run `send`; the driver (analytics-next.mjs) compares
// what arrived with `expect`. A method without a call here fails the test, so a catalog that
// grows a new event grows a new line here. A call that breaks the plan says the violations the
// page's `onViolation` must receive for it; the tracker still sends it (the handler returns).

import type { Tracker, Violation } from "./tracking/index.js";

/** The fields of a received message the test compares, exactly. */
export interface Expected {
  type: "track" | "page" | "screen" | "identify" | "group";
  event?: string;
  name?: string;
  category?: string;
  userId?: string;
  groupId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

export interface Call {
  method: keyof Tracker;
  send(tracker: Tracker): unknown;
  expect: Expected;
  violations?: Violation[];
}

const product = { product_id: "p-1", sku: "SKU-1", price: 12.5, quantity: 2 };

// A page call's page properties are the ones analytics.js fills in from the document; they are
// all given here, so that the expected message does not depend on the test server's port.
const page = {
  path: "/pricing",
  referrer: "https://example.com/",
  search: "?plan=pro",
  title: "Pricing",
  url: "https://example.com/pricing?plan=pro",
};

export const calls: Call[] = [
  {
    method: "applicationInstalled",
    send: (t) => t.applicationInstalled({ version: "2.1.0", build: "210", from_background: false }),
    expect: {
      type: "track",
      event: "Application Installed",
      properties: { version: "2.1.0", build: "210", from_background: false },
    },
  },
  {
    method: "applicationOpened",
    send: (t) => t.applicationOpened({ from_background: true, url: "app://home" }),
    expect: {
      type: "track",
      event: "Application Opened",
      properties: { from_background: true, url: "app://home" },
    },
  },
  {
    method: "checkoutStarted",
    send: (t) => t.checkoutStarted({ order_id: "o-1", num_items: 2, coupon: "SPRING", total: 30.5 }),
    expect: {
      type: "track",
      event: "Checkout Started",
      properties: { order_id: "o-1", num_items: 2, coupon: "SPRING", total: 30.5 },
    },
  },
  {
    method: "installAttributed",
    send: (t) => t.installAttributed({ provider: "Branch", campaign: { source: "ads", ad_group: "g-7" } }),
    expect: {
      type: "track",
      event: "Install Attributed",
      properties: { provider: "Branch", campaign: { source: "ads", ad_group: "g-7" } },
    },
  },
  {
    method: "onboardingCompleted",
    send: (t) => t.onboardingCompleted(),
    expect: { type: "track", event: "Onboarding Completed", properties: {} },
  },
  {
    method: "onboardingStepCompleted",
    send: (t) => t.onboardingStepCompleted({ step_name: "profile", step_number: 1, total_steps: 3, pct_completed: 33.3 }),
    expect: {
      type: "track",
      event: "Onboarding Step Completed",
      properties: { step_name: "profile", step_number: 1, total_steps: 3, pct_completed: 33.3 },
    },
  },
  {
    method: "orderCompleted",
    send: (t) => t.orderCompleted({ order_id: "o-1", revenue: 25, currency: "EUR", products: [product] }),
    expect: {
      type: "track",
      event: "Order Completed",
      properties: { order_id: "o-1", revenue: 25, currency: "EUR", products: [product] },
    },
  },
  {
    method: "orderCompleted",
    send: (t) => t.orderCompleted({ order_id: "o-3", currency: "usd", products: [{ product_id: "p-1", quantity: -1 }] }),
    expect: {
      type: "track",
      event: "Order Completed",
      properties: { order_id: "o-3", currency: "usd", products: [{ product_id: "p-1", quantity: -1 }] },
    },
    violations: [
      { path: "/products/0/quantity", keyword: "minimum", expected: "0", value: -1 },
      { path: "/currency", keyword: "pattern", expected: "^[A-Z]{3}$", value: "usd" },
    ],
  },
  {
    method: "pageScrolled",
    send: (t) => t.pageScrolled({ pct_scrolled: 75, page_category: "blog" }),
    expect: { type: "track", event: "Page Scrolled", properties: { pct_scrolled: 75, page_category: "blog" } },
  },
  {
    method: "pageViewed",
    send: (t) => t.pageViewed({ page_name: "Pricing", page_category: "Docs", ...page, keywords: ["plans"] }),
    // analytics.js puts a page's category and name in its properties too.
    expect: {
      type: "page",
      name: "Pricing",
      category: "Docs",
      properties: { ...page, keywords: ["plans"], category: "Docs", name: "Pricing" },
    },
  },
  {
    method: "productAddedToCart",
    send: (t) => t.productAddedToCart({ product_id: "p-2", product_name: "Mug", product_price: 9 }),
    expect: {
      type: "track",
      event: "Product Added to Cart",
      properties: { product_id: "p-2", product_name: "Mug", product_price: 9 },
    },
  },
  {
    method: "screenViewed",
    send: (t) => t.screenViewed({ screen_title: "Cart", screen_type: "checkout", screen_id: "s-1" }),
    expect: { type: "screen", name: "Cart", category: "checkout", properties: { screen_id: "s-1" } },
  },
  {
    method: "signedIn",
    send: (t) => t.signedIn({ username: "ada" }),
    expect: { type: "track", event: "Signed In", properties: { username: "ada" } },
  },
  {
    method: "signedUp",
    send: (t) => t.signedUp({ first_name: "Ada", email: "ada@example.com", type: "organic" }),
    expect: {
      type: "track",
      event: "Signed Up",
      properties: { first_name: "Ada", email: "ada@example.com", type: "organic" },
    },
  },
  {
    method: "subscriptionStarted",
    send: (t) => t.subscriptionStarted(),
    expect: { type: "track", event: "Subscription Started", properties: {} },
  },
  {
    method: "trialStarted",
    send: (t) => t.trialStarted({ trial_plan_name: "pro", trial_start_date: "2026-01-01T00:00:00Z" }),
    expect: {
      type: "track",
      event: "Trial Started",
      properties: { trial_plan_name: "pro", trial_start_date: "2026-01-01T00:00:00Z" },
    },
  },
  {
    method: "identify",
    send: (t) => t.identify("u-1", { email: "ada@example.com", address: { city: "Paris" } }),
    expect: { type: "identify", userId: "u-1", traits: { email: "ada@example.com", address: { city: "Paris" } } },
  },
  {
    method: "group",
    send: (t) => t.group("g-1", { name: "Acme", employees: 12 }),
    expect: { type: "group", groupId: "g-1", traits: { name: "Acme", employees: 12 } },
  },
  {
    method: "track",
    send: (t) => t.track("Order Completed", { order_id: "o-2" }),
    expect: { type: "track", event: "Order Completed", properties: { order_id: "o-2" } },
  },
];
