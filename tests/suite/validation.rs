//! Run-time validation across languages. The corpus (`tests/data/validation/corpus.json`)
//! lists, for each kind of constraint, conforming and violating properties with the exact
//! violations; every language must report exactly those. TypeScript runs it in the
//! `typescript` test (one tsc compilation with the other SDKs), Rust in
//! `tests/rust-host/tests/validation.rs` (built with the other host modules), Swift here.
//! Patterns that the targets' regex engines would read differently are refused when
//! validating, and allowed with `--validate off`.

use std::process::Command;

use serde_json::Value;

use crate::support::{
    assert_validation_results, dir_with, require_tool, root, run_ok, swift_binary, tracktype,
    tracktype_in, validation_corpus, validation_gen_args,
};

#[test]
fn swift_reports_exactly_the_corpus_violations() {
    let extra = [root().join("../shared/tools/bin")];
    let Some(swiftc) = require_tool("swiftc", &extra, "the Swift validation corpus") else {
        return;
    };
    let dir = root().join("target/tracktype-tests/swift-validation");
    let _ = std::fs::remove_dir_all(&dir);
    let mut args = validation_gen_args("swift", &dir.join("Sources"));
    args.extend(["--sources-only".to_owned()]);
    tracktype(&args.iter().map(String::as_str).collect::<Vec<_>>()).success();
    let mut sources: Vec<_> = std::fs::read_dir(dir.join("Sources"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    sources.sort();
    sources.push(root().join("tests/swift/Validation/main.swift"));
    let runner = dir.join("runner");
    run_ok(
        Command::new(&swiftc)
            .args([
                "-swift-version",
                "6",
                "-warnings-as-errors",
                "-module-name",
                "Corpus",
            ])
            .args(&sources)
            .arg("-o")
            .arg(&runner),
        "swiftc on the validation corpus runner",
    );
    let out = run_ok(
        swift_binary(&swiftc, &runner)
            .arg(validation_corpus())
            .current_dir(root()),
        "the Swift validation corpus runner",
    );
    let results: Value = serde_json::from_str(out.trim()).expect("the runner prints JSON");
    assert_validation_results("swift", &results);
}

#[test]
fn a_pattern_no_target_runs_alike_is_a_located_error_unless_validation_is_off() {
    let dir = dir_with(&[(
        "acme.yaml",
        "events:\n  - name: Order Completed\n    properties:\n      - name: code\n        type: string\n        pattern: \"^(?=a)b\"\n",
    )]);
    let run = tracktype_in(
        Some(dir.path()),
        &[
            "--catalog",
            "acme.yaml",
            "gen",
            "--lang",
            "rust",
            "--event",
            "Order Completed",
            "--out",
            "out",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let err = run.stderr;
    assert!(
        err.contains("acme.yaml:6:18: error: pattern `^(?=a)b` cannot be validated alike in every language: at character 2, lookaround"),
        "{err}"
    );
    assert!(err.contains("--validate off"), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing is written");
    let off = tracktype_in(
        Some(dir.path()),
        &[
            "--catalog",
            "acme.yaml",
            "gen",
            "--lang",
            "rust",
            "--validate",
            "off",
            "--event",
            "Order Completed",
            "--out",
            "out",
        ],
    );
    assert_eq!(off.code, 0, "{}", off.stderr);
    assert!(
        !off.stderr.contains("pattern"),
        "documentation only: {}",
        off.stderr
    );

    // The project file's targets do the same: the validating one stops the run, with the
    // same error, before anything is written; without validation the pattern is documentation.
    let project = |validate: &str| {
        format!(
            "catalogs: [acme.yaml]\ntargets:\n  - name: docs-only\n    lang: ts\n    events: [Order Completed]\n    validate: false\n    out: ts\n  - name: backend\n    lang: rust\n    events: [Order Completed]\n    validate: {validate}\n    out: rust\n"
        )
    };
    std::fs::write(dir.path().join("tracktype.yaml"), project("true")).unwrap();
    let run = tracktype_in(Some(dir.path()), &["gen"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("acme.yaml:6:18: error: pattern `^(?=a)b` cannot be validated alike"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("ts").exists() && !dir.path().join("rust").exists());
    std::fs::write(dir.path().join("tracktype.yaml"), project("false")).unwrap();
    let run = tracktype_in(Some(dir.path()), &["gen"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("pattern"), "{}", run.stderr);
}

/// `--validate off`, `validate: false` in the project file and `Config::validate(false)` all
/// generate the same code, without a trace of validation; on is the default everywhere.
#[test]
fn validation_is_on_by_default_and_off_the_same_way_everywhere() {
    let dir = dir_with(&[(
        "tracktype.yaml",
        "targets:\n  - name: ts\n    lang: ts\n    use_cases: [mitigate-cart-abandonment]\n    validate: false\n    out: ts-project\n  - name: rust\n    lang: rust\n    use_cases: [mitigate-cart-abandonment]\n    validate: false\n    out: rust-project\n",
    )]);
    tracktype_in(Some(dir.path()), &["gen"]).success();
    for (lang, file) in [("ts", "index.ts"), ("rust", "tracking.rs")] {
        for (flag, out) in [(Some("off"), "off"), (Some("on"), "on"), (None, "default")] {
            let out = format!("{lang}-{out}");
            let mut args = vec![
                "gen",
                "--lang",
                lang,
                "--use-case",
                "mitigate-cart-abandonment",
            ];
            args.extend(flag.iter().flat_map(|f| ["--validate", f]));
            args.extend(["--out", &out]);
            tracktype_in(Some(dir.path()), &args).success();
        }
        let read = |d: &str| std::fs::read_to_string(dir.path().join(d).join(file)).unwrap();
        let off = read(&format!("{lang}-off"));
        assert_eq!(read(&format!("{lang}-project")), off, "{lang}");
        assert_eq!(
            read(&format!("{lang}-default")),
            read(&format!("{lang}-on"))
        );
        assert!(
            !off.contains("Violation") && !off.contains("RULES"),
            "{lang}"
        );
        assert!(read(&format!("{lang}-on")).contains("Violation"), "{lang}");
    }
    let built = tracktype::Config::new()
        .use_case("mitigate-cart-abandonment")
        .validate(false)
        .out_dir(dir.path().join("config"))
        .quiet()
        .generate()
        .unwrap();
    // A build script's module is read with `include!`, so it goes without the rustfmt guard.
    let cli = std::fs::read_to_string(dir.path().join("rust-off/tracking.rs")).unwrap();
    let guard = "// `cargo fmt` would reformat this file (rustfmt is not prettyplease), and `tracktype gen\n// --check` would then fail: this keeps rustfmt off it, and compiles to nothing.\n#![cfg_attr(rustfmt, rustfmt::skip)]\n\n";
    assert!(cli.contains(guard));
    assert_eq!(
        std::fs::read_to_string(built).unwrap(),
        cli.replacen(guard, "", 1)
    );
}
