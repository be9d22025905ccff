//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Cargo, at the repository root, for the suite's own builds (clippy, rustdoc, the random
/// catalogs' host), without this test binary's cargo variables ([`without_cargo_vars`]).
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    without_cargo_vars(&mut cmd).current_dir(root());
    cmd
}

/// Removes from `cmd`'s environment the variables cargo set for this test binary: a nested
/// cargo would pass them on to build scripts, and ring's reruns when `CARGO_MANIFEST_DIR`
/// changes, so ring, rustls, ureq and tracktype were compiled again mid-suite (about 25 s of a
/// cold CI run) and once more by the next `cargo test`. A shell the suite runs gets none of
/// them either, so that nothing it runs can come to depend on them.
pub fn without_cargo_vars(cmd: &mut Command) -> &mut Command {
    let this_crates = [
        "CARGO_MANIFEST_",
        "CARGO_PKG_",
        "CARGO_CRATE_",
        "CARGO_BIN_",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR",
        "CARGO_RUSTC_CURRENT_DIR",
    ];
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if this_crates.iter().any(|prefix| name.starts_with(prefix)) || name == "OUT_DIR" {
            cmd.env_remove(&*name);
        }
    }
    cmd
}

/// A finished `tracktype` run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(self.code, 0, "tracktype failed:\n{}", self.stderr);
        self
    }
}

/// Runs the `tracktype` binary in `dir` (the repository root when `None`).
pub fn tracktype_in(dir: Option<&Path>, args: &[&str]) -> Run {
    run(&mut command(dir, args))
}

/// The `tracktype` command, without colour, in `dir` (the repository root when `None`), for
/// a test to add environment variables to.
pub fn command(dir: Option<&Path>, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracktype"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("CI_TRACKTYPE_COLOR");
    cmd.current_dir(dir.unwrap_or_else(|| root()));
    cmd
}

pub fn run(cmd: &mut Command) -> Run {
    Run::from(cmd.output().expect("tracktype runs"))
}

pub fn tracktype(args: &[&str]) -> Run {
    tracktype_in(None, args)
}

/// A temporary directory holding the given files.
pub fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Whether the tests run in CI, where a missing toolchain is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Finds a command on PATH, or in `extra` directories.
pub fn find_tool(name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(extra.iter().cloned())
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// A toolchain the test needs: found, or the test is skipped with a message (failed in CI).
#[track_caller]
pub fn require_tool(name: &str, extra: &[PathBuf], purpose: &str) -> Option<PathBuf> {
    match find_tool(name, extra) {
        Some(path) => Some(path),
        None if in_ci() => {
            panic!("`{name}` is required in CI ({purpose}) but was not found on PATH")
        }
        None => {
            eprintln!("SKIPPED: `{name}` not found on PATH, so {purpose} did not run");
            None
        }
    }
}

/// Runs a command to completion, panicking with its output if it fails.
#[track_caller]
/// `npm ci` in the npm project `project`, unless each of `installed` (paths under its
/// `node_modules`) is there: CI installs first, and a dependency added since reinstalls. One
/// install at a time, as tests run in parallel.
pub fn npm_ci_unless_installed(npm: &Path, project: &Path, installed: &[&str]) {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let modules = project.join("node_modules");
    if installed.iter().all(|path| modules.join(path).exists()) {
        return;
    }
    run_ok(
        Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            // The browser tests drive Debian's Chromium; none is downloaded.
            .env("PUPPETEER_SKIP_DOWNLOAD", "1")
            .current_dir(project),
        &format!("npm ci in {}", project.display()),
    );
}

pub fn run_ok(cmd: &mut Command, what: &str) -> String {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    stdout
}

/// A command running `binary`, which `swiftc` linked: in the chroot of this team's Swift
/// wrappers (`../shared/tools`) when `swiftc` is one of them, as what they link runs only there.
pub fn swift_binary(swiftc: &Path, binary: &Path) -> Command {
    let chroot = swiftc
        .canonicalize()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("swift-chroot")))
        .filter(|p| p.is_file());
    match &chroot {
        Some(chroot) => {
            let mut c = Command::new(chroot);
            c.arg(binary);
            c
        }
        None => Command::new(binary),
    }
}

