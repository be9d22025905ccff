//! `tracktype status` on the fixture apps of `tests/data/status`: one per language, each
//! instrumenting part of two use cases, with decoys. The report must be exactly the expected
//! one, in text and JSON, and `--check` must exit as the issue says.

use std::fs;
use std::path::Path;

use crate::support::{Run, dir_with, root, tracktype_in};

/// One fixture app: its directory under `tests/data/status`, where its sources are, and a file
/// that sends Subscription Started (the event every fixture leaves missing) from `depth`
/// directories below the sources.
struct Fixture {
    name: &'static str,
    src: &'static str,
    extension: &'static str,
    sends_missing_event: fn(depth: usize) -> String,
}

const FIXTURES: [Fixture; 3] = [
    Fixture {
        name: "typescript",
        src: "src",
        extension: "ts",
        sends_missing_event: |depth| {
            let up = if depth == 0 {
                "./".to_owned()
            } else {
                "../".repeat(depth)
            };
            format!(
                "import {{ tracker }} from \"{up}analytics\";\ntracker.subscriptionStarted({{}});\n"
            )
        },
    },
    Fixture {
        name: "rust",
        src: "src",
        extension: "rs",
        sends_missing_event: |_| {
            "use crate::tracking::*;\n\npub fn f<S: Sink>(t: &Tracker<S>) {\n    \
             t.subscription_started(Identity::user(\"u\"), SubscriptionStarted::new());\n}\n"
                .to_owned()
        },
    },
    Fixture {
        name: "swift",
        src: "App",
        extension: "swift",
        sends_missing_event: |_| {
            "import Tracking\n\nfunc f(_ a: Analytics) {\n  a.subscriptionStarted()\n}\n".to_owned()
        },
    },
];

