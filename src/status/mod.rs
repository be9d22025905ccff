//! `tracktype status`: which selected events the code actually sends, per goal and use case.
//!
//! Sources are walked as git sees them ([`walk`]), parsed with tree-sitter grammars, and each
//! language's extractor ([`typescript`], [`rust`], [`swift`]) finds the calls of the generated
//! API: per-event methods, the generic `track`, and the rules that tie a receiver to the
//! generated module (documented on each extractor), and the identify and group calls the
//! generated API makes with typed traits. [`report`] turns the calls into the status of every
//! selected goal, use case and event; [`render`] writes it for people or tools.

mod api;
pub mod render;
mod report;
mod rust;
mod swift;
mod syntax;
mod typescript;
mod walk;

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::lang::Language;
use crate::model::{Catalog, TraitsCall};
use crate::select::Selection;

pub use api::Api;
pub use report::{EventStatus, GoalStatus, Stale, TargetStatus, TraitsStatus, UseCaseStatus};

/// One place in a source file: 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Site {
    /// The path as walked: the source directory joined with the file's path under it.
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// What a call of the generated API sends.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Called {
    /// An event of the selection, by wire name.
    Event(String),
    /// An event of the catalog that the selection does not contain, by wire name.
    Unselected(String),
    /// Something the generated API does not have: a per-event method, event type or event name
    /// the catalog does not know (an event removed from it), as written in the code.
    Unknown(String),
    /// An identify or group call, through the generated API's typed traits.
    Traits(TraitsCall),
}

/// One call of the generated API.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Call {
    pub site: Site,
    pub called: Called,
}

/// How the generated module is recognised in each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modules {
    /// TypeScript/JavaScript: import specifiers that name the generated module besides
    /// relative ones that resolve to a generated file (a path alias, a package name).
    pub ts_imports: Vec<String>,
    /// Rust: the module's name in paths (`use crate::tracking::Tracker`).
    pub rust: String,
    /// Swift: the module's name in `import Tracking`.
    pub swift: String,
}

impl Default for Modules {
    fn default() -> Self {
        Self {
            ts_imports: Vec::new(),
            rust: "tracking".into(),
            swift: "Tracking".into(),
        }
    }
}

/// What to check: a selection, in some languages, against source directories.
#[derive(Clone, Debug)]
pub struct Scope {
    /// The project target this is, if it is one.
    pub target: Option<String>,
    pub selection: Selection,
    pub languages: Vec<Language>,
    /// The directories to scan.
    pub sources: Vec<PathBuf>,
    pub modules: Modules,
}

/// Checks one scope: resolves the selection, scans its sources, and reports.
pub fn status(catalog: &Catalog, scope: &Scope) -> Result<TargetStatus> {
    for dir in &scope.sources {
        if dir.is_file() {
            return Err(
                Diagnostic::global(format!("`{}` is not a directory", dir.display()))
                    .with_hint("--src and `src:` name directories to scan")
                    .into(),
            );
        }
        if !dir.is_dir() {
            return Err(missing_source(dir).into());
        }
    }
    let events = scope.selection.resolve(catalog)?;
    let apis: Vec<Api> = scope
        .languages
        .iter()
        .map(|&language| Api::new(catalog, &events, &scope.selection, language, &scope.modules))
        .collect();
    let scan = walk::scan(&scope.sources, &apis);
    Ok(report::build(catalog, scope, &events, scan))
}

fn missing_source(dir: &std::path::Path) -> Diagnostic {
    let shown = dir.display().to_string();
    let siblings: Vec<String> = dir
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| std::fs::read_dir(p).ok())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hint = crate::suggest::did_you_mean(&name, &siblings)
        .unwrap_or_else(|| "give --src (or `src:` in tracktype.yaml) an existing directory".into());
    Diagnostic::global(format!("source directory `{shown}` does not exist")).with_hint(hint)
}

#[cfg(test)]
mod tests;
