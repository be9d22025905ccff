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

const HOSTS: [&str; 4] = [
    "-p",
    "tracktype-rust-host",
    "-p",
    "tracktype-build-script-example",
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
