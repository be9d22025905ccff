//! The Swift examples: swift-format lint clean, compiled in the Swift 6 language mode with
//! warnings as errors, misuse of them refused by the compiler (`tests/swift/CompileFail`), and
//! their generated methods called by an XCTest target that asserts the exact JSON payloads
//! (`tests/swift`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{
    assert_typewriter_calls, fixture_plans, path_of, require_tool, root, run_ok, swift_binary,
    tracktype, typewriter_expected, typewriter_plans,
};

/// The Swift toolchain: on PATH, or this team's wrappers in `../shared/tools/bin`.
pub(crate) fn swift_tool(name: &str) -> Option<PathBuf> {
    let shared = root().join("../shared/tools/bin");
    require_tool(name, &[shared], "the Swift tests")
}

const EXAMPLES: [(&str, &str); 4] = [
    ("mitigate-cart-abandonment", "Tracking"),
    ("all-use-cases", "TrackingAllUseCases"),
    ("acme", "AcmeTracking"),
    // `--sdk analytics-swift`: it imports analytics-swift's `Segment`.
    (
        "mitigate-cart-abandonment-analytics-swift",
        "TrackingAnalyticsSwift",
    ),
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

/// Each example compiles as a module in the Swift 6 language mode without warnings, and the
/// example app (`generated-examples/apps/swift`) type-checks against its module; then code
/// that misuses them must not compile: every `expected-error` of `tests/swift/CompileFail`
/// happens, with its message, and nothing else does (`swiftc -verify`).
#[test]
fn swift_examples_compile_in_swift_6_mode_without_warnings_and_reject_misuse() {
    let Some(swiftc) = swift_tool("swiftc") else {
        return;
    };
    let modules = scratch("modules");
    // The app and the analytics-swift example import analytics-swift's `Segment`, which the
    // suite cannot fetch: a stand-in with its signatures checks them against the real overloads.
    emit_module(
        &swiftc,
        "Segment",
        &swift_files(&root().join("tests/swift/Segment")),
        &modules,
    );
    for (example, module) in EXAMPLES {
        let dir = root().join("generated-examples/swift").join(example);
        emit_module(
            &swiftc,
            module,
            &swift_files(&dir.join("Sources").join(module)),
            &modules,
        );
    }
    run_ok(
        Command::new(&swiftc)
            .args(["-typecheck", "-parse-as-library", "-module-name", "Shop"])
            .args(SWIFT_6_STRICT)
            .arg("-I")
            .arg(&modules)
            .args(swift_files(&root().join("generated-examples/apps/swift")))
            .current_dir(root()),
        "swiftc -typecheck on the example app",
    );
    // One file per example module it misuses, named after it.
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/swift/CompileFail"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.matches("expected-error {{").count() >= 5,
            "{}: the misuse it checks",
            file.display()
        );
        run_ok(
            Command::new(&swiftc)
                .args([
                    "-typecheck",
                    "-swift-version",
                    "6",
                    "-module-name",
                    "Misuse",
                    "-I",
                ])
                .arg(&modules)
                // Notes pointing into the examples' own sources are not the misuse's.
                .args([
                    "-Xfrontend",
                    "-verify",
                    "-Xfrontend",
                    "-verify-ignore-unknown",
                ])
                .arg(&file)
                .current_dir(root()),
            &format!("swiftc -verify on {}", file.display()),
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
    assert!(out.contains("Executed 10 tests, with 0 failures"), "{out}");
}

/// With `--sdk analytics-swift`, analytics-swift's `Analytics` is the client, and every call
/// made through the generated methods carries exactly `context.tracktype` (what TypeScript and
/// Rust send, naming Swift), added to analytics-swift's own context, with the context of
/// `withContext(_:)` under it; the generic `track(_:)` sends exactly what each event's own method
/// sends; `onViolation(_:)` can drop a call; calls the app makes itself go as they did. The module is generated for the whole
/// catalog, so that page and screen events are among them, and runs against the stand-in in
/// `tests/swift/Segment`, which runs events through plugins and enrichments as analytics-swift
/// does; `tests/swift/AnalyticsSwift/main.swift` makes the calls and prints what would be sent.
#[test]
fn analytics_swift_sends_the_tracktype_context_with_every_generated_call() {
    let Some(swiftc) = swift_tool("swiftc") else {
        return;
    };
    let dir = scratch("analytics-swift");
    tracktype(&[
        "gen",
        "--lang",
        "swift",
        "--sdk",
        "analytics-swift",
        "--all",
        "--sources-only",
        "--out",
        &path_of(&dir.join("Sources")),
    ])
    .success();
    run_ok(
        Command::new(&swiftc)
            .args([
                "-emit-library",
                "-static",
                "-emit-module",
                "-parse-as-library",
            ])
            .args(SWIFT_6_STRICT)
            .args(["-module-name", "Segment", "-emit-module-path"])
            .arg(dir.join("Segment.swiftmodule"))
            .arg("-o")
            .arg(dir.join("libSegment.a"))
            .args(swift_files(&root().join("tests/swift/Segment")))
            .current_dir(root()),
        "swiftc -emit-library of the analytics-swift stand-in",
    );
    let runner = dir.join("runner");
    run_ok(
        Command::new(&swiftc)
            .args(SWIFT_6_STRICT)
            .args(["-module-name", "Tracking", "-lSegment"])
            .arg("-I")
            .arg(&dir)
            .arg("-L")
            .arg(&dir)
            .args(swift_files(&dir.join("Sources")))
            .arg(root().join("tests/swift/AnalyticsSwift/main.swift"))
            .arg("-o")
            .arg(&runner)
            .current_dir(root()),
        "swiftc on the analytics-swift runner",
    );
    let out = run_ok(
        swift_binary(&swiftc, &runner).current_dir(root()),
        "the analytics-swift runner",
    );
    let sent: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("the runner prints JSON"))
        .collect();
    let library = json!({ "name": "analytics-swift", "version": "stub" });
    let tracktype = json!({ "language": "swift", "version": env!("CARGO_PKG_VERSION") });
    let context = json!({ "library": library, "tracktype": tracktype });
    let order = json!({ "type": "track", "event": "Order Completed",
                        "properties": { "order_id": "o-1", "revenue": 25 }, "context": context });
    let page = json!({ "type": "screen", "name": "Home", "category": "Docs",
                       "properties": { "path": "/" }, "context": context });
    let screen = json!({ "type": "screen", "name": "Cart", "category": "checkout",
                         "properties": {}, "context": context });
    assert_eq!(
        sent,
        [
            order.clone(),
            order,
            page.clone(),
            page,
            screen.clone(),
            screen,
            json!({ "type": "identify", "userId": "u-1",
                    "traits": { "email": "ada@example.com" }, "context": context }),
            json!({ "type": "group", "groupId": "g-1",
                    "traits": { "employees": 12, "name": "Acme" }, "context": context }),
            json!({ "type": "track", "event": "Signed In", "properties": { "username": "ada" },
                    "context": { "app": { "name": "shop" }, "library": library,
                                 "tracktype": tracktype } }),
            json!({ "type": "track", "event": "Hand Written", "properties": { "by": "the app" },
                    "context": { "library": library } }),
        ],
        "{out}"
    );
}

/// The Swift 6 language mode with complete concurrency checking, warnings as errors.
pub(crate) const SWIFT_6_STRICT: [&str; 4] = [
    "-swift-version",
    "6",
    "-strict-concurrency=complete",
    "-warnings-as-errors",
];

/// Compiles `sources` into the module `module`, in `modules` (where its imports are too),
/// under [`SWIFT_6_STRICT`].
pub(crate) fn emit_module(swiftc: &Path, module: &str, sources: &[PathBuf], modules: &Path) {
    run_ok(
        Command::new(swiftc)
            .arg("-emit-module")
            .args(SWIFT_6_STRICT)
            .arg("-I")
            .arg(modules)
            .args(["-module-name", module, "-emit-module-path"])
            .arg(modules.join(format!("{module}.swiftmodule")))
            .args(sources)
            .current_dir(root()),
        &format!("swiftc -emit-module of {module}"),
    );
}

/// The Swift files of a directory, in a stable order.
pub(crate) fn swift_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "swift"))
        .collect();
    files.sort();
    files
}

