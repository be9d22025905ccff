//! The TypeScript batch: every case a module under `tests/typescript/random`, compiled by
//! `tsc` with the test project's strict settings, and a driver run by node.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use tracktype::lang::{Target, TsSdk};

use serde_json::{Value, json};

use super::{BatchFailure, Case, Sent, cases_mentioned};
use crate::support::{require_tool, root};

fn project() -> PathBuf {
    root().join("tests/typescript")
}

/// node and the installed test project (`npm ci` in tests/typescript; CI installs it).
pub fn available() -> bool {
    if require_tool("node", &[], "the random-catalog TypeScript test").is_none() {
        return false;
    }
    let tsc = project().join("node_modules/.bin/tsc");
    if !tsc.exists() {
        assert!(
            !crate::support::in_ci(),
            "tests/typescript/node_modules is missing in CI: run `npm ci --prefix tests/typescript`"
        );
        eprintln!("SKIPPED: tests/typescript has no node_modules; run `npm ci` there");
        return false;
    }
    true
}

const DRIVER: &str = r#"const calls: unknown[] = [];
/** A client with analytics.js's calls, recording each as what it was given. */
export const client = {
  track(event: string, properties?: object, _options?: object): void {
    calls.push({ call: "track", event, properties: properties ?? {} });
  },
  page(category?: string | null, name?: string | null, properties?: object, _options?: object): void {
    calls.push({ call: "page", category: category ?? null, name: name ?? null, properties: properties ?? {} });
  },
  screen(category?: string | null, name?: string | null, properties?: object, _options?: object): void {
    calls.push({ call: "screen", category: category ?? null, name: name ?? null, properties: properties ?? {} });
  },
  identify(id?: string | null, traits?: object, _options?: object): void {
    calls.push({ call: "identify", id: id ?? null, traits: traits ?? {} });
  },
  group(id?: string | null, traits?: object, _options?: object): void {
    calls.push({ call: "group", id: id ?? null, traits: traits ?? {} });
  },
};
export const failures: string[] = [];
let checks = 0;

export function checksRun(): number {
  return checks;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && equal(ra[k], rb[k]));
}

/** The calls since the last check must be exactly `expected`. */
export function expectSent(label: string, expected: unknown[]): void {
  checks += 1;
  const sent = calls.splice(0);
  if (!equal(sent, expected)) {
    failures.push(`${label}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`);
  }
}
"#;

const MAIN_TAIL: &str = r#"
import { checksRun, failures } from "./driver.js";

