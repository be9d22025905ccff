//! The Rust examples, as users' crates build them: clippy-clean with every warning denied,
//! documented without a rustdoc warning; and the example app of `generated-examples/apps/rust`
//! clippy-clean too. (Their payload and compile-fail tests, and the build-script example's test
//! against the `segment` crate, are in those crates' own tests.)

use std::process::Command;

use crate::support::{root, run_ok};

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// The crate that compiles every generated module (the examples and plans as `mod` files, and
/// the same through the build-script API as `include!`d files), and the one of the compile-fail
/// cases. The build-script example
/// (`generated-examples/rust-build-script`) is left out: the modules it includes are
/// generated as this crate's are, its own code is built with `#![deny(warnings,
/// missing_docs)]`, and linting it would take a second, check-mode build of the ~70 crates
/// only it uses (`segment`, reqwest, tokio), about 90 s of a cold 2-core CI run.
const HOSTS: [&str; 4] = ["-p", "tracktype-rust-host", "-p", "tracktype-ui-host"];

/// The example app that `tracktype status --check` passes on, a member of the workspace.
const APP: [&str; 2] = ["-p", "tracktype-status-example"];

#[test]
fn rust_examples_are_clippy_clean_with_warnings_denied() {
    run_ok(
        cargo().arg("clippy").args(HOSTS).args(APP).args([
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
        "cargo clippy on the Rust examples",
    );
}

/// What a build script compiles (`default-features = false`: the Rust generator alone) is not
/// what the workspace compiles, where the command line turns every feature on: linted on its own,
/// a generator left behind by a feature gate shows.
#[test]
fn the_build_script_library_is_clippy_clean_without_default_features() {
    run_ok(
        cargo().args([
            "clippy",
            "-p",
            "tracktype",
            "--lib",
            "--no-default-features",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
        "cargo clippy -p tracktype --lib --no-default-features",
    );
}

#[test]
fn rust_examples_document_without_rustdoc_warnings() {
    run_ok(
        cargo()
            .arg("doc")
            .args(HOSTS)
            .args(["--no-deps", "--quiet"])
            .env("RUSTDOCFLAGS", "-D warnings"),
        "cargo doc on the Rust examples",
    );
}

/// Cargo resolves features apart for build scripts and proc macros and for the rest; where the
/// two ask for different features of a crate, it is compiled twice, and what depends on it too
/// (tera and serde-saphyr cost a cold CI run about 35 s that way). `tests/workspace-hack`
/// evens the two out; this keeps it complete as dependencies change. Only tracktype's library
/// is built twice, on purpose: with its command line for the tests, without for the
/// build-script example. Asking for the unit graph compiles nothing.
#[test]
fn the_test_build_compiles_each_dependency_once() {
    let out = cargo()
        .args(["test", "--workspace", "--locked", "--no-run", "--unit-graph"])
        .args(["-Z", "unstable-options"])
        // `--unit-graph` is unstable; reading the graph changes nothing that is built.
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo --unit-graph failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let graph: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the unit graph");
    let mut builds = std::collections::BTreeMap::<String, usize>::new();
    for unit in graph["units"].as_array().expect("units") {
        let kinds = &unit["target"]["kind"];
        if unit["mode"] != "build" || kinds == &serde_json::json!(["custom-build"]) {
            continue;
        }
        let key = format!(
            "{} {} {kinds}",
            unit["pkg_id"].as_str().unwrap_or_default(),
            unit["target"]["name"].as_str().unwrap_or_default()
        );
        *builds.entry(key).or_default() += 1;
    }
    let twice: Vec<&String> = builds
        .iter()
        .filter(|(key, count)| **count > 1 && !key.contains("#tracktype@"))
        .map(|(key, _)| key)
        .collect();
    assert!(
        twice.is_empty(),
        "compiled more than once (add the features they differ by to tests/workspace-hack): {twice:#?}"
    );
    assert!(builds.len() > 100, "too few units: {builds:?}");
}
