//! The TypeScript examples: up to date, prettier-clean, compiled by the real `tsc` under the
//! strictest settings (negative cases included), and run against the real analytics-node and
//! a mock collector.

use std::process::Command;
use std::sync::Mutex;

use crate::support::{require_tool, root, run_ok};

/// The directory of the TypeScript test project (its own package.json and lockfile).
fn project() -> std::path::PathBuf {
    root().join("tests/typescript")
}

/// `npm ci` once, if the toolchain is not installed yet (CI installs it first).
fn ensure_node_modules(npm: &std::path::Path) {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if project().join("node_modules/.bin/tsc").exists() {
        return;
    }
    run_ok(
        Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(project()),
        "npm ci in tests/typescript",
    );
}

#[test]
fn typescript_examples_format_compile_and_send_exactly_the_expected_events() {
    let Some(node) = require_tool("node", &[], "the TypeScript tests") else {
        return;
    };
    let Some(npm) = require_tool("npm", &[], "the TypeScript tests") else {
        return;
    };
    ensure_node_modules(&npm);
    let bin = project().join("node_modules/.bin");

    run_ok(
        Command::new(bin.join("prettier"))
            .args(["--check", "../../generated-examples/typescript"])
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
        Command::new(node)
            .arg(dist.join("tests/typescript/src/runtime.test.js"))
            .env("TRACKTYPE_VERSION", env!("CARGO_PKG_VERSION"))
            .current_dir(project()),
        "the TypeScript runtime test",
    );
    assert!(
        out.contains("analytics-node: 10 events received by the collector as expected"),
        "{out}"
    );
    assert!(
        out.contains("analytics-next: 18 calls recorded as expected"),
        "{out}"
    );
}
