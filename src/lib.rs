//! tracktype turns Segment's use cases and tracking plans into typed tracking SDKs for Rust,
//! TypeScript and Swift.
//!
//! One pipeline, one module per stage:
//!
//! 1. [`catalog`]: catalog files → load and validate → the typed [`model`] (the IR);
//! 2. [`select`]: goals, use cases and events → the events to generate;
//! 3. [`lang`]: per-language view models (names decided in Rust) → templates;
//! 4. [`writer`]: the generated files → disk, or a drift check.
//!
//! The command line (feature `cli`) and the build-script API ([`Config`]) are thin layers over
//! the same library.

pub mod catalog;
#[cfg(feature = "cli")]
pub mod cli;
mod config;
#[cfg(feature = "cli")]
pub mod describe;
pub mod diagnostic;
pub mod error;
#[doc(hidden)]
#[cfg(all(feature = "typescript", feature = "swift"))]
pub mod in_memory;
#[cfg(feature = "cli")]
pub mod json_schema;
pub mod lang;
pub mod layout;
pub mod limits;
pub mod model;
pub(crate) mod naming;
pub(crate) mod parallel;
pub mod plan;
#[cfg(any(feature = "typescript", feature = "swift"))]
pub(crate) mod pretty;
#[cfg(feature = "cli")]
pub mod project;
#[cfg(feature = "cli")]
pub mod protocols;
pub(crate) mod render;
pub mod select;
#[cfg(feature = "docs")]
pub mod site;
#[cfg(feature = "cli")]
pub mod status;
pub(crate) mod suggest;
pub(crate) mod work;
pub mod writer;
pub(crate) mod yaml;

pub use catalog::Sources;
pub use config::Config;
pub use error::{Error, Result};
pub use lang::{Contents, GeneratedFile, Language, Target, TsSdk};
pub use select::Selection;

use std::path::PathBuf;

/// The generator's version, as generated code reports it in `context.tracktype`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The files of one target, every input file they were generated from, and what the input
/// says that the files cannot express exactly.
#[derive(Clone, Debug)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// Catalog and plan files read from disk, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// Located warnings that concern this target's language.
    pub warnings: diagnostic::Diagnostics,
}

/// The whole pipeline short of writing: load and validate the catalog, select the events,
/// and generate the target's files.
pub fn generate(sources: &Sources, selection: &Selection, target: &Target) -> Result<Generated> {
    generate_holding(sources, selection, target).map(|(generated, _catalog)| generated)
}

/// [`generate`], also giving back the catalog the files were generated from, so that the
/// caller decides when it is freed (the command leaves it to the system as it exits).
pub(crate) fn generate_holding(
    sources: &Sources,
    selection: &Selection,
    target: &Target,
) -> Result<(Generated, model::Catalog)> {
    let loaded = catalog::load(sources)?;
    let events = selection.resolve(&loaded.catalog)?;
    let warnings = target_warnings(&loaded.warnings, target)?;
    let request = lang::Request {
        catalog: &loaded.catalog,
        events,
        selection: selection.describe(),
    };
    let files = lang::generate(&request, target)?;
    let generated = Generated {
        files,
        inputs: loaded.inputs,
        warnings,
    };
    Ok((generated, loaded.catalog))
}

/// The load's warnings that concern `target`. A pattern no regex engine of ours runs alike is
/// an error for a target that validates at run time (its check would differ between
/// languages), and nothing for one that does not (the pattern is documentation there).
pub fn target_warnings(
    warnings: &diagnostic::Diagnostics,
    target: &Target,
) -> Result<diagnostic::Diagnostics> {
    let (unrunnable, warnings): (Vec<_>, Vec<_>) = warnings
        .concerning(target.language())
        .0
        .into_iter()
        .partition(|w| w.validation);
    if target.validates() && !unrunnable.is_empty() {
        return Err(Error::Invalid(
            diagnostic::Diagnostics(unrunnable).denied_for_validation(),
        ));
    }
    Ok(diagnostic::Diagnostics(warnings))
}
