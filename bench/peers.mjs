#!/usr/bin/env node
// tracktype side by side with Segment's Typewriter and quicktype, on the same plans, for each
// language: whole processes, measured with /usr/bin/time -v, runs interleaved (A B C A B C …) so
// that a slower moment of the machine falls on every tool alike.
//
//   npm ci --prefix bench/peers && node bench/peers.mjs [--rounds 3] [--events 100,1000,10000]
//
// Plans: Typewriter's 25-event end-to-end plan (../shared/fixtures/typewriter) and synthetic
// plans written by `make-plan` (bench/src). Typewriter runs offline from a local plan.json next
// to a typewriter.yml, as its users run `typewriter build` without `--update`; quicktype reads
// each event's JSON Schema (extracted from the plan beforehand, not timed).
//
// Writes bench/results/peers.json (every run), bench/results/peers.md (the table) and
// bench/results/peers.svg (time and memory against events).

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const bench = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(bench);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const roundsWanted = Number(option("rounds", "3"));
const sizes = option("events", "100,1000,10000").split(",").map(Number);
/** A run slower than this is stopped and reported as such. */
const TIMEOUT_S = Number(option("timeout", "600"));

/** The languages, and how each tool is told to write one. */
const languages = {
  ts: { typewriter: { language: "typescript", sdk: "analytics-node" }, quicktype: "typescript" },
  rust: { quicktype: "rust" },
  swift: { typewriter: { language: "swift", sdk: "swift" }, quicktype: "swift" },
};

const from = option("from", undefined);
const { date, machine, results, timeout } = from ? JSON.parse(fs.readFileSync(from, "utf8")) : measure();
if (from) {
  // Ratios again, by the rule below, from the runs kept.
  for (const e of results.filter((e) => e.tool !== "tracktype" && e.cpu !== undefined)) {
    const base = results.find((b) => b.plan === e.plan && b.lang === e.lang && b.tool === "tracktype");
    ratios(e, e.runs, base.runs);
  }
}

function ratios(entry, runs, base) {
  // /usr/bin/time counts CPU in hundredths: tracktype's 0.00 s counts as 0.01 s, and the ratio
  // is then a lower bound.
  entry.cpuRatio = median(runs.map((r, i) => r.cpu / Math.max(base[i].cpu, 0.01)));
  entry.atLeast = runs.some((_, i) => base[i].cpu < 0.01);
  entry.wallRatio = median(runs.map((r, i) => r.wall / base[i].wall));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure() {
const bin = (name) => path.join(bench, "peers", "node_modules", ".bin", name);
for (const tool of ["typewriter", "quicktype"]) {
  if (!fs.existsSync(bin(tool))) {
    console.error(`${tool} is not installed: run npm ci --prefix bench/peers`);
    process.exit(2);
  }
}

console.error("building tracktype and make-plan (release)…");
execFileSync("cargo", ["build", "--release", "--quiet", "--bin", "tracktype"], { cwd: root, stdio: "inherit" });
execFileSync("cargo", ["build", "--release", "--quiet", "-p", "tracktype-bench", "--bin", "make-plan"], {
  cwd: root,
  stdio: "inherit",
});
const target = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps"], { cwd: root, maxBuffer: 1 << 26 }),
).target_directory;
const tracktype = path.join(target, "release", "tracktype");
const makePlan = path.join(target, "release", "make-plan");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "tracktype-peers-"));
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));

/** Each plan: its name, events, and the path of its plan.json. */
const plans = [];
{
  const file = path.join(root, "..", "shared", "fixtures", "typewriter", "plan-public-api.json");
  plans.push({ name: "typewriter-e2e", file });
}
for (const n of sizes) {
  const file = path.join(work, `plan-${n}.json`);
  fs.writeFileSync(file, execFileSync(makePlan, [String(n)], { maxBuffer: 1 << 30 }));
  plans.push({ name: `synthetic-${n}`, file });
}
for (const plan of plans) {
  const json = JSON.parse(fs.readFileSync(plan.file, "utf8"));
  plan.id = json.id;
  plan.events = json.rules.filter((r) => r.type === "TRACK").length;
  plan.rules = json.rules;
}


