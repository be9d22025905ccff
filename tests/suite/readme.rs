//! Every code block of the README is tested, in order, as a newcomer would use it. The first
//! word of a block's fence is its language, the rest says how it is tested:
//!
//! - `sh`: run by bash (`-euo pipefail`) in one scratch directory shared by the whole page,
//!   with the `tracktype` this suite tests on `PATH`, and `plan.json` there (a copy of
//!   `tests/data/plans/config-api.json`, as the README says). `sh crate` runs in
//!   `tests/readme-host`, the crate made of the README's `Cargo.toml`, `build.rs` and
//!   `src/lib.rs`.
//! - `console`: `$ command` lines run the same way; the lines after each are its exact output.
//! - `yaml file=P`, `toml file=P`, `rust file=P`: the file `P` of the scratch directory, written
//!   before anything runs. The Rust crate's files must also be exactly those of
//!   `tests/readme-host` (a workspace member, so `cargo test --workspace` builds, lints and
//!   tests it), its path dependency on tracktype aside.
//! - `ts` (`dir=D`, default `src`): a module in `D` of the scratch directory, beside the
//!   `tracking` module the shell blocks generated there, type-checked by `tsc` under the
//!   strict options of `tests/typescript`, against the real Segment SDKs' types.
//! - `swift`: a program type-checked by `swiftc` in the Swift 6 mode, warnings as errors,
//!   against the package the shell blocks generated in `Tracking` and the `Segment` stand-in
//!   of `tests/swift`.
//! - `no-run: REASON` after the language: not run, and the reason is required.
//!
//! Any other block fails the test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{in_ci, root, run_ok};

/// One fenced block: its language, the rest of its fence, its text, and its line.
#[derive(Debug)]
struct Block {
    lang: String,
    info: String,
    body: String,
    line: usize,
}

impl Block {
    fn attr(&self, key: &str) -> Option<&str> {
        self.info
            .split_whitespace()
            .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
    }

    fn no_run(&self) -> Option<&str> {
        self.info
            .trim()
            .strip_prefix("no-run:")
            .map(str::trim)
            .filter(|r| !r.is_empty())
    }

    fn at(&self) -> String {
        format!("README.md:{} (```{}{})", self.line, self.lang, self.info)
    }
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(fence)) => {
                let (lang, info) = fence.split_once(' ').unwrap_or((fence, ""));
                open = Some(Block {
                    lang: lang.to_owned(),
                    info: info.to_owned(),
                    body: String::new(),
                    line: i + 1,
                });
            }
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some(block), _) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md: a fence is not closed");
    blocks
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// A bash running in `dir` with `tracktype` first on `PATH`.
fn bash(dir: &Path, bin: &Path, script: &str) -> Command {
    let mut cmd = Command::new("bash");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.to_owned()];
    paths.extend(std::env::split_paths(&path));
    crate::support::without_cargo_vars(&mut cmd);
    cmd.args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", std::env::join_paths(paths).unwrap())
        .env("NO_COLOR", "1");
    cmd
}

/// A scratch directory, with a `bin` holding `tracktype`.
fn scratch() -> (PathBuf, PathBuf) {
    let base = root().join("target/tracktype-tests/readme");
    let _ = std::fs::remove_dir_all(&base);
    let (dir, bin) = (base.join("work"), base.join("bin"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_tracktype"), bin.join("tracktype")).unwrap();
    std::fs::copy(
        root().join("tests/data/plans/config-api.json"),
        dir.join("plan.json"),
    )
    .unwrap();
    (dir, bin)
}

#[test]
fn every_readme_block_is_tested_and_passes() {
    let blocks = blocks(&readme());
    let (dir, bin) = scratch();
    let readme_host = root().join("tests/readme-host");
    let mut files: BTreeMap<String, &Block> = BTreeMap::new();
    let mut ts = Vec::new();
    let mut swift = Vec::new();
    let mut runs = Vec::new();
    for block in &blocks {
        if let Some(_reason) = block.no_run() {
            continue;
        }
        match block.lang.as_str() {
            "yaml" | "toml" | "rust" => {
                let path = block
                    .attr("file")
                    .unwrap_or_else(|| panic!("{}: a file block needs file=PATH", block.at()));
                assert!(
                    files.insert(path.to_owned(), block).is_none(),
                    "{}",
                    block.at()
                );
            }
            "sh" | "console" => runs.push(block),
            "ts" => ts.push(block),
            "swift" => swift.push(block),
            _ => panic!(
                "{}: not tested; say how it is tested, or `no-run: why`",
                block.at()
            ),
        }
    }
    for (path, block) in &files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &block.body).unwrap();
    }
    // The crate the Rust blocks describe is tests/readme-host, a workspace member.
    for (path, block) in &files {
        let in_crate =
            matches!(block.lang.as_str(), "rust" | "toml") || path == "tracking/acme.yaml";
        if !in_crate {
            continue;
        }
        let committed = std::fs::read_to_string(readme_host.join(path))
            .unwrap_or_else(|e| panic!("tests/readme-host/{path}: {e}"));
        let expected = block
            .body
            .replace("path = \"../tracktype\"", "path = \"../..\"");
        assert_eq!(
            committed,
            expected,
            "tests/readme-host/{path} is not the README's block at {}",
            block.at()
        );
    }

    for block in runs {
        if block.lang == "console" {
            console(block, &dir, &bin);
            continue;
        }
        let at = if block.info.split_whitespace().any(|w| w == "crate") {
            readme_host.clone()
        } else {
            dir.clone()
        };
        run_ok(&mut bash(&at, &bin, &block.body), &block.at());
    }

    typecheck_ts(&ts, &dir);
    typecheck_swift(&swift, &dir);
}

