//! The Swift examples: swift-format lint clean, type-checked in the Swift 6 language mode with
//! warnings as errors, and their generated methods called by an XCTest target that asserts
//! the exact JSON payloads (`tests/swift`).

use std::path::PathBuf;
use std::process::Command;

use crate::support::{require_tool, root, run_ok};

/// The Swift toolchain: on PATH, or this team's wrappers in `../shared/tools/bin`.
fn swift_tool(name: &str) -> Option<PathBuf> {
    let shared = root().join("../shared/tools/bin");
    require_tool(name, &[shared], "the Swift tests")
}

const EXAMPLES: [(&str, &str); 3] = [
    ("mitigate-cart-abandonment", "Tracking"),
    ("all-use-cases", "TrackingAllUseCases"),
    ("acme", "AcmeTracking"),
];

#[test]
fn swift_examples_are_swift_format_lint_clean() {
    let Some(swift_format) = swift_tool("swift-format") else {
        return;
    };
    let out = run_ok(
        Command::new(swift_format)
            .args([
                "lint",
                "--strict",
                "--recursive",
                "generated-examples/swift",
            ])
            .current_dir(root()),
        "swift-format lint",
    );
    assert!(out.trim().is_empty(), "{out}");
}

#[test]
fn swift_examples_typecheck_in_swift_6_mode_without_warnings() {
    let Some(swiftc) = swift_tool("swiftc") else {
        return;
    };
    for (example, module) in EXAMPLES {
        let dir = root().join("generated-examples/swift").join(example);
        let sources: Vec<PathBuf> = std::fs::read_dir(dir.join("Sources").join(module))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        run_ok(
            Command::new(&swiftc)
                .args([
                    "-typecheck",
                    "-swift-version",
                    "6",
                    "-strict-concurrency=complete",
                    "-warnings-as-errors",
                ])
                .args(["-module-name", module])
                .args(&sources)
                .current_dir(&dir),
            &format!("swiftc -typecheck on {example}"),
        );
    }
}

#[test]
fn swift_examples_send_exactly_the_expected_payloads() {
    let Some(swift) = swift_tool("swift") else {
        return;
    };
    let out = run_ok(
        Command::new(swift)
            .args(["test", "-Xswiftc", "-warnings-as-errors"])
            .current_dir(root().join("tests/swift")),
        "swift test in tests/swift",
    );
    assert!(out.contains("Executed 6 tests, with 0 failures"), "{out}");
}
