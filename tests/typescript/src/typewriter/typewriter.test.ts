// Typewriter's end-to-end expectations, with the TypeScript generated from its own
// plan-v1.json: every function called through the real @segment/analytics-node, the requests
// caught by a mock collector on loopback. Prints the events received, as JSON, for the test
// suite to compare with tests/data/typewriter-e2e.json.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { Analytics } from "@segment/analytics-node";

import * as tw from "../../generated/typewriter/v1/index.js";

const messages: Record<string, unknown>[] = [];
const requests: string[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    requests.push(`${req.method} ${req.url}`);
    messages.push(...(JSON.parse(body) as { batch: Record<string, unknown>[] }).batch);
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;
const analytics = new Analytics({ writeKey: "key", host: `http://127.0.0.1:${port}`, flushAt: 100, maxRetries: 0 });
const t = tw.createTracker(analytics);
const rick = { userId: "rick" };

const any = "Rick Sanchez";
const array = [137, "C-137"];
const eight = {
  "any": any,
  "array": array,
  "boolean": false,
  "int": 97,
  "number": 3.14,
  "object": {},
  "string": "Alpha-Beta",
  "string with regex": "Lawyer Morty",
} as const;
const nulls = {
  "any": null,
  "array": null,
  "boolean": null,
  "int": null,
  "number": null,
  "object": null,
  "string": null,
  "string with regex": null,
} as const;
/** The eight fields with their names prefixed: `{ "required any": ..., ... }`. */
function prefixed<P extends string, V extends Record<string, unknown>>(prefix: P, values: V): { [K in keyof V & string as `${P} ${K}`]: V[K] } {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix} ${k}`, v])) as never;
}
const bigInt = 1230007112658965944;
const bigNumber = 1.24e21;

// Run-time validation: Typewriter's regex property, matching and not.
assert.deepEqual(tw.validate("Custom Violation Handler", { "regex property": "Lawyer Morty" }), []);
assert.deepEqual(tw.validate("Custom Violation Handler", { "regex property": "Rick" }), [
  { path: "/regex property", keyword: "pattern", expected: "Lawyer Morty|Evil Morty", value: "Rick" },
]);

t._42terribleEventName3(rick);
t.analyticsInstanceMissing(rick);
t.analyticsInstanceMissingThrewError(rick);
t.customViolationHandler({ ...rick, properties: { "regex property": "Lawyer Morty" } });
t.customViolationHandlerCalled(rick);
t.defaultViolationHandler({ ...rick, properties: { "regex property": "Evil Morty" } });
t.defaultViolationHandlerCalled(rick);
t.emptyEvent(rick);
t.enumTypes({ ...rick, properties: { "string const": "Rick Sanchez", "string enum": "Evil Morty" } });
t.eventCollided(rick);
t.everyNullableOptionalType(rick);
const optionalNulls = {
  ...prefixed("optional", nulls),
  "optional array with properties": null,
  "optional object with properties": null,
};
t.everyNullableOptionalType({ ...rick, properties: optionalNulls });
t.everyNullableOptionalType({
  ...rick,
  properties: {
    ...optionalNulls,
    "optional array with properties": [prefixed("optional", nulls)],
    "optional object with properties": prefixed("optional", nulls),
  },
});
t.everyNullableOptionalType({
  ...rick,
  properties: {
    ...prefixed("optional", eight),
    "optional array with properties": [prefixed("optional", eight)],
    "optional object with properties": prefixed("optional", eight),
  },
});
const requiredNulls = {
  ...prefixed("required", nulls),
  "required array with properties": null,
  "required object with properties": null,
};
t.everyNullableRequiredType({ ...rick, properties: requiredNulls });
t.everyNullableRequiredType({
  ...rick,
  properties: {
    ...requiredNulls,
    "required array with properties": [prefixed("required", nulls)],
    "required object with properties": prefixed("required", nulls),
  },
});
t.everyNullableRequiredType({
  ...rick,
  properties: {
    ...prefixed("required", eight),
    "required array with properties": [prefixed("required", eight)],
    "required object with properties": prefixed("required", eight),
  },
});
t.everyOptionalType(rick);
t.everyOptionalType({
  ...rick,
  properties: {
    ...prefixed("optional", eight),
    "optional array with properties": [prefixed("optional", eight)],
    "optional object with properties": prefixed("optional", eight),
  },
});
t.everyRequiredType({
  ...rick,
  properties: {
    ...prefixed("required", eight),
    "required array with properties": [prefixed("required", eight)],
    "required object with properties": prefixed("required", eight),
  },
});
t.largeNumbersEvent({
  ...rick,
  properties: {
    "large nullable optional integer": bigInt,
    "large nullable optional number": bigNumber,
    "large nullable required integer": bigInt,
    "large nullable required number": bigNumber,
    "large optional integer": bigInt,
    "large optional number": bigNumber,
    "large required integer": bigInt,
    "large required number": bigNumber,
  },
});
t.largeNumbersEvent({
  ...rick,
  properties: {
    "large nullable required integer": null,
    "large nullable required number": null,
    "large required integer": -bigInt,
    "large required number": -bigNumber,
  },
});
t.nestedArrays({ ...rick, properties: { universeCharacters: [[{ name: "Rick" }, { name: "Morty" }], [{ name: "Evil Morty" }]] } });
t.nestedObjects({
  ...rick,
  properties: {
    garage: {
      tunnel: {
        "subterranean lab": {
          "jerry's memories": [],
          "morty's memories": ["a ball", 137],
          "summer's contingency plan": "Oh, man, it's a scenario.",
        },
      },
    },
  },
});
t.propertiesCollided({ ...rick, properties: { "Property Collided": "The Citadel", "property_collided": "Galactic Federation" } });
t.propertyObjectNameCollision1({ ...rick, properties: { universe: { name: "Earth (C-137)", occupants: [{ name: "Mr. Meeseeks" }] } } });
t.propertyObjectNameCollision2({
  ...rick,
  properties: { universe: { name: "Earth (Replacement Dimension)", occupants: [{ name: "Cronenberg Rick" }] } },
});
t.propertySanitized({ ...rick, properties: { "0000---terrible-property-name~!3": "What a great property name" } });
t.simpleArrayTypes({
  ...rick,
  properties: {
    any: array,
    boolean: [true, false],
    integer: [1, 2],
    nullable: ["Evil Morty", null],
    number: [1.5, 2.25],
    object: [{ name: "Rick" }, {}],
    string: ["Lawyer Morty", "Evil Morty"],
  },
});
t.unionType({ ...rick, properties: { universe_name: "C-137" } });
t.unionType({ ...rick, properties: { universe_name: 137 } });
t.unionType({ ...rick, properties: { universe_name: null } });
t.eventCollided2(rick);

await analytics.closeAndFlush();
server.close();

assert.ok(requests.every((r) => r === "POST /v1/batch"), `only batches arrive: ${requests.join(", ")}`);
for (const m of messages) {
  assert.equal(m["type"], "track");
  assert.equal(m["userId"], "rick");
  const context = m["context"] as Record<string, unknown>;
  assert.deepEqual(context["tracktype"], { language: "typescript", version: process.env["TRACKTYPE_VERSION"] });
}
console.log(JSON.stringify(messages.map((m) => ({ event: m["event"], properties: m["properties"] }))));