/// Typewriter's own test plans, read from `../shared` (never copied into the repository).
/// Without them the test is skipped with a message; in CI that is a failure.
#[track_caller]
pub fn typewriter_plans() -> Option<Vec<(&'static str, PathBuf)>> {
    let dir = root().join("../shared/fixtures/typewriter");
    if !dir.is_dir() {
        assert!(
            !in_ci(),
            "../shared/fixtures/typewriter is missing, and CI always has it"
        );
        eprintln!(
            "SKIPPED: ../shared/fixtures/typewriter not found, so Typewriter's plans were not tested"
        );
        return None;
    }
    Some(
        [
            ("v7", "plan-config-api-v7.json"),
            ("v1", "plan-v1.json"),
            ("public-api", "plan-public-api.json"),
        ]
        .into_iter()
        .map(|(name, file)| (name, dir.join(file)))
        .collect(),
    )
}

/// Our own fixture plans, one per format.
pub fn fixture_plans() -> Vec<(&'static str, PathBuf)> {
    vec![
        (
            "config-api",
            root().join("tests/data/plans/config-api.json"),
        ),
        (
            "public-api",
            root().join("tests/data/plans/public-api.json"),
        ),
        (
            "calls-public-api",
            root().join("tests/data/plans/calls-public-api.json"),
        ),
        (
            "calls-config-api",
            root().join("tests/data/plans/calls-config-api.json"),
        ),
        (
            "calls-rudderstack",
            root().join("tests/data/plans/calls-rudderstack.json"),
        ),
    ]
}

/// The calls Typewriter's end-to-end suite expects, in order (`tests/data/typewriter-e2e.json`).
pub fn typewriter_expected() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(root().join("tests/data/typewriter-e2e.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["calls"].as_array().unwrap().clone()
}

/// Asserts that `sent` (a JSON list of `{event, properties}`) is exactly what Typewriter expects.
#[track_caller]
pub fn assert_typewriter_calls(
    language: &str,
    sent: &serde_json::Value,
    expected: &[serde_json::Value],
) {
    let sent = sent
        .as_array()
        .unwrap_or_else(|| panic!("{language}: not a list: {sent}"));
    assert_eq!(
        sent.len(),
        expected.len(),
        "{language}: one event per call, and nothing else"
    );
    for (i, (got, want)) in sent.iter().zip(expected).enumerate() {
        assert_eq!(got, want, "{language}: call {i} ({})", want["event"]);
    }
}

pub fn path_of(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The validation corpus: properties of the events of `tests/data/validation/catalog.yaml` and
/// the violations each must yield, the same in every language.
pub fn validation_corpus() -> PathBuf {
    root().join("tests/data/validation/corpus.json")
}

/// `gen` arguments for the corpus's events, in a given language.
pub fn validation_gen_args(lang: &str, out: &Path) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "--catalog".into(),
        path_of(&root().join("tests/data/validation/catalog.yaml")),
        "gen".into(),
        "--lang".into(),
        lang.into(),
    ];
    for event in VALIDATION_EVENTS {
        args.extend(["--event".to_owned(), (*event).to_owned()]);
    }
    args.extend(["--out".to_owned(), path_of(out)]);
    args
}

/// The corpus's events.
pub const VALIDATION_EVENTS: &[&str] = &[
    "Strings Checked",
    "Formats Checked",
    "Numbers Checked",
    "Arrays Checked",
    "Objects Checked",
];

/// Checks a language's violations, one list per case in corpus order, against the corpus:
/// the same paths, keywords, expected constraints and offending values, in the same order.
/// Numbers compare by value (`140` and `140.0` are the same JSON number).
pub fn assert_validation_results(language: &str, results: &serde_json::Value) {
    let corpus: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(validation_corpus()).unwrap()).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    let results = results.as_array().expect("a list of results");
    assert_eq!(
        results.len(),
        cases.len(),
        "{language}: one result per case"
    );
    let mut failures = Vec::new();
    for (case, got) in cases.iter().zip(results) {
        if !same_json(&case["violations"], got) {
            failures.push(format!(
                "{} {}:\n  expected {}\n  got      {}",
                case["event"], case["properties"], case["violations"], got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{language} disagrees with the validation corpus:\n{}",
        failures.join("\n")
    );
}

fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
