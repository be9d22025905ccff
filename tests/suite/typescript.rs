//! The TypeScript examples and every plan's SDK: up to date, prettier-clean, compiled by the
//! real `tsc` under the strictest settings (negative cases included, and the example app of
//! `generated-examples/apps/typescript` with them), and run against the real analytics-node and
//! a mock collector, Typewriter's end-to-end expectations included.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{
    assert_typewriter_calls, assert_validation_results, fixture_plans, path_of, require_tool, root,
    run_ok, tracktype, typewriter_expected, typewriter_plans, validation_corpus,
    validation_gen_args,
};

/// The directory of the TypeScript test project (its own package.json and lockfile).
pub fn project() -> PathBuf {
    root().join("tests/typescript")
}

/// `npm ci`, if the toolchain is not installed yet.
pub fn ensure_node_modules(npm: &Path) {
    crate::support::npm_ci_unless_installed(npm, &project(), &[".bin/tsc"]);
}

/// Node, with this project's packages (tsc, prettier, Ajv, the Segment SDKs) installed; `None`
/// when node or npm is missing outside CI (see `require_tool`).
pub fn node_with_packages(purpose: &str) -> Option<PathBuf> {
    let node = require_tool("node", &[], purpose)?;
    let npm = require_tool("npm", &[], purpose)?;
    ensure_node_modules(&npm);
    Some(node)
}

#[test]
fn typescript_examples_and_plans_format_compile_and_send_exactly_the_expected_events() {
    let Some(node) = node_with_packages("the TypeScript tests") else {
        return;
    };
    let bin = project().join("node_modules/.bin");
    let typewriter = generate_plans();

    run_ok(
        Command::new(bin.join("prettier"))
            .args([
                "--check",
                "../../generated-examples/typescript",
                "generated",
            ])
            .current_dir(project()),
        "prettier --check on the generated TypeScript",
    );

    let dist = project().join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    run_ok(
        Command::new(bin.join("tsc"))
            .args(["-p", "."])
            .current_dir(project()),
        "tsc -p tests/typescript",
    );

    let out = run_ok(
        Command::new(&node)
            .arg(dist.join("tests/typescript/src/runtime.test.js"))
            .env("TRACKTYPE_VERSION", env!("CARGO_PKG_VERSION"))
            .current_dir(project()),
        "the TypeScript runtime test",
    );
    assert!(
        out.contains("analytics-node: 18 calls received by the collector as expected"),
        "{out}"
    );
    assert!(
        out.contains("analytics-next: 21 calls recorded as expected"),
        "{out}"
    );

    let out = run_ok(
        Command::new(&node)
            .arg(dist.join("tests/typescript/src/validation.test.js"))
            .arg(validation_corpus())
            .current_dir(project()),
        "the TypeScript validation corpus",
    );
    let results: Value = serde_json::from_str(out.trim()).expect("the runner prints JSON");
    assert_validation_results("typescript", &results);

    if typewriter {
        run_ok(
            Command::new(bin.join("tsc"))
                .args(["-p", "tsconfig.typewriter.json"])
                .current_dir(project()),
            "tsc on Typewriter's plans",
        );
        let out = run_ok(
            Command::new(&node)
                .arg(dist.join("tests/typescript/src/typewriter/typewriter.test.js"))
                .env("TRACKTYPE_VERSION", env!("CARGO_PKG_VERSION"))
                .current_dir(project()),
            "the Typewriter end-to-end test in TypeScript",
        );
        let sent: Value = serde_json::from_str(out.trim()).expect("the driver prints JSON");
        assert_typewriter_calls(
            "typescript",
            &sent,
            &javascript_numbers(typewriter_expected()),
        );
    }
}

