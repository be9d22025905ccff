// Runs the validation corpus (tests/data/validation/corpus.json) through the generated
// `validate` and prints each case's violations as JSON, [path, keyword, expected, value] each,
// for tracktype's Rust test suite to compare with the corpus and with Rust and Swift. Then
// checks that the tracker hands violations to `onViolation` before the call is sent, and that
// a handler that throws stops the call.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as corpus from "../generated/fixtures/validation/index.js";

interface Case {
  event: corpus.EventName;
  properties: unknown;
}

const path = process.argv[2];
assert.ok(path, "the corpus path is passed by the test suite");
const cases = (JSON.parse(readFileSync(path, "utf8")) as { cases: Case[] }).cases;
const results = cases.map((c) =>
  corpus
    .validate(c.event, c.properties)
    .map((v) => [v.path, v.keyword, v.expected, v.value]),
);

const sent: unknown[] = [];
const seen: [corpus.Violation[], string][] = [];
const client = {
  track: (event: string, properties?: object) => sent.push([event, properties]),
  identify: () => 0,
  group: () => 0,
};
const tracker = corpus.createTracker(client, {
  onViolation: (violations, event) => {
    seen.push([violations, event]);
    if (event === "Numbers Checked") {
      throw new Error("dropped");
    }
  },
});
tracker.stringsChecked({ currency: "usd" });
assert.throws(() => tracker.numbersChecked({ pct: 140 }), /dropped/);
tracker.stringsChecked({ currency: "USD" });
assert.deepEqual(sent, [
  ["Strings Checked", { currency: "usd" }],
  ["Strings Checked", { currency: "USD" }],
]);
assert.deepEqual(
  seen.map(([v, e]) => [e, v.map((x) => x.path)]),
  [
    ["Strings Checked", ["/currency"]],
    ["Numbers Checked", ["/pct"]],
  ],
);

console.log(JSON.stringify(results));
