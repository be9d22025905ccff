// What the generated TypeScript tracker costs a web page: its bytes, minified by esbuild and
// gzipped (gzip -9), alone and added to a page bundle of @segment/analytics-next. The baseline
// of "added" is the same page without the tracker: `AnalyticsBrowser.load(..)` only. For one use
// case and for --all: the committed examples (analytics-next, run-time validation on), and the
// same selections generated with `--validate off`.
// Bundle sizes are deterministic: the same bytes on every run, so one run is the measurement.
//
// Usage: node bench/bundle-size.mjs [--json]   (needs `npm ci --prefix tests/browser`; set
// TRACKTYPE to the binary to generate with, by default target/debug/tracktype)

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const browser = join(root, "tests/browser");
const esbuild = createRequire(join(browser, "package.json"))("esbuild");

const selections = [
  ["one use case (`--use-case mitigate-cart-abandonment`)", "mitigate-cart-abandonment"],
  ["every use case (`--all`)", "all-use-cases"],
];

/** Minified and gzipped bytes of a bundle of `contents`, resolved from tests/browser. */
async function size(contents, external = []) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: browser, loader: "ts", sourcefile: "page.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    external,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const load = `import { AnalyticsBrowser } from "@segment/analytics-next";\n`;
const baseline = await size(`${load}export const analytics = AnalyticsBrowser.load({ writeKey: "k" });\n`);

// The same selections generated with `--validate off`, by $TRACKTYPE (default: this checkout's
// debug build, else `tracktype` on PATH).
const tracktype =
  process.env.TRACKTYPE ?? (existsSync(join(root, "target/debug/tracktype")) ? join(root, "target/debug/tracktype") : "tracktype");
const off = mkdtempSync(join(tmpdir(), "tracktype-bundle-"));
process.on("exit", () => rmSync(off, { recursive: true, force: true }));
const variants = [];
for (const [label, example] of selections) {
  variants.push([label, join(root, "generated-examples/typescript", example, "index.ts")]);
}
for (const [label, example] of selections) {
  const selection = example === "all-use-cases" ? ["--all"] : ["--use-case", example];
  const out = join(off, example);
  execFileSync(tracktype, ["gen", ...selection, "--lang", "ts", "--validate", "off", "--out", out], {
    stdio: "ignore",
  });
  variants.push([`${label}, \`--validate off\``, join(out, "index.ts")]);
}

const rows = [];
for (const [label, file] of variants) {
  const module = JSON.stringify(file);
  const alone = await size(`export { createTracker } from ${module};\n`);
  const page = await size(
    `${load}import { createTracker } from ${module};\n` +
      `export const tracker = createTracker(AnalyticsBrowser.load({ writeKey: "k" }));\n`,
  );
  rows.push({
    selection: label,
    alone,
    added: { minified: page.minified - baseline.minified, gzipped: page.gzipped - baseline.gzipped },
  });
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ baseline, rows }, null, 2));
} else {
  const bytes = (n) => `${n.toLocaleString("en-US")} B`;
  console.log("| generated module | alone, minified | alone, gzipped | added to the page, minified | added to the page, gzipped |");
  console.log("|---|---:|---:|---:|---:|");
  for (const { selection, alone, added } of rows) {
    console.log(`| ${selection} | ${bytes(alone.minified)} | ${bytes(alone.gzipped)} | ${bytes(added.minified)} | ${bytes(added.gzipped)} |`);
  }
  console.log(`\nThe page without a tracker (analytics-next alone): ${bytes(baseline.minified)} minified, ${bytes(baseline.gzipped)} gzipped.`);
}
