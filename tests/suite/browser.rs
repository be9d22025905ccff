//! What the browser tests share: the npm project of `tests/browser` (puppeteer-core, esbuild,
//! analytics-next, mermaid), installed once, and Debian's Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use crate::support::{require_tool, root, run_ok};

/// The browser test project: its package.json, the shared Chromium launcher and the drivers.
pub fn project() -> PathBuf {
    root().join("tests/browser")
}

/// `npm ci` once, if the project is not installed yet (CI installs it first), or was installed
/// before one of its dependencies was added.
pub fn ensure_node_modules(npm: &Path) {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let installed = [
        "puppeteer-core",
        "esbuild",
        "@segment/analytics-next",
        "mermaid",
    ]
    .iter()
    .all(|package| project().join("node_modules").join(package).is_dir());
    if installed {
        return;
    }
    run_ok(
        Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PUPPETEER_SKIP_DOWNLOAD", "1")
            .current_dir(project()),
        "npm ci in tests/browser",
    );
}

/// Chromium from $CHROMIUM or Debian's package, or a skip (a failure in CI).
#[track_caller]
pub fn chromium(purpose: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    require_tool("chromium", &[PathBuf::from("/usr/bin")], purpose)
}