for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${checksRun() - failures.length} of ${checksRun()} checks passed`);
if (failures.length > 0) process.exit(1);
"#;

/// What the recording client is given for an event's call.
fn expected(sent: &Sent) -> Value {
    match sent.call {
        "track" => json!({ "call": "track", "event": sent.name, "properties": sent.properties }),
        call => json!({
            "call": call,
            "category": sent.category,
            "name": sent.name,
            "properties": sent.properties,
        }),
    }
}

pub fn batch(cases: &[Case]) -> Result<(), BatchFailure> {
    let dir = project().join("random");
    let _ = std::fs::remove_dir_all(&dir);
    let target = Target::TypeScript {
        sdk: TsSdk::AnalyticsNext,
        validate: true,
    };
    let mut main = String::new();
    for (i, case) in cases.iter().enumerate() {
        let mut body = String::new();
        let case_dir = dir.join(format!("case_{i}"));
        std::fs::create_dir_all(&case_dir).expect("case directory");
        for file in case.files(&target) {
            std::fs::write(case_dir.join(&file.path), file.contents.to_text()).expect("case file");
        }
        // The node SDK's output must compile too; it has no driver of its own.
        let node_dir = dir.join(format!("case_{i}_node"));
        std::fs::create_dir_all(&node_dir).expect("case directory");
        let node = Target::TypeScript {
            sdk: TsSdk::AnalyticsNode,
            validate: true,
        };
        for file in case.files(&node) {
            std::fs::write(node_dir.join(&file.path), file.contents.to_text()).expect("case file");
        }
        writeln!(
            main,
            "import {{ run as run{i} }} from \"./case_{i}/check.js\";"
        )
        .unwrap();
        for (j, event) in case.events.iter().enumerate() {
            let wire = serde_json::to_string(&event.wire).unwrap();
            let label = serde_json::to_string(&format!("case_{i}: {:?}", event.wire)).unwrap();
            let method = &event.typescript.method;
            let call = if event.has_properties {
                format!("tracker.{method}(p{i}_{j})")
            } else {
                format!("tracker.{method}()")
            };
            let expected = expected(&event.sent);
            // The generic `track` takes the track events only.
            let (generic, sends) = if event.sent.call == "track" {
                (
                    format!("tracker.track({wire}, p{i}_{j});\n    "),
                    json!([expected, expected]),
                )
            } else {
                (String::new(), json!([expected]))
            };
            let declare = if generic.is_empty() && !event.has_properties {
                String::new()
            } else {
                format!(
                    "const p{i}_{j}: c.EventProperties[{wire}] = {};\n    ",
                    event.sample
                )
            };
            write!(
                body,
                "  {{\n    {declare}const tracker = c.createTracker(client);\n    \
                 {generic}{call};\n    \
                 expectSent({label}, {sends});\n  }}\n",
            )
            .unwrap();
        }
        for traits in &case.traits {
            let ty = traits.typescript.as_ref().map_or_else(
                || "Record<string, unknown>".to_owned(),
                |t| format!("c.{t}"),
            );
            let id = if traits.call == "identify" { "u" } else { "g" };
            let label = serde_json::to_string(&format!("case_{i}: {}", traits.call)).unwrap();
            let sends = json!([{ "call": traits.call, "id": id, "traits": traits.sample }]);
            write!(
                body,
                "  {{\n    const traits: {ty} = {sample};\n    \
                 c.createTracker(client).{call}({id:?}, traits);\n    \
                 expectSent({label}, {sends});\n  }}\n",
                sample = traits.sample,
                call = traits.call,
            )
            .unwrap();
        }
        std::fs::write(
            case_dir.join("check.ts"),
            format!(
                "import * as c from \"./index.js\";\nimport {{ client, expectSent }} from \"../driver.js\";\n\n\
                 export function run(): void {{\n{body}}}\n"
            ),
        )
        .expect("case driver");
        writeln!(main, "run{i}();").unwrap();
    }
    std::fs::write(dir.join("driver.ts"), DRIVER).expect("driver");
    std::fs::write(dir.join("check.ts"), format!("{main}{MAIN_TAIL}")).expect("driver");
    std::fs::write(
        project().join("tsconfig.random.json"),
        "{\n  \"extends\": \"./tsconfig.json\",\n  \"compilerOptions\": { \"outDir\": \"dist-random\" },\n  \"include\": [\"random/**/*.ts\"]\n}\n",
    )
    .expect("tsconfig");
    let _ = std::fs::remove_dir_all(project().join("dist-random"));

    let tsc = Command::new(project().join("node_modules/.bin/tsc"))
        .args(["-p", "tsconfig.random.json"])
        .current_dir(project())
        .output()
        .expect("tsc runs");
    let output = if tsc.status.success() {
        let run = Command::new("node")
            .arg("dist-random/tests/typescript/random/check.js")
            .current_dir(project())
            .output()
            .expect("node runs");
        if run.status.success() {
            return Ok(());
        }
        run
    } else {
        tsc
    };
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Err(BatchFailure {
        cases: cases_mentioned(cases.len(), |i| {
            output.contains(&format!("case_{i}/"))
                || output.contains(&format!("case_{i}_node/"))
                || output.contains(&format!("case_{i}:"))
        }),
        output,
    })
}
