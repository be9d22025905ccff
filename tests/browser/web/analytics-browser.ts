// The AnalyticsBrowser page: @segment/analytics-next from npm, bundled with the generated module
// by esbuild. The test's loopback server stands in for Segment's CDN (`cdnURL`), which serves
// the settings that name the loopback collector as the Segment.io API host.

import { AnalyticsBrowser } from "@segment/analytics-next";
import { createTracker } from "./tracking/index.js";
import { report, run } from "./run.js";

const writeKey = "npm-key";
const cdnURL = location.origin;

// README: In the browser
const analytics = AnalyticsBrowser.load({ writeKey, cdnURL });
const tracker = createTracker(analytics, { onViolation: report });
// end README

run(tracker, analytics.ready());