/** A directory set up for one tool, plan and language; returns the command to time. */
function setUp(tool, plan, lang) {
  const dir = path.join(work, `${tool}-${plan.name}-${lang}`);
  fs.mkdirSync(dir, { recursive: true });
  if (tool === "tracktype") {
    const flag = { ts: "ts", rust: "rust", swift: "swift" }[lang];
    return [tracktype, ["gen", "--plan", plan.file, "--all", "--lang", flag, "--out", path.join(dir, "out")], dir];
  }
  if (tool === "typewriter") {
    const { language, sdk } = languages[lang].typewriter;
    fs.mkdirSync(path.join(dir, "out"), { recursive: true });
    fs.copyFileSync(plan.file, path.join(dir, "out", "plan.json"));
    fs.writeFileSync(
      path.join(dir, "typewriter.yml"),
      `client:\n  sdk: ${sdk}\n  language: ${language}\ntrackingPlans:\n  - id: ${plan.id}\n    workspaceSlug: bench\n    path: ./out\n`,
    );
    return [bin("typewriter"), ["build"], dir];
  }
  // quicktype: one JSON Schema per event, titled with the event's name, as Typewriter feeds it.
  const schemas = path.join(dir, "schemas");
  fs.mkdirSync(schemas, { recursive: true });
  const files = [];
  plan.rules
    .filter((r) => r.type === "TRACK")
    .forEach((rule, i) => {
      const schema = rule.jsonSchema?.properties?.properties ?? { type: "object" };
      const file = path.join(schemas, `e${i}.json`);
      fs.writeFileSync(file, JSON.stringify({ title: rule.key, ...schema }));
      files.push(file);
    });
  const ext = { ts: "ts", rust: "rs", swift: "swift" }[lang];
  return [bin("quicktype"), ["--src-lang", "schema", "--lang", languages[lang].quicktype, "-o", `out.${ext}`, ...files], dir];
}

/** One timed run: wall and CPU seconds, peak resident memory in MiB. */
function run([command, argv, cwd]) {
  const r = spawnSync("/usr/bin/time", ["-v", "timeout", String(TIMEOUT_S), command, ...argv], {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const field = (label) => {
    const m = r.stderr.match(new RegExp(`${label}: (.*)`));
    return m ? m[1].trim() : undefined;
  };
  const clock = field("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)")
    .split(":")
    .map(Number)
    .reduce((a, b) => a * 60 + b);
  const status = Number(field("Exit status"));
  return {
    ok: status === 0,
    status,
    wall: clock,
    cpu: Number(field("User time \\(seconds\\)")) + Number(field("System time \\(seconds\\)")),
    mib: Number(field("Maximum resident set size \\(kbytes\\)")) / 1024,
    error: status === 0 ? undefined : r.stderr.split("\n").slice(-25, -23).join(" ").slice(0, 300),
  };
}

const results = [];
for (const plan of plans) {
  for (const [lang, tools] of Object.entries(languages)) {
    const names = ["tracktype", ...Object.keys(tools)];
    const setups = Object.fromEntries(names.map((t) => [t, setUp(t, plan, lang)]));
    const runs = Object.fromEntries(names.map((t) => [t, []]));
    for (let round = 0; round < roundsWanted; round++) {
      for (const tool of names) {
        // A peer that failed or timed out once is not run again on this plan.
        if (runs[tool].some((r) => !r.ok)) continue;
        const r = run(setups[tool]);
        runs[tool].push(r);
        console.error(
          `${plan.name} ${lang} ${tool}: ${r.ok ? "" : `FAILED (${r.status}) `}${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.mib.toFixed(0)} MiB`,
        );
      }
    }
    for (const tool of names) {
      const ok = runs[tool].filter((r) => r.ok);
      const entry = { plan: plan.name, events: plan.events, lang, tool, runs: runs[tool] };
      if (ok.length === runs[tool].length && ok.length > 0) {
        entry.wall = median(ok.map((r) => r.wall));
        entry.cpu = median(ok.map((r) => r.cpu));
        entry.mib = median(ok.map((r) => r.mib));
        // Ratios of the runs of the same round, then their median.
        if (tool !== "tracktype") ratios(entry, ok, runs.tracktype);
      } else {
        entry.failed = runs[tool].find((r) => !r.ok)?.error ?? "did not run";
      }
      results.push(entry);
    }
  }
}

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
  return { date: new Date().toISOString().slice(0, 10), machine, results, timeout: TIMEOUT_S };
}

const out = path.join(bench, "results");
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "peers.json"), JSON.stringify({ date, machine, timeout, results }, null, 1) + "\n");

// The table: per plan and language, each tool's medians, and each peer's median ratio to tracktype.
const cell = (e) =>
  e.failed
    ? e.runs.some((r) => r.status === 124)
      ? `over ${timeout} s`
      : "failed"
    : `${e.cpu.toFixed(2)} s / ${e.wall.toFixed(2)} s / ${e.mib.toFixed(0)} MiB` +
      (e.cpuRatio ? ` (**${e.atLeast ? "≥" : ""}${e.cpuRatio.toFixed(0)}×** CPU)` : "");