/// The fixture copied to a temporary directory, its SDK generated there.
fn prepared(fixture: &Fixture) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &root().join("tests/data/status").join(fixture.name),
        dir.path(),
    );
    tracktype_in(Some(dir.path()), &["gen"]).success();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "expected.txt" && entry.file_name() != "expected.json" {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn expected(fixture: &Fixture, file: &str) -> String {
    fs::read_to_string(
        root()
            .join("tests/data/status")
            .join(fixture.name)
            .join(file),
    )
    .unwrap()
}

#[track_caller]
fn assert_same(fixture: &Fixture, what: &str, run: &Run, want: &str) {
    assert_eq!(
        run.stdout, want,
        "{}: {what} differs from tests/data/status/{}; stderr:\n{}",
        fixture.name, fixture.name, run.stderr
    );
}

#[test]
fn reports_exactly_the_expected_events_and_locations() {
    for fixture in &FIXTURES {
        let dir = prepared(fixture);
        let text = tracktype_in(Some(dir.path()), &["status"]);
        assert_eq!(text.code, 0, "{}: {}", fixture.name, text.stderr);
        assert_same(fixture, "text", &text, &expected(fixture, "expected.txt"));

        let json = tracktype_in(Some(dir.path()), &["status", "--format", "json"]);
        assert_eq!(json.code, 0, "{}: {}", fixture.name, json.stderr);
        assert_same(fixture, "JSON", &json, &expected(fixture, "expected.json"));

        let check = tracktype_in(Some(dir.path()), &["status", "--check"]);
        assert_eq!(
            check.code, 1,
            "{}: an incomplete use case fails --check",
            fixture.name
        );
        assert_eq!(
            check.stdout, text.stdout,
            "{}: --check reports the same",
            fixture.name
        );
    }
}

#[test]
fn dependencies_build_output_and_ignored_files_are_never_scanned() {
    for fixture in &FIXTURES {
        let dir = prepared(fixture);
        let src = dir.path().join(fixture.src);
        for skipped in [
            "node_modules/pkg",
            "target/debug",
            ".build/checkouts",
            "ignored",
        ] {
            let at = src.join(skipped);
            fs::create_dir_all(&at).unwrap();
            fs::write(
                at.join(format!("late.{}", fixture.extension)),
                (fixture.sends_missing_event)(2 - usize::from(skipped == "ignored")),
            )
            .unwrap();
        }
        fs::write(src.join(".gitignore"), "ignored/\n").unwrap();
        let run = tracktype_in(Some(dir.path()), &["status"]);
        assert_same(fixture, "text", &run, &expected(fixture, "expected.txt"));

        // The same file among the sources counts: the skip above is the walker's doing.
        fs::write(
            src.join(format!("late.{}", fixture.extension)),
            (fixture.sends_missing_event)(0),
        )
        .unwrap();
        let run = tracktype_in(Some(dir.path()), &["status", "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let subscriptions = &doc["targets"][0]["goals"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["use_cases"].as_array().unwrap())
            .find(|u| u["slug"] == "acquire-paid-subscriptions")
            .unwrap()["events"];
        let started = subscriptions
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "Subscription Started")
            .unwrap();
        assert_eq!(
            started["calls"][0]["file"],
            format!("{}/late.{}", fixture.src, fixture.extension),
            "{}: {started}",
            fixture.name
        );
    }
}

#[test]
fn a_complete_selection_without_stale_calls_passes_check() {
    for fixture in &FIXTURES {
        let dir = prepared(fixture);
        // Only what the fixture sends, from files without stale calls.
        let legacy = fs::read_dir(dir.path().join(fixture.src))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_stem()
                    .is_some_and(|s| s.eq_ignore_ascii_case("legacy"))
            })
            .unwrap();
        fs::remove_file(legacy).unwrap();
        let run = tracktype_in(
            Some(dir.path()),
            &[
                "status",
                "--use-case",
                "mitigate-cart-abandonment",
                "--event",
                "Trial Started",
                "--src",
                fixture.src,
                "--check",
            ],
        );
        assert_eq!(
            run.code, 0,
            "{}:\n{}{}",
            fixture.name, run.stdout, run.stderr
        );
        assert!(
            run.stdout.contains(
                "ok: 1 of 1 use case ready, 1 of 1 event selected on its own sent, 0 stale calls"
            ),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn bad_input_exits_2_with_a_hint() {
    let dir = dir_with(&[
        ("src/app.ts", "export {};\n"),
        ("web/app.ts", "export {};\n"),
    ]);
    let run = tracktype_in(
        Some(dir.path()),
        &[
            "status",
            "--use-case",
            "mitigate-cart-abandonment",
            "--src",
            "webb",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("source directory `webb` does not exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `web`?"), "{}", run.stderr);

    let run = tracktype_in(
        Some(dir.path()),
        &["status", "--all", "--src", "web/app.ts"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`web/app.ts` is not a directory"),
        "{}",
        run.stderr
    );

    let run = tracktype_in(
        Some(dir.path()),
        &[
            "status",
            "--use-case",
            "mitigate-cart-abandon",
            "--src",
            "src",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("did you mean `mitigate-cart-abandonment`?"),
        "{}",
        run.stderr
    );

    let run = tracktype_in(Some(dir.path()), &["status"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nothing selected to check"),
        "{}",
        run.stderr
    );

    let project = dir_with(&[(
        "tracktype.yaml",
        "targets:\n  - name: web\n    lang: ts\n    all: true\n    out: gen\n    srcs: [src]\n",
    )]);
    let run = tracktype_in(Some(project.path()), &["status"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tracktype.yaml:6:5"),
        "located: {}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `src`?"), "{}", run.stderr);
}

#[test]
fn a_target_without_src_scans_the_project_directory() {
    let dir = dir_with(&[
        (
            "tracktype.yaml",
            "targets:\n  - name: web\n    lang: ts\n    events: [Signed In]\n    out: web/tracking\n",
        ),
        (
            "web/app.ts",
            "import { createTracker } from \"./tracking/index.js\";\n\
             const t = createTracker(window.analytics);\n\
             t.signedIn({});\n",
        ),
    ]);
    tracktype_in(Some(dir.path()), &["gen"]).success();
    let run = tracktype_in(Some(dir.path()), &["status", "--check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("implemented Signed In  web/app.ts:3:3"),
        "{}",
        run.stdout
    );
    // Identify and group are reported, never required.
    assert!(
        run.stdout
            .contains("Identify and group\n  identify  never called\n  group     never called\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_example_apps_pass_status_check() {
    for target in [
        "ts-mitigate-cart-abandonment",
        "rust-mitigate-cart-abandonment",
        "swift-mitigate-cart-abandonment-analytics-swift",
    ] {
        let run = tracktype_in(
            Some(&root().join("generated-examples")),
            &["status", "--check", "--target", target],
        );
        assert_eq!(run.code, 0, "{target}:\n{}{}", run.stdout, run.stderr);
        assert!(
            run.stdout
                .contains("ok: 1 of 1 use case ready, 0 stale calls"),
            "{target}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains("scanned 1 file"),
            "{target}: {}",
            run.stdout
        );
        // Each app shows the whole API: it says who its customer is.
        assert!(
            run.stdout.contains("  identify  apps/"),
            "{target}: {}",
            run.stdout
        );
    }
}