/// Generates the plans' SDKs into `tests/typescript/generated`: every use case for
/// analytics-node; both SDK flavours of our own plans; analytics-node, and analytics-next for
/// plan-v1, of Typewriter's. Returns whether Typewriter's plans were there.
fn generate_plans() -> bool {
    let out = project().join("generated");
    let _ = std::fs::remove_dir_all(&out);
    let generate = |plan: &Path, sdk: &str, dir: PathBuf| {
        tracktype(&[
            "--plan",
            &path_of(plan),
            "--no-default-catalog",
            "gen",
            "--lang",
            "ts",
            "--sdk",
            sdk,
            "--out",
            &path_of(&dir),
        ])
        .success();
    };
    // The validation corpus's events, which validation.test.ts runs the corpus through.
    let args = validation_gen_args("ts", &out.join("fixtures/validation"));
    tracktype(&args.iter().map(String::as_str).collect::<Vec<_>>()).success();
    // Every use case for analytics-node, which the examples have only for analytics-next:
    // page and screen calls through the real SDK.
    tracktype(&[
        "gen",
        "--all",
        "--lang",
        "ts",
        "--sdk",
        "analytics-node",
        "--out",
        &path_of(&out.join("fixtures/embedded-all-node")),
    ])
    .success();
    for (name, plan) in fixture_plans() {
        generate(
            &plan,
            "analytics-node",
            out.join("fixtures").join(format!("{name}-node")),
        );
        generate(
            &plan,
            "analytics-next",
            out.join("fixtures").join(format!("{name}-next")),
        );
    }
    let Some(plans) = typewriter_plans() else {
        return false;
    };
    for (name, plan) in &plans {
        generate(plan, "analytics-node", out.join("typewriter").join(name));
    }
    generate(
        &plans[1].1,
        "analytics-next",
        out.join("typewriter/v1-next"),
    );
    true
}

/// A JavaScript number cannot hold 1230007112658965944: the nearest double goes out, which
/// JSON.stringify writes as 1230007112658966000. The TypeScript SDK sends that, as any
/// analytics.js code does; it is the one value that cannot be exact, and this says so.
fn javascript_numbers(mut calls: Vec<Value>) -> Vec<Value> {
    fn fix(v: &mut Value) {
        match v {
            Value::Number(n) if n.as_i64() == Some(1_230_007_112_658_965_944) => {
                *v = json!(1_230_007_112_658_966_000_i64);
            }
            Value::Number(n) if n.as_i64() == Some(-1_230_007_112_658_965_944) => {
                *v = json!(-1_230_007_112_658_966_000_i64);
            }
            Value::Array(items) => items.iter_mut().for_each(fix),
            Value::Object(map) => map.values_mut().for_each(fix),
            _ => {}
        }
    }
    calls.iter_mut().for_each(fix);
    calls
}

/// Leaving out both `userId` and `anonymousId` with analytics-node is an error that names
/// both choices, not one that reads as if `anonymousId` were required; each choice compiles.
#[test]
fn a_call_without_identity_names_both_choices() {
    if node_with_packages("the TypeScript tests").is_none() {
        return;
    }
    let dir = root().join("target/tracktype-tests/ts-identity");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(project().join("node_modules"), dir.join("node_modules")).unwrap();
    let module = root().join("generated-examples/typescript/mitigate-cart-abandonment-node");
    std::fs::copy(module.join("index.ts"), dir.join("tracking.ts")).unwrap();
    let tsc = |body: &str| {
        std::fs::write(
            dir.join("app.ts"),
            format!("import type {{ Tracker }} from \"./tracking.js\";\n\nexport function send(tracker: Tracker): void {{\n{body}\n}}\n"),
        )
        .unwrap();
        Command::new(project().join("node_modules/.bin/tsc"))
            .args(["--strict", "--exactOptionalPropertyTypes", "--noEmit"])
            .args([
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
                "--target",
                "es2022",
            ])
            .arg("app.ts")
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let ok = tsc(
        "  tracker.orderCompleted({ userId: \"u\", properties: { order_id: \"o\" } });\n  \
         tracker.orderCompleted({ anonymousId: \"a\", properties: { order_id: \"o\" } });\n  \
         tracker.orderCompleted({ userId: \"u\", anonymousId: \"a\", properties: { order_id: \"o\" } });\n  \
         tracker.identify({ userId: \"u\" });",
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    for call in [
        "tracker.orderCompleted({ properties: { order_id: \"o\" } });",
        "tracker.track(\"Order Completed\", { properties: { order_id: \"o\" } });",
        "tracker.identify({ traits: {} });",
    ] {
        let failed = tsc(&format!("  {call}"));
        let out = String::from_utf8_lossy(&failed.stdout);
        assert!(!failed.status.success(), "{call} compiled");
        assert!(
            out.contains("Property '\"userId or anonymousId\"' is missing"),
            "{call}:\n{out}"
        );
        assert!(!out.contains("Property 'anonymousId' is missing"), "{out}");
    }
}