/// Scratch space for generated Swift, under the repository so the Swift toolchain sees it.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/tracktype-tests/swift").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Swift sources generated from a plan, in a module of their own.
fn plan_sources(plan: &Path, module: &str, dir: &Path) {
    tracktype(&[
        "--plan",
        &path_of(plan),
        "--no-default-catalog",
        "gen",
        "--lang",
        "swift",
        "--sources-only",
        "--module",
        module,
        "--out",
        &path_of(dir),
    ])
    .success();
}

#[test]
fn every_plan_generates_swift_that_typechecks_in_swift_6_mode_and_lints_clean() {
    let Some(swiftc) = swift_tool("swiftc") else {
        return;
    };
    let Some(swift_format) = swift_tool("swift-format") else {
        return;
    };
    let mut plans = fixture_plans();
    plans.extend(typewriter_plans().unwrap_or_default());
    let root_dir = scratch("plans");
    for (name, plan) in plans {
        let dir = root_dir.join(name);
        let module = format!("Plan{}", name.replace('-', "_"));
        plan_sources(&plan, &module, &dir);
        run_ok(
            Command::new(&swiftc)
                .arg("-typecheck")
                .args(SWIFT_6_STRICT)
                .args(["-module-name", &module])
                .args(swift_files(&dir))
                .current_dir(&dir),
            &format!("swiftc -typecheck on the Swift of {name}"),
        );
        let out = run_ok(
            Command::new(&swift_format)
                .args(["lint", "--strict", "--recursive", "."])
                .current_dir(&dir),
            &format!("swift-format lint on the Swift of {name}"),
        );
        assert!(out.trim().is_empty(), "{name}: {out}");
    }
}