fn console(block: &Block, dir: &Path, bin: &Path) {
    let mut command: Option<&str> = None;
    let mut expected = String::new();
    let check = |command: Option<&str>, expected: &mut String| {
        if let Some(command) = command {
            let out = bash(dir, bin, &format!("{command} 2>&1 || true"))
                .output()
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                *expected,
                "{}: the output of `{command}`",
                block.at()
            );
        }
        expected.clear();
    };
    for line in block.body.lines() {
        if let Some(next) = line.strip_prefix("$ ") {
            check(command, &mut expected);
            command = Some(next);
        } else {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    check(command, &mut expected);
}

fn typecheck_ts(blocks: &[&Block], dir: &Path) {
    assert!(!blocks.is_empty(), "the README shows TypeScript");
    if crate::typescript::node_with_packages("the README's TypeScript blocks").is_none() {
        return;
    }
    let project = root().join("tests/typescript");
    std::os::unix::fs::symlink(project.join("node_modules"), dir.join("node_modules")).unwrap();
    let mut include = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let file = format!("{}/readme_{}.ts", block.attr("dir").unwrap_or("src"), i);
        assert!(
            dir.join(&file)
                .parent()
                .unwrap()
                .join("tracking/index.ts")
                .is_file(),
            "{}: a shell block above generates the module it imports",
            block.at()
        );
        std::fs::write(dir.join(&file), &block.body).unwrap();
        include.push(file);
    }
    let tsconfig: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("tsconfig.json")).unwrap())
            .unwrap();
    let mut options = tsconfig["compilerOptions"].clone();
    let options_map = options.as_object_mut().unwrap();
    options_map.remove("rootDir");
    options_map.remove("outDir");
    options_map.insert("noEmit".into(), true.into());
    let config = serde_json::json!({ "compilerOptions": options, "files": include });
    std::fs::write(dir.join("tsconfig.json"), config.to_string()).unwrap();
    run_ok(
        Command::new(project.join("node_modules/.bin/tsc"))
            .args(["-p", "tsconfig.json"])
            .current_dir(dir),
        "tsc on the README's TypeScript blocks",
    );
}

fn typecheck_swift(blocks: &[&Block], dir: &Path) {
    use crate::swift::{SWIFT_6_STRICT, emit_module, swift_files, swift_tool};
    assert!(!blocks.is_empty(), "the README shows Swift");
    let Some(swiftc) = swift_tool("swiftc") else {
        return;
    };
    let modules = dir.join(".swift-modules");
    std::fs::create_dir_all(&modules).unwrap();
    let sources = dir.join("Tracking/Sources/Tracking");
    assert!(
        sources.is_dir(),
        "a shell block above generates the Tracking package"
    );
    // The package is generated for analytics-swift: its module imports Segment.
    emit_module(
        &swiftc,
        "Segment",
        &swift_files(&root().join("tests/swift/Segment")),
        &modules,
    );
    emit_module(&swiftc, "Tracking", &swift_files(&sources), &modules);
    for (i, block) in blocks.iter().enumerate() {
        let file = dir.join(format!("readme_{i}/main.swift"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &block.body).unwrap();
        run_ok(
            Command::new(&swiftc)
                .arg("-typecheck")
                .args(SWIFT_6_STRICT)
                .arg("-I")
                .arg(&modules)
                .arg(&file),
            &block.at(),
        );
    }
}

/// The README's first command is `cargo run -- ` and the arguments of its first block, which
/// the test above runs with the binary `cargo run` builds; what it writes is ignored by git.
#[test]
fn the_first_command_is_the_first_block_and_its_output_is_ignored_by_git() {
    let blocks = blocks(&readme());
    let first = blocks[0].body.trim();
    let two = blocks
        .iter()
        .find(|b| b.body.contains("cargo test --workspace"))
        .expect("the two commands");
    let main = two.body.lines().next().unwrap();
    let args = main
        .strip_prefix("cargo run -- ")
        .and_then(|rest| rest.split("   #").next())
        .expect("the main job runs through cargo run");
    assert_eq!(format!("tracktype {}", args.trim()), first);
    if Command::new("git").arg("--version").output().is_err() {
        assert!(!in_ci(), "git is required in CI");
        return;
    }
    let out = Command::new("git")
        .args(["check-ignore", "-q", "generated/typescript/index.ts"])
        .current_dir(root())
        .status()
        .unwrap();
    assert!(out.success(), "generated/ is in .gitignore");
}

#[test]
fn blocks_are_read_with_their_fences() {
    let md = "text\n```sh no-run: why\nx\n```\n\n```yaml file=a.yaml\nk: v\n```\n";
    let found = blocks(md);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].no_run(), Some("why"));
    assert_eq!(found[1].attr("file"), Some("a.yaml"));
    assert_eq!(found[1].body, "k: v\n");
    assert_eq!(found[1].line, 6);
}
