// The generated TypeScript tracker in a real browser, the way users run it: bundled by esbuild
// with @segment/analytics-next and loaded by headless Chromium, once through AnalyticsBrowser
// and once through the `window.analytics` snippet. A loopback server here is Segment's CDN (the
// pages, the settings, the standalone analytics.js) and Segment's API (the collector). Every
// call of web/calls.ts must arrive exactly as it expects, and nothing else may arrive.
//
// Usage: node analytics-next.mjs --version <tracktype version>
// The generated module must be in web/tracking/ (the Rust test generates it there). Prints a
// JSON report; exits non-zero, with the difference, when a message is not as expected.

import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import { launch } from "./chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, "web");
const umd = join(here, "node_modules/@segment/analytics-next/dist/umd");
const { values: args } = parseArgs({ options: { version: { type: "string" } } });
assert.ok(args.version, "--version <tracktype version> is required");
const tracktype = { language: "typescript", version: args.version };
/** How long a page may take to deliver its calls before the test fails. */
const TIMEOUT_MS = 30_000;

/** The pages' scripts, bundled as a user's bundler would. */
async function bundle(entry) {
  const result = await esbuild.build({
    entryPoints: [join(web, entry)],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/** The calls and their expected messages, for Node: calls.ts has no imports but types. */
async function loadCalls() {
  const result = await esbuild.build({
    entryPoints: [join(web, "calls.ts")],
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const source = Buffer.from(result.outputFiles[0].text).toString("base64");
  return (await import(`data:text/javascript;base64,${source}`)).calls;
}

const [npmPage, snippetPage, calls] = await Promise.all([
  bundle("analytics-browser.ts"),
  bundle("snippet.ts"),
  loadCalls(),
]);

// --- The loopback server: Segment's CDN and API.

const requests = [];
const received = [];
const arrivals = new EventEmitter();
let origin = "";

/** Settings as Segment's CDN serves them: the Segment.io destination points at us, over http. */
function settings(writeKey) {
  return {
    integrations: {
      "Segment.io": { apiKey: writeKey, apiHost: `${origin.slice("http://".length)}/v1`, protocol: "http" },
    },
    plan: { track: { __default: { enabled: true } } },
    metrics: { sampleRate: 0 },
  };
}

function respond(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const path = new URL(req.url, origin).pathname;
    requests.push(`${req.method} ${path}`);
    let m;
    if (req.method === "POST" && (m = /^\/v1\/([a-z])$/.exec(path))) {
      received.push({ path, message: JSON.parse(body) });
      respond(res, 200, "application/json", "{}");
      arrivals.emit("message");
    } else if (path === "/analytics-browser.html") {
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tracktype: AnalyticsBrowser</title><script src="/analytics-browser.js"></script></head><body></body></html>`;
      respond(res, 200, "text/html", html);
    } else if (path === "/analytics-browser.js") {
      respond(res, 200, "text/javascript", npmPage);
    } else if (path === "/snippet.html") {
      respond(res, 200, "text/html", readFileSync(join(web, "snippet.html")));
    } else if (path === "/snippet.js") {
      respond(res, 200, "text/javascript", snippetPage);
    } else if ((m = /^\/v1\/projects\/([^/]+)\/settings$/.exec(path))) {
      respond(res, 200, "application/json", JSON.stringify(settings(m[1])));
    } else if (/^\/analytics\.js\/v1\/[^/]+\/analytics\.min\.js$/.test(path)) {
      respond(res, 200, "text/javascript", readFileSync(join(umd, "standalone.js")));
    } else if ((m = /^\/analytics-next\/bundles\/([\w.-]+\.js)$/.exec(path))) {
      respond(res, 200, "text/javascript", readFileSync(join(umd, m[1])));
    } else {
      respond(res, 404, "text/plain", "not found");
    }
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
origin = `http://127.0.0.1:${server.address().port}`;

/** Resolves when `count` messages have arrived; fails after TIMEOUT_MS. */
function messages(count) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (received.length >= count) {
        clearTimeout(timer);
        arrivals.off("message", check);
        resolve();
      }
    };
    const timer = setTimeout(() => {
      arrivals.off("message", check);
      reject(new Error(`${received.length} of ${count} messages arrived in ${TIMEOUT_MS} ms: ${requests.join(", ")}`));
    }, TIMEOUT_MS);
    arrivals.on("message", check);
    check();
  });
}

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// --- The comparison.

const endpoint = { track: "/v1/t", page: "/v1/p", screen: "/v1/s", identify: "/v1/i", group: "/v1/g" };

/** The fields the test compares; the user is compared on identify only, as buffered calls are
 * replayed grouped by method and the user sticks to every call after an identify. */
function compared({ path, message }) {
  const picked = { path };
  for (const key of ["type", "event", "name", "category", "groupId", "properties", "traits"]) {
    if (message[key] !== undefined) picked[key] = message[key];
  }
  if (message.type === "identify") picked.userId = message.userId;
  return picked;
}

/** JSON with sorted keys, to compare messages as sets whatever order they arrived in. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function assertMessages(flavour, { writeKey, library }, messages) {
  for (const { message } of messages) {
    const where = `${flavour}: ${message.type} ${message.event ?? message.name ?? ""}`;
    assert.deepEqual(message.context?.tracktype, tracktype, `${where}: context.tracktype`);
    assert.equal(message.writeKey, writeKey, `${where}: writeKey`);
    assert.deepEqual(message.context?.library, library, `${where}: context.library`);
  }
  const sorted = (list) => list.map((m) => [canonical(m), m]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  const want = calls.map((c) => ({ path: endpoint[c.expect.type], ...c.expect }));
  assert.deepEqual(
    sorted(messages.map(compared)),
    sorted(want),
    `${flavour}: the collector received other messages than the calls of web/calls.ts`,
  );
}

// --- The pages.

const browser = await launch({ allow: (url) => url.startsWith(`${origin}/`) });
const report = { origin, flavours: {}, requests, blocked: browser.blocked, scriptErrors: browser.errors };
try {
  // Which analytics.js sent the messages: the npm package's, or its standalone build.
  const { version } = JSON.parse(readFileSync(join(umd, "../../package.json"), "utf8"));
  const library = (prefix) => ({ name: "analytics.js", version: `${prefix}${version}` });
  for (const [flavour, file, sender] of [
    ["AnalyticsBrowser", "analytics-browser.html", { writeKey: "npm-key", library: library("npm:next-") }],
    ["snippet", "snippet.html", { writeKey: "snippet-key", library: library("next-") }],
  ]) {
    const before = received.length;
    const page = await browser.newPage({ isolated: true });
    await page.goto(`${origin}/${file}`);
    const coverage = await within(page.evaluate(() => window.tracktypeDone), `${flavour}: the page's calls`);
    await messages(before + calls.length);
    const arrived = received.slice(before);
    assert.deepEqual(coverage.uncovered, [], `${flavour}: methods of the tracker without a call in web/calls.ts`);
    assert.deepEqual(coverage.unknown, [], `${flavour}: calls of web/calls.ts the tracker does not have`);
    assert.deepEqual(
      coverage.reported,
      calls.filter((c) => c.violations).map((c) => ({ event: c.expect.event, violations: c.violations })),
      `${flavour}: what onViolation received`,
    );
    assert.equal(arrived.length, calls.length, `${flavour}: one message per call, and nothing else`);
    assertMessages(flavour, sender, arrived);
    report.flavours[flavour] = { calls: calls.length, messages: arrived.length };
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
assert.equal(received.length, 2 * calls.length, "nothing arrived after the pages were done");
console.log(JSON.stringify(report, null, 2));