#[test]
fn swift_reproduces_typewriters_end_to_end_expectations() {
    let Some(swift) = swift_tool("swift") else {
        return;
    };
    let Some(plans) = typewriter_plans() else {
        return;
    };
    let dir = scratch("typewriter-e2e");
    plan_sources(&plans[1].1, "Typewriter", &dir.join("Sources/Typewriter"));
    std::fs::create_dir_all(dir.join("Tests/TypewriterTests")).unwrap();
    std::fs::copy(
        root().join("tests/swift-typewriter/TypewriterTests.swift"),
        dir.join("Tests/TypewriterTests/TypewriterTests.swift"),
    )
    .unwrap();
    std::fs::write(dir.join("Package.swift"), E2E_PACKAGE).unwrap();
    let out_file = dir.join("sent.json");
    run_ok(
        Command::new(swift)
            .args(["test", "-Xswiftc", "-warnings-as-errors"])
            .env("TYPEWRITER_E2E_OUT", &out_file)
            .current_dir(&dir),
        "swift test on Typewriter's plan",
    );
    let sent: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_typewriter_calls("swift", &sent, &typewriter_expected());
}

/// The package around the module generated from Typewriter's plan and the driver test.
const E2E_PACKAGE: &str = r#"// swift-tools-version: 5.9
import PackageDescription

let package = Package(
  name: "TypewriterE2E",
  targets: [
    .target(name: "Typewriter"),
    .testTarget(name: "TypewriterTests", dependencies: ["Typewriter"]),
  ],
  swiftLanguageVersions: [.v5, .version("6")]
)
"#;
