//! The project file, `tracktype.yaml`: several targets, `--target`, `--check` in CI, errors,
//! `init`, completions and the manual.

use std::fs;

use crate::support::{dir_with, tracktype_in};

const PROJECT: &str = "\
catalogs: [catalog/extra.yaml]
targets:
  - name: web
    lang: ts
    use_cases: [mitigate-cart-abandonment]
    out: sdk/web
  - name: server
    lang: ts
    sdk: analytics-node
    events: [Order Completed, Coupon Applied]
    out: sdk/server
";

const EXTRA: &str = "events:\n  - name: Coupon Applied\n    properties:\n      - name: coupon\n        type: string\n";

fn project() -> tempfile::TempDir {
    dir_with(&[("tracktype.yaml", PROJECT), ("catalog/extra.yaml", EXTRA)])
}

#[test]
fn one_command_generates_every_target() {
    let dir = project();
    let run = tracktype_in(Some(dir.path()), &["gen"]).success();
    assert_eq!(
        run.stdout,
        "web: wrote sdk/web/index.ts\nserver: wrote sdk/server/index.ts\n"
    );
    let server = fs::read_to_string(dir.path().join("sdk/server/index.ts")).unwrap();
    assert!(
        server.contains("export interface CouponApplied"),
        "project catalogs are loaded"
    );
    assert!(server.contains("// Options: --lang ts --sdk analytics-node"));
}

#[test]
fn the_project_file_is_found_from_a_subdirectory() {
    let dir = project();
    fs::create_dir_all(dir.path().join("deep/er")).unwrap();
    let run = tracktype_in(
        Some(&dir.path().join("deep/er")),
        &["gen", "--target", "web"],
    )
    .success();
    assert_eq!(run.stdout, "web: wrote ../../sdk/web/index.ts\n");
}

