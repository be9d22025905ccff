//! The build-script API: generate the Rust module at build time, as prost-build does.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), tracktype::Error> {
//!     tracktype::Config::new()
//!         .use_case("mitigate-cart-abandonment")
//!         .catalog("tracking/acme.yaml")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod tracking {
//!     include!(concat!(env!("OUT_DIR"), "/tracking.rs"));
//! }
//! ```

use std::path::{Path, PathBuf};

use crate::catalog::Sources;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::lang::Target;
use crate::select::Selection;
use crate::writer;

/// What to generate and where. Every method adds to the selection; the selection is the union.
#[derive(Clone, Debug, Default)]
pub struct Config {
    selection: Selection,
    sources: Sources,
    file_name: Option<String>,
    out_dir: Option<PathBuf>,
    quiet: bool,
    deny_warnings: bool,
    /// `Some(false)` when validation is turned off; on by default.
    validate: Option<bool>,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Generates the events of a use case (by slug or name).
    pub fn use_case(&mut self, use_case: impl Into<String>) -> &mut Self {
        self.selection.use_cases.push(use_case.into());
        self
    }

    /// Generates the events of every use case of a goal.
    pub fn goal(&mut self, goal: impl Into<String>) -> &mut Self {
        self.selection.goals.push(goal.into());
        self
    }

    /// Generates an event, by its exact name.
    pub fn event(&mut self, event: impl Into<String>) -> &mut Self {
        self.selection.events.push(event.into());
        self
    }

    /// Generates every event of the catalog.
    pub fn all_events(&mut self) -> &mut Self {
        self.selection.all = true;
        self
    }

    /// Adds a catalog file or directory that extends the embedded catalog.
    pub fn catalog(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.sources.catalogs.push(path.as_ref().to_owned());
        self
    }

    /// Adds a Segment tracking plan (JSON, Config-API or Public-API format). With no other
    /// selection, the plan's events are generated.
    pub fn plan(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.sources.plans.push(path.as_ref().to_owned());
        self
    }

    /// Leaves out the embedded catalog.
    pub fn skip_default_catalog(&mut self) -> &mut Self {
        self.sources.skip_embedded = true;
        self
    }

    /// The generated file's name [default: `tracking.rs`].
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Where to write [default: the build script's `OUT_DIR`].
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Prints no `cargo:` instructions (for use outside a build script).
    pub fn quiet(&mut self) -> &mut Self {
        self.quiet = true;
        self
    }

    /// Makes warnings (what the catalog or plan says that the generated Rust cannot keep
    /// exactly) errors: `generate` fails and writes nothing. Without it, each warning is
    /// printed as a `cargo:warning`.
    pub fn deny_warnings(&mut self, deny: bool) -> &mut Self {
        self.deny_warnings = deny;
        self
    }

    /// Whether the generated module validates each event at run time (`Event::validate`, and
    /// the tracker before sending) [default: true]. With a `pattern` in the catalog, validating
    /// code needs the `regex` crate; off generates no validation code at all.
    pub fn validate(&mut self, on: bool) -> &mut Self {
        self.validate = Some(on);
        self
    }

    /// Generates the module and writes it if it changed, printing `cargo:rerun-if-changed`
    /// for every catalog file it read. Returns the path of the generated file.
    pub fn generate(&self) -> Result<PathBuf> {
        let mut selection = self.selection.clone();
        selection.plan_events = selection.is_empty() && !self.sources.plans.is_empty();
        if selection.is_empty() {
            return Err(Diagnostic::global("tracktype::Config selects no events")
                .with_hint(
                    "call .use_case(...), .goal(...), .event(...), .plan(...) or .all_events()",
                )
                .into());
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::from(Diagnostic::global("OUT_DIR is not set").with_hint(
                        "run from a build script, or set a directory with .out_dir(...)",
                    ))
                })?,
        };
        let file_name = self
            .file_name
            .clone()
            .unwrap_or_else(|| "tracking.rs".to_owned());
        let target = Target::Rust {
            file_name: file_name.clone(),
            included: true,
            validate: self.validate.unwrap_or(true),
        };
        // Rerun when the inputs change, even if they are invalid now and fixed later.
        if !self.quiet {
            for line in self.cargo_instructions() {
                println!("{line}");
            }
        }
        let generated = crate::generate(&self.sources, &selection, &target)?;
        if self.deny_warnings && !generated.warnings.is_empty() {
            return Err(Error::Invalid(generated.warnings.denied()));
        }
        if !self.quiet {
            for warning in generated.warnings.iter() {
                // Cargo shows one line per instruction: the message, located, and its hint.
                let hint = warning
                    .hint
                    .as_deref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                let place = match warning.loc() {
                    Some(loc) => format!("{loc}: "),
                    None => String::new(),
                };
                println!("cargo:warning={place}{}{hint}", warning.message);
            }
        }
        writer::write_files(&out_dir, &generated.files, false)?;
        Ok(out_dir.join(file_name))
    }

    /// What `generate` tells Cargo: rerun when a catalog file or directory changes, or, with
    /// the embedded catalog alone, only when the build script does.
    pub fn cargo_instructions(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .sources
            .catalogs
            .iter()
            .chain(&self.sources.plans)
            .map(|p| format!("cargo:rerun-if-changed={}", p.display()))
            .collect();
        if lines.is_empty() {
            lines.push("cargo:rerun-if-changed=build.rs".to_owned());
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_into_the_directory_and_leaves_an_unchanged_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = Config::new()
            .use_case("mitigate-cart-abandonment")
            .out_dir(dir.path())
            .quiet()
            .generate()
            .unwrap();
        assert_eq!(path, dir.path().join("tracking.rs"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("// @generated by tracktype"));
        assert!(text.contains("pub struct OrderCompleted"));
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        Config::new()
            .use_case("mitigate-cart-abandonment")
            .out_dir(dir.path())
            .quiet()
            .generate()
            .unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
    }

    #[test]
    fn tells_cargo_to_rerun_when_a_catalog_changes() {
        let mut config = Config::new();
        assert_eq!(
            config.cargo_instructions(),
            ["cargo:rerun-if-changed=build.rs"]
        );
        config
            .catalog("tracking/acme.yaml")
            .catalog("tracking/more");
        assert_eq!(
            config.cargo_instructions(),
            [
                "cargo:rerun-if-changed=tracking/acme.yaml",
                "cargo:rerun-if-changed=tracking/more"
            ]
        );
    }

    #[test]
    fn errors_are_located_and_readable_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("acme.yaml");
        std::fs::write(&bad, "events:\n  - name: Order Completed\n    properties:\n      - name: x\n        type: strng\n").unwrap();
        let err = Config::new()
            .use_case("mitigate-cart-abandonment")
            .catalog(&bad)
            .out_dir(dir.path())
            .quiet()
            .generate()
            .unwrap_err();
        let text = format!("{err}");
        assert!(
            text.contains("acme.yaml:5:15: error: unknown type `strng`"),
            "{text}"
        );
        assert!(text.contains("hint: did you mean `string`?"), "{text}");
        assert_eq!(
            format!("{err:?}"),
            text,
            "Debug, which `main` prints, reads the same"
        );
        assert!(
            !dir.path().join("tracking.rs").exists(),
            "nothing is written"
        );

        let err = Config::new().out_dir(dir.path()).generate().unwrap_err();
        assert!(err.to_string().contains("selects no events"), "{err}");
    }
}
