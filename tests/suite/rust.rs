//! The Rust examples, as users' crates build them: clippy-clean with every warning denied,
//! documented without a rustdoc warning; and the example app of `generated-examples/apps/rust`
//! clippy-clean too. (Their payload and compile-fail tests, and the build-script example's test
//! against the `segment` crate, are in those crates' own tests.)

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::support::{cargo, run_ok};

/// The crate that compiles every generated module (the examples and plans as `mod` files, and
/// the same through the build-script API as `include!`d files), and the one of the compile-fail
/// cases. The build-script example
/// (`generated-examples/rust-build-script`) is left out: the modules it includes are
/// generated as this crate's are, its own code is built with `#![deny(warnings,
/// missing_docs)]`, and linting it would take a second, check-mode build of the ~70 crates
/// only it uses (`segment`, reqwest, tokio), about 90 s of a cold 2-core CI run. The
/// workspace-hack crate is named with them: its features make the build scripts and macros these
/// runs compile the very builds `cargo test` made, where the hosts' own fewer features would
/// compile syn, serde's and thiserror's macros, tera and tracktype again.
const HOSTS: [&str; 6] = [
    "-p",
    "tracktype-rust-host",
    "-p",
    "tracktype-ui-host",
    "-p",
    "tracktype-workspace-hack",
];

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
    clippy_library(&[]);
}

/// Each feature a user may ask for on its own builds, warning-free: `features = ["typescript"]`
/// in a build script's dependency once failed to compile while every test passed.
#[test]
fn each_generator_feature_builds_on_its_own() {
    for feature in ["typescript", "swift", "docs"] {
        clippy_library(&["--features", feature]);
    }
}

/// `cargo clippy -D warnings` on the library without default features, and with `features`.
fn clippy_library(features: &[&str]) {
    let library = ["-p", "tracktype", "--lib", "--no-default-features"];
    run_ok(
        cargo()
            .arg("clippy")
            .args(library)
            .args(features)
            .args(["--quiet", "--", "-D", "warnings"]),
        &format!(
            "cargo clippy {}",
            [&library[..], features].concat().join(" ")
        ),
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

/// Cargo resolves features apart for build scripts and proc macros and for the rest, and for
/// the packages each command names; where two ask for different features of a crate, it is
/// compiled twice, and what depends on it too (tera and serde-saphyr cost a cold CI run about
/// 35 s that way, and again in the clippy and rustdoc runs above). `tests/workspace-hack` evens
/// them out; this keeps it complete as dependencies change. Only tracktype's library is built
/// twice, on purpose: with its command line for the tests, without for the build-script
/// example. Reading the unit graphs compiles nothing.
#[test]
fn the_test_build_compiles_each_dependency_once() {
    let tests = unit_graph(&["test", "--workspace", "--locked", "--no-run"]);
    let mut builds = BTreeMap::<&str, usize>::new();
    for (name, unit) in tests.values() {
        if compiled(unit) {
            *builds.entry(name).or_default() += 1;
        }
    }
    let twice: Vec<&str> = builds
        .iter()
        .filter(|(name, count)| **count > 1 && !name.contains("#tracktype@"))
        .map(|(name, _)| *name)
        .collect();
    assert!(
        twice.is_empty(),
        "compiled more than once (add the features they differ by to tests/workspace-hack): {twice:#?}"
    );
    assert!(builds.len() > 100, "too few units: {builds:?}");

    let clippy = [&["clippy", "--all-targets"][..], &HOSTS, &APP].concat();
    let doc = [&["doc", "--no-deps"][..], &HOSTS].concat();
    for args in [clippy, doc] {
        let graph = unit_graph(&args);
        let again: Vec<&String> = graph
            .iter()
            .filter(|(key, (_, unit))| compiled(unit) && !tests.contains_key(*key))
            .map(|(_, (name, _))| name)
            .collect();
        assert!(
            again.is_empty(),
            "`cargo {}` compiles again what `cargo test` built (add the features they differ by to \
             tests/workspace-hack): {again:#?}",
            args.join(" ")
        );
    }
}

/// The units `cargo args` would build, by a key that is equal for two units exactly when cargo
/// makes them one build: a hash of package, target, mode, features, profile settings (not the
/// profile's name) and, recursively, dependencies. Each unit is named by its package, target
/// and kind.
fn unit_graph(args: &[&str]) -> BTreeMap<u64, (String, Value)> {
    let out = cargo()
        .args(args)
        .args(["--unit-graph", "-Z", "unstable-options"])
        // `--unit-graph` is unstable; reading the graph changes nothing that is built.
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {} --unit-graph failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    let graph: Value = serde_json::from_slice(&out.stdout).expect("the unit graph");
    let units = graph["units"].as_array().expect("units");
    let mut keys: Vec<Option<u64>> = vec![None; units.len()];
    // Dependencies come in any order: a unit's key is made once its dependencies' are.
    while keys.iter().any(Option::is_none) {
        for (i, unit) in units.iter().enumerate() {
            if keys[i].is_some() {
                continue;
            }
            let deps: Option<Vec<u64>> = unit["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|d| d["index"].as_u64().and_then(|j| keys[j as usize]))
                .collect();
            let Some(mut deps) = deps else { continue };
            deps.sort_unstable();
            let mut profile = unit["profile"].clone();
            profile.as_object_mut().map(|p| p.remove("name"));
            let fields = [
                &unit["pkg_id"],
                &unit["target"],
                &unit["mode"],
                &unit["features"],
                &profile,
            ]
            .map(Value::to_string);
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&(fields, deps), &mut hasher);
            keys[i] = Some(std::hash::Hasher::finish(&hasher));
        }
    }
    keys.into_iter()
        .flatten()
        .zip(units)
        .map(|(key, unit)| {
            let name = format!(
                "{} {} {}",
                unit["pkg_id"].as_str().unwrap_or_default(),
                unit["target"]["name"].as_str().unwrap_or_default(),
                unit["target"]["kind"]
            );
            (key, (name, unit.clone()))
        })
        .collect()
}

/// Whether `unit` is a compiled library or macro: build scripts' own builds are small, and the
/// checked and documented units of clippy and rustdoc are theirs alone.
fn compiled(unit: &Value) -> bool {
    unit["mode"] == "build" && unit["target"]["kind"] != json!(["custom-build"])
}
