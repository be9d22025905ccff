// The snippet page: the tracker over `window.analytics`, which snippet.html's stub defines and
// the standalone analytics.js (the npm package's own build, served by the test as Segment's CDN
// would serve it) replaces once loaded. The tracker keeps the stub: calls made on it after the
// load are forwarded to the real instance, as Segment's snippet 5.x does.

import type { AnalyticsSnippet } from "@segment/analytics-next";
import { createTracker } from "./tracking/index.js";
import { report, run } from "./run.js";

declare global {
  interface Window {
    analytics: AnalyticsSnippet;
  }
}

// README: In the browser
const tracker = createTracker(window.analytics, { onViolation: report });
// end README

run(tracker, new Promise((resolve) => window.analytics.ready(resolve)));
