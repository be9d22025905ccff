// Loads tracktype's HTML documentation in headless Chromium, offline, and reports what a reader
// gets, as JSON on standard output, for tests/suite/docs_browser.rs to compare with the
// catalog: every page reachable from the index, each event page's facts and property table,
// what the search finds, the diagrams' nodes and edges, contrast in light and dark schemes,
// the print stylesheet, and whether every Mermaid block of the Markdown parses.
//
//   node docs-site.mjs --html DIR --screenshot FILE [--markdown DIR]... [--search TEXT]

import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { launch } from "./chromium.mjs";

const args = parseArgs(process.argv.slice(2));
const htmlDir = resolve(args.html[0]);
const query = (args.search || ["order_id"])[0];

const chromium = await launch();
try {
  const page = await chromium.newPage();
  const report = {
    pages: [],
    events: [],
    goals: [],
    diagram: null,
    search: [],
    accessibility: [],
    contrast: {},
    print: {},
    mermaid: { parsed: 0, errors: [] },
  };

  // Every page reachable from the index, by following links.
  const queue = [pathToFileURL(join(htmlDir, "index.html")).href];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const url = queue.shift();
    await page.goto(url, { waitUntil: "load" });
    const file = relative(htmlDir, fileURLToPath(url));
    const facts = await page.evaluate(readPage);
    report.pages.push({ file, title: facts.title });
    report.accessibility.push(...facts.problems.map((p) => `${file}: ${p}`));
    if (file.startsWith("events/")) {
      report.events.push({ file, title: facts.title, facts: facts.facts, tables: facts.tables });
    }
    if (file.startsWith("goals/")) {
      report.goals.push({ file, title: facts.title, tables: facts.tables, diagram: facts.diagram });
    }
    if (file === "index.html") {
      report.diagram = facts.diagram;
    }
    for (const href of facts.links) {
      const target = new URL(href, url);
      target.hash = "";
      target.search = "";
      if (target.protocol === "file:" && !seen.has(target.href)) {
        seen.add(target.href);
        queue.push(target.href);
      }
    }
  }

  // The search, as a reader types into it.
  await page.goto(pathToFileURL(join(htmlDir, "index.html")).href, { waitUntil: "load" });
  await page.type("#search-input", query);
  report.search = await page.$$eval("#search-results li", (items) =>
    items.map((li) => [
      li.querySelector(".kind").textContent,
      li.querySelector("a").textContent,
      li.querySelector(".where").textContent,
      li.querySelector("a").getAttribute("href"),
    ]),
  );
  // A result's link leads to a page that has it.
  if (report.search.length > 0) {
    const first = new URL(report.search[0][3], page.url());
    const hash = first.hash;
    first.hash = "";
    await page.goto(first.href, { waitUntil: "load" });
    report.searchTarget = await page.evaluate(
      (id) => {
        const row = id ? document.getElementById(id.slice(1)) : null;
        return { title: document.querySelector("h1").textContent, row: row ? row.textContent : null };
      },
      hash,
    );
  }

  // Light and dark schemes: text and links readable, diagram labels readable.
  await page.goto(pathToFileURL(join(htmlDir, "index.html")).href, { waitUntil: "load" });
  for (const scheme of ["light", "dark"]) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    report.contrast[scheme] = await page.evaluate(measureContrast);
  }
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  await page.setViewport({ width: 1280, height: 1500 });
  await page.screenshot({ path: args.screenshot[0], fullPage: false });

  await page.emulateMediaType("print");
  report.print = await page.evaluate(() => ({
    searchHidden: getComputedStyle(document.querySelector(".search")).display === "none",
    navHidden: getComputedStyle(document.querySelector("header.site")).display === "none",
  }));
  await page.emulateMediaType(null);

  // Mermaid's own parser on every diagram of the Markdown.
  const blocks = (args.markdown || []).flatMap((dir) => mermaidBlocks(resolve(dir)));
  if (blocks.length > 0) {
    const require = createRequire(import.meta.url);
    await page.goto("about:blank");
    await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
    for (const [file, text] of blocks) {
      const error = await page.evaluate(async (source) => {
        try {
          globalThis.mermaid.initialize({ startOnLoad: false });
          await globalThis.mermaid.parse(source);
          return null;
        } catch (e) {
          return String(e && e.message ? e.message : e);
        }
      }, text);
      if (error === null) {
        report.mermaid.parsed += 1;
      } else {
        report.mermaid.errors.push(`${file}: ${error}`);
      }
    }
  }

  report.blocked = chromium.blocked;
  report.scriptErrors = chromium.errors;
  process.stdout.write(JSON.stringify(report));
} finally {
  await chromium.close();
}

// In the page: its title, links, facts, tables, diagram, and what a screen reader would miss.
function readPage() {
  const text = (el) => (el ? el.textContent.trim() : "");
  const problems = [];
  if (document.documentElement.lang !== "en") problems.push("no lang");
  if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
  if (!document.querySelector("main")) problems.push("no main landmark");
  for (const table of document.querySelectorAll("table")) {
    if (!table.querySelector("caption")) problems.push("a table without a caption");
    if (table.querySelectorAll("thead th[scope=col]").length === 0) problems.push("a table without column headers");
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.getAttribute("role") !== "img" || !svg.querySelector("title")) problems.push("an svg without role and title");
  }
  const facts = {};
  for (const dt of document.querySelectorAll("dl.facts dt")) {
    facts[text(dt)] = text(dt.nextElementSibling);
  }
  const tables = {};
  for (const table of document.querySelectorAll("table")) {
    tables[text(table.querySelector("caption"))] = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.children].map((cell) => text(cell)),
    );
  }
  let diagram = null;
  const svg = document.querySelector("svg.diagram");
  if (svg) {
    const label = (id) => {
      const node = svg.querySelector(`g.node[id="${id}"]`);
      return node ? [node.dataset.kind, node.dataset.label] : null;
    };
    diagram = {
      nodes: [...svg.querySelectorAll("g.node")].map((n) => [n.dataset.kind, n.dataset.label, !!n.closest("a")]),
      edges: [...svg.querySelectorAll("path.edge")].map((p) => [p.dataset.kind, label(p.dataset.from), label(p.dataset.to)]),
    };
  }
  return {
    title: text(document.querySelector("h1")),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
    facts,
    tables,
    diagram,
    problems,
  };
}

// In the page: WCAG contrast ratios of body text, links, and the diagram's labels.
function measureContrast() {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
    return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
  };
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  const background = style("body").backgroundColor;
  const out = {
    text: ratio(style("body").color, background),
    link: ratio(style("main a").color, background),
  };
  for (const kind of ["goal", "use-case", "event", "source", "destination"]) {
    const node = document.querySelector(`svg.diagram g.node-${kind}`);
    if (node) {
      out[kind] = ratio(getComputedStyle(node.querySelector("text")).fill, getComputedStyle(node.querySelector("rect")).fill);
    }
  }
  return out;
}

function mermaidBlocks(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...mermaidBlocks(path));
    } else if (name.endsWith(".md")) {
      const text = readFileSync(path, "utf8");
      for (const match of text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)) {
        out.push([path, match[1]]);
      }
    }
  }
  return out;
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    (out[key] ||= []).push(argv[i + 1]);
  }
  for (const key of ["html", "screenshot"]) {
    if (!out[key]) throw new Error(`--${key} is required`);
  }
  return out;
}