#[test]
fn target_generates_one_of_them() {
    let dir = project();
    let run = tracktype_in(Some(dir.path()), &["gen", "--target", "server"]).success();
    assert_eq!(run.stdout, "server: wrote sdk/server/index.ts\n");
    assert!(!dir.path().join("sdk/web").exists());
    let run = tracktype_in(Some(dir.path()), &["gen", "--target", "serve"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no target `serve` in tracktype.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `server`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_lists_every_drifted_file_of_every_target_and_the_fix() {
    let dir = project();
    tracktype_in(Some(dir.path()), &["gen"]).success();
    let run = tracktype_in(Some(dir.path()), &["gen", "--check"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "ok target web: sdk/web is up to date\nok target server: sdk/server is up to date\n"
    );

    let web = dir.path().join("sdk/web/index.ts");
    let text = fs::read_to_string(&web).unwrap();
    fs::write(&web, text.replace("coupon?: string;", "coupon?: number;")).unwrap();
    fs::remove_file(dir.path().join("sdk/server/index.ts")).unwrap();
    fs::write(dir.path().join("sdk/server/stale.ts"), &text).unwrap();
    let run = tracktype_in(Some(dir.path()), &["gen", "--check"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(
        out.starts_with(
            "drift target web: sdk/web/index.ts (changed)\n--- sdk/web/index.ts (on disk)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("-  coupon?: number;\n+  coupon?: string;\n"),
        "{out}"
    );
    assert!(
        out.contains("drift target server: sdk/server/index.ts (missing)\n"),
        "{out}"
    );
    assert!(
        out.contains("drift target server: sdk/server/stale.ts (extra)\n"),
        "{out}"
    );
    assert!(out.ends_with("3 generated files differ from what tracktype generates (2 of 2 targets); to fix, run:\n  tracktype gen\n"), "{out}");

    let run = tracktype_in(Some(dir.path()), &["gen", "--check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["fix"], "tracktype gen");
    assert_eq!(doc["targets"][0]["target"], "web");
    assert_eq!(doc["targets"][0]["drift"][0]["status"], "changed");
    assert!(
        doc["targets"][0]["drift"][0]["diff"]
            .as_str()
            .unwrap()
            .contains("+  coupon?: string;")
    );
    assert_eq!(
        doc["targets"][1]["drift"][0],
        serde_json::json!({"path": "sdk/server/index.ts", "status": "missing"})
    );
    assert_eq!(
        doc["targets"][1]["drift"][1],
        serde_json::json!({"path": "sdk/server/stale.ts", "status": "extra"})
    );
}

#[test]
fn long_diffs_are_bounded() {
    let dir = project();
    tracktype_in(Some(dir.path()), &["gen", "--target", "web"]).success();
    let web = dir.path().join("sdk/web/index.ts");
    let text = fs::read_to_string(&web).unwrap();
    fs::write(&web, text.replace("?: ", ": ")).unwrap();
    let run = tracktype_in(Some(dir.path()), &["gen", "--check", "--target", "web"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(" more lines of diff\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().count() < 50, "{}", run.stdout);
}

#[test]
fn config_names_the_project_file() {
    let dir = dir_with(&[(
        "ci/sdks.yaml",
        "targets:\n  - name: web\n    lang: ts\n    all: true\n    out: ../out\n",
    )]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--config", "ci/sdks.yaml", "gen", "--check"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("drift target web: ci/../out/index.ts (missing)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("to fix, run:\n  tracktype --config ci/sdks.yaml gen\n"),
        "{}",
        run.stdout
    );
}

/// A project file that must be rejected with this located message.
#[track_caller]
fn rejects(project: &str, location: &str, message: &str, hint: Option<&str>) {
    let dir = dir_with(&[("tracktype.yaml", project)]);
    let run = tracktype_in(Some(dir.path()), &["gen"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let expected = format!("{location}: error: {message}");
    assert!(
        run.stderr.contains(&expected),
        "expected `{expected}` in:\n{}",
        run.stderr
    );
    if let Some(hint) = hint {
        assert!(
            run.stderr.contains(&format!("hint: {hint}")),
            "expected hint `{hint}` in:\n{}",
            run.stderr
        );
    }
    let entries = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 1, "nothing is written");
}

#[test]
fn malformed_project_files_are_located() {
    rejects(
        "targets:\n  - name: web\n    lang: ts\n    use_case: [x]\n    out: o\n",
        "tracktype.yaml:4:5",
        "unknown key `use_case`",
        Some("did you mean `use_cases`?"),
    );
    rejects(
        "targets:\n  - name: web\n    lang: typescrpt\n    all: true\n    out: o\n",
        "tracktype.yaml:3:11",
        "unknown language `typescrpt`",
        Some("did you mean `typescript`?"),
    );
    rejects(
        "targets:\n  - name: web\n    lang: ts\n    all: true\n",
        "tracktype.yaml:2:11",
        "target `web` has no `out`",
        Some("add `out:` with the directory to generate into"),
    );
    rejects(
        "targets:\n  - name: web\n    lang: ts\n    module: Web\n    all: true\n    out: o\n",
        "tracktype.yaml:4:13",
        "`module` applies to Swift targets only",
        None,
    );
    rejects(
        "targets:\n  - name: web\n    lang: ts\n    sdk: analytics-nod\n    all: true\n    out: o\n",
        "tracktype.yaml:4:10",
        "unknown SDK `analytics-nod`",
        Some("did you mean `analytics-node`?"),
    );
    rejects(
        "targets:\n  - name: ios\n    lang: swift\n    sdk: analytics-swif\n    all: true\n    out: o\n",
        "tracktype.yaml:4:10",
        "unknown Swift SDK `analytics-swif`",
        Some("did you mean `analytics-swift`?"),
    );
    rejects(
        "targets:\n  - name: api\n    lang: rust\n    sdk: analytics-swift\n    all: true\n    out: o\n",
        "tracktype.yaml:4:10",
        "`sdk` applies to TypeScript and Swift targets only",
        None,
    );
    rejects(
        "targets:\n  - name: web\n    lang: ts\n    out: o\n",
        "tracktype.yaml:2:11",
        "target `web` selects no events",
        Some("add `use_cases`, `goals`, `events`, `plans` or `all: true`"),
    );
    rejects(
        "targets:\n  - name: a\n    lang: ts\n    all: true\n    out: sdk\n  - name: b\n    lang: ts\n    all: true\n    out: sdk/b\n",
        "tracktype.yaml:9:10",
        "the output of target `b` overlaps that of target `a`",
        None,
    );
    rejects(
        "targets:\n  - name: a\n    lang: ts\n    all: true\n    out: a\n  - name: a\n    lang: ts\n    all: true\n    out: b\n",
        "tracktype.yaml:6:11",
        "target `a` is defined twice",
        None,
    );
    rejects(
        "targets:\n  - name: web\n    lang: ts\n    use_cases: [mitigate-cart-abandonmnt]\n    out: o\n",
        "tracktype.yaml:4:17",
        "unknown use case `mitigate-cart-abandonmnt` in target `web`",
        Some("did you mean `mitigate-cart-abandonment`?"),
    );
    rejects(
        "targets: []\n",
        "tracktype.yaml:1:10",
        "the project has no targets",
        None,
    );
    rejects(
        "targets:\n  - name: \"web\n",
        "tracktype.yaml:2:11",
        "unclosed quote",
        None,
    );
    rejects(
        "# only a comment\n",
        "tracktype.yaml",
        "project file is empty",
        Some("run `tracktype init`"),
    );
}

#[test]
fn init_writes_a_starter_that_works_and_never_overwrites() {
    let dir = dir_with(&[]);
    let run = tracktype_in(Some(dir.path()), &["init"]).success();
    assert!(
        run.stdout.starts_with("wrote tracktype.yaml"),
        "{}",
        run.stdout
    );
    let starter = fs::read_to_string(dir.path().join("tracktype.yaml")).unwrap();
    assert!(starter.contains("use_cases: [mitigate-cart-abandonment]"));
    let run = tracktype_in(Some(dir.path()), &["gen"]).success();
    assert_eq!(run.stdout, "web: wrote src/tracking/index.ts\n");

    fs::write(dir.path().join("tracktype.yaml"), "mine\n").unwrap();
    let run = tracktype_in(Some(dir.path()), &["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("tracktype.yaml: error: already exists; not overwriting it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tracktype.yaml")).unwrap(),
        "mine\n"
    );
}

#[test]
fn completions_for_each_shell_and_a_manual_page() {
    let dir = dir_with(&[]);
    for (shell, marker) in [
        ("bash", "_tracktype()"),
        ("zsh", "#compdef tracktype"),
        ("fish", "complete -c tracktype"),
    ] {
        let run = tracktype_in(Some(dir.path()), &["completions", shell]).success();
        assert!(
            run.stdout.contains(marker),
            "{shell}: {}",
            &run.stdout[..run.stdout.len().min(200)]
        );
        assert!(
            run.stdout.contains("use-case"),
            "{shell} completes gen's flags"
        );
    }
    let run = tracktype_in(Some(dir.path()), &["man"]).success();
    assert!(
        run.stdout.contains(".TH tracktype"),
        "{}",
        &run.stdout[..200]
    );
    assert!(run.stdout.contains("gen"));
}
