//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracktype"));
    cmd.args(args).env("NO_COLOR", "1").env_remove("CI_TRACKTYPE_COLOR");
    cmd.current_dir(dir.unwrap_or_else(|| root()));
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

pub fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[allow(dead_code)]
pub fn join(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
