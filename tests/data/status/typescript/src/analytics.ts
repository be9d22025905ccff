import { createTracker as makeTracker } from "./tracking/index.js";
import type { AnalyticsClient } from "./tracking/index.js";

declare const segment: AnalyticsClient;

/** The app's one tracker: other modules import it from here, not the generated module. */
export const tracker = makeTracker(segment);