const rounds = Math.max(...results.map((e) => e.runs.length));
let md = `Measured ${date} on ${machine}; ${rounds} interleaved rounds, medians; CPU / wall / peak memory, and each peer's median ratio of CPU time to tracktype's in the same round.\n\n`;
md += "| plan | events | language | tracktype | Typewriter 9 | quicktype 26 |\n|---|---:|---|---|---|---|\n";
const plans = [...new Map(results.map((e) => [e.plan, { name: e.plan, events: e.events }])).values()];
for (const plan of plans) {
  for (const lang of Object.keys(languages)) {
    const get = (tool) => results.find((e) => e.plan === plan.name && e.lang === lang && e.tool === tool);
    const tw = get("typewriter");
    md += `| ${plan.name} | ${plan.events} | ${lang} | ${cell(get("tracktype"))} | ${tw ? cell(tw) : "—"} | ${cell(get("quicktype"))} |\n`;
  }
}
fs.writeFileSync(path.join(out, "peers.md"), md);
fs.writeFileSync(path.join(out, "peers.svg"), plot(results.filter((e) => e.plan.startsWith("synthetic"))));
console.log(md);

/** Two log-log panels (CPU time and peak memory against events), a line per tool and language. */
function plot(entries) {
  const W = 900, H = 380, pad = { l: 60, r: 150, t: 30, b: 45 };
  const panel = (x0, metric, label) => {
    const ok = entries.filter((e) => e[metric] !== undefined);
    const xs = ok.map((e) => e.events), ys = ok.map((e) => e[metric]);
    const [x1, x2] = [Math.log10(Math.min(...xs)), Math.log10(Math.max(...xs))];
    const [y1, y2] = [Math.floor(Math.log10(Math.min(...ys))), Math.ceil(Math.log10(Math.max(...ys)))];
    const w = (W - pad.r) / 2 - pad.l, h = H - pad.t - pad.b;
    const X = (v) => x0 + pad.l + ((Math.log10(v) - x1) / (x2 - x1 || 1)) * w;
    const Y = (v) => pad.t + h - ((Math.log10(v) - y1) / (y2 - y1 || 1)) * h;
    let s = `<text x="${x0 + pad.l}" y="18" font-weight="bold">${label}</text>`;
    s += `<rect x="${x0 + pad.l}" y="${pad.t}" width="${w}" height="${h}" fill="none" stroke="#999"/>`;
    for (let p = y1; p <= y2; p++) {
      s += `<line x1="${x0 + pad.l}" x2="${x0 + pad.l + w}" y1="${Y(10 ** p)}" y2="${Y(10 ** p)}" stroke="#eee"/>`;
      s += `<text x="${x0 + pad.l - 6}" y="${Y(10 ** p) + 4}" text-anchor="end" font-size="11">${10 ** p}</text>`;
    }
    for (const n of [...new Set(xs)]) {
      s += `<text x="${X(n)}" y="${pad.t + h + 16}" text-anchor="middle" font-size="11">${n}</text>`;
    }
    s += `<text x="${x0 + pad.l + w / 2}" y="${H - 8}" text-anchor="middle" font-size="12">events (log)</text>`;
    for (const [key, color] of series) {
      const pts = ok.filter((e) => `${e.tool} ${e.lang}` === key).sort((a, b) => a.events - b.events);
      if (pts.length === 0) continue;
      s += `<polyline fill="none" stroke="${color.stroke}" stroke-dasharray="${color.dash}" stroke-width="2" points="${pts.map((e) => `${X(e.events)},${Y(e[metric])}`).join(" ")}"/>`;
      for (const e of pts) s += `<circle cx="${X(e.events)}" cy="${Y(e[metric])}" r="3" fill="${color.stroke}"/>`;
    }
    return s;
  };
  const strokes = { tracktype: "#1b7f3b", typewriter: "#3355cc", quicktype: "#cc5522" };
  const dashes = { ts: "", rust: "6 3", swift: "2 3" };
  const series = [...new Set(entries.map((e) => `${e.tool} ${e.lang}`))].map((key) => {
    const [tool, lang] = key.split(" ");
    return [key, { stroke: strokes[tool], dash: dashes[lang] }];
  });
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`;
  svg += `<rect width="${W}" height="${H}" fill="white"/>`;
  svg += panel(0, "cpu", "CPU seconds (log)") + panel((W - pad.r) / 2, "mib", "peak memory, MiB (log)");
  series.forEach(([key, c], i) => {
    const y = pad.t + 10 + i * 18;
    svg += `<line x1="${W - pad.r + 10}" x2="${W - pad.r + 40}" y1="${y}" y2="${y}" stroke="${c.stroke}" stroke-dasharray="${c.dash}" stroke-width="2"/>`;
    svg += `<text x="${W - pad.r + 46}" y="${y + 4}">${key}</text>`;
  });
  return svg + "</svg>\n";
}
