//! Inputs the fuzz targets (`fuzz/`, see its README) found crashing, replayed through the same
//! entry points: `tests/data/fuzz-regressions/<target>/` holds one minimised input per bug.
//! The committed seeds run too, so each target has content even before it finds anything.
//! Each input must end, without a panic, in generated files or in an input error whose every
//! problem is located in the file and rendered as text.

use std::path::{Path, PathBuf};

use tracktype::diagnostic::Place;
use tracktype::error::Error;
use tracktype::in_memory;

use crate::support::root;

/// The files of the directories (relative to the repository root) that exist, sorted.
fn inputs(dirs: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if path.is_file() && !name.starts_with('.') && name != "README.md" {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// An error as the fuzz targets require it: an input error, naming `file` in every problem.
fn check_error(path: &Path, e: &Error, file: &str) {
    let message = format!("{e}");
    let shown = path.display();
    assert!(!message.trim().is_empty(), "{shown}: empty error message");
    let diagnostics = e
        .diagnostics()
        .unwrap_or_else(|| panic!("{shown}: not an input error: {message}"));
    for d in diagnostics.iter() {
        assert!(
            !matches!(d.place, Place::None),
            "{shown}: a problem that does not name the file:\n{}",
            d.render(false)
        );
    }
    assert!(
        message.contains(file),
        "{shown}: the error does not name {file}:\n{message}"
    );
}

/// Runs `check` on every input, each in its own unwinding scope, and fails with the list of
/// the inputs that panicked.
fn replay(dirs: &[&str], minimum: usize, check: impl Fn(&Path, &[u8])) {
    let files = inputs(dirs);
    assert!(
        files.len() >= minimum,
        "expected at least {minimum} inputs in {dirs:?}, found {}",
        files.len()
    );
    let mut failed = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let run = std::panic::AssertUnwindSafe(|| check(path, &bytes));
        if std::panic::catch_unwind(run).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "these inputs panicked: {failed:#?}");
}

/// The seeds `fuzz/run` starts the catalog and pipeline targets from.
const CATALOG_SEEDS: [&str; 5] = [
    "catalog",
    "catalog/events",
    "generated-examples/catalogs",
    "fuzz/seeds/catalog",
    "tests/data/malformed/catalog",
];

#[test]
fn catalog_inputs_load_or_fail_cleanly() {
    let mut dirs = vec!["tests/data/fuzz-regressions/catalog"];
    dirs.extend(CATALOG_SEEDS);
    replay(&dirs, 10, |path, bytes| {
        if let Err(e) = in_memory::load_catalog(bytes) {
            check_error(path, &e, "catalog.yaml");
        }
    });
}

#[test]
fn plan_inputs_load_or_fail_cleanly() {
    replay(
        &[
            "tests/data/fuzz-regressions/plan",
            "tests/data/plans",
            "fuzz/seeds/plan",
            "tests/data/malformed/plan",
        ],
        10,
        |path, bytes| {
            if let Err(e) = in_memory::load_plan(bytes) {
                check_error(path, &e, "plan.json");
            }
        },
    );
}

#[test]
fn pipeline_inputs_generate_the_same_files_twice_or_fail_cleanly() {
    let mut dirs = vec!["tests/data/fuzz-regressions/pipeline"];
    dirs.extend(CATALOG_SEEDS);
    replay(&dirs, 10, |path, bytes| match in_memory::pipeline(bytes) {
        Ok(files) => {
            assert!(!files.is_empty(), "{}: no files generated", path.display());
            let again = in_memory::pipeline(bytes).unwrap();
            assert!(files == again, "{}: a second run differs", path.display());
        }
        Err(e) => check_error(path, &e, "catalog.yaml"),
    });
}

/// The seeds that are whole catalogs must not just fail cleanly: they load and generate.
#[test]
fn the_self_contained_seeds_generate() {
    for path in inputs(&["fuzz/seeds/catalog"]) {
        let bytes = std::fs::read(&path).unwrap();
        let files =
            in_memory::pipeline(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!files.is_empty(), "{}", path.display());
    }
    for path in inputs(&["fuzz/seeds/plan", "tests/data/plans"]) {
        let bytes = std::fs::read(&path).unwrap();
        in_memory::load_plan(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
