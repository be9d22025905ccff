//! What the browser tests share: the npm project of `tests/browser` (puppeteer-core, esbuild,
//! analytics-next, mermaid), installed once, and Debian's Chromium.

use crate::support::{npm_ci_unless_installed, require_tool, root};
use std::path::{Path, PathBuf};

/// The browser test project: its package.json, the shared Chromium launcher and the drivers.
pub fn project() -> PathBuf {
    root().join("tests/browser")
}

/// `npm ci`, if the project is not installed yet or was installed before one of its
/// dependencies was added.
pub fn ensure_node_modules(npm: &Path) {
    npm_ci_unless_installed(
        npm,
        &project(),
        &[
            "puppeteer-core",
            "esbuild",
            "@segment/analytics-next",
            "mermaid",
        ],
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
