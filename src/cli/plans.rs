//! `tracktype import` and `tracktype export`: Segment tracking plans in and out.

use std::path::{Path, PathBuf};

use crate::catalog::{self, Sources};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::lang::GeneratedFile;
use crate::plan;
use crate::select::Selection;
use crate::writer;
use crate::yaml;

use super::{InputArgs, Outcome};

/// Converts a plan into a catalog file whose events replace the embedded catalog's, so that
/// generating from it gives the same code as generating from the plan.
pub fn import(plan_path: &Path, output: Option<&Path>, deny_warnings: bool) -> Result<Outcome> {
    let shown = plan_path.display().to_string();
    let file = yaml::read_source(plan_path, &shown)?;
    let imported = plan::import::read(&file)?;
    // The plan must also be a valid catalog (no cycles among its definitions, ...); what it
    // says that some language cannot keep concerns the catalog written here too.
    let loaded = catalog::load(&Sources {
        plans: vec![plan_path.to_owned()],
        ..Sources::default()
    })?;
    let warnings = super::settle(loaded.warnings, deny_warnings)?;
    let doc = imported.document;
    let format_name = imported.format.describe();
    let yaml = serde_saphyr::to_string(&doc)
        .map_err(|e| Error::Internal(format!("cannot write YAML: {e}")))?;
    let name = plan_path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let text = format!(
        "# Imported by tracktype {} from {name}, a {format_name} tracking plan.\n\
         # Its events and types replace the embedded catalog's of the same name (`replace: true`).\n\n{yaml}",
        crate::VERSION
    );
    emit(text, output).map(|o| o.with_warnings(warnings))
}

/// Writes the selected events as Public-API TRACK rules.
pub fn export(
    inputs: &InputArgs,
    mut selection: Selection,
    output: Option<&Path>,
) -> Result<Outcome> {
    selection.plan_events = selection.is_empty() && !inputs.plans.is_empty();
    if selection.is_empty() {
        return Err(Diagnostic::global("nothing selected to export")
            .with_hint("choose with --use-case SLUG, --goal SLUG, --event \"Event Name\" or --all")
            .into());
    }
    let (doc, warnings) = selected_rules(&inputs.sources(), &selection, inputs.deny_warnings)?;
    emit(super::list::json_text(&doc), output).map(|o| o.with_warnings(warnings))
}

/// The Public-API rules of the selected events, as `export` writes them and `push` sends them,
/// and the warnings that concern every language.
pub(super) fn selected_rules(
    sources: &Sources,
    selection: &Selection,
    deny_warnings: bool,
) -> Result<(serde_json::Value, Diagnostics)> {
    let loaded = catalog::load(sources)?;
    let warnings = super::settle(loaded.warnings.concerning(None), deny_warnings)?;
    let events = selection.resolve(&loaded.catalog)?;
    Ok((plan::export::rules(&loaded.catalog, &events)?, warnings))
}

/// Prints `text`, or writes it to `output` the way generated files are written.
fn emit(text: String, output: Option<&Path>) -> Result<Outcome> {
    let Some(path) = output else {
        return Ok(Outcome::ok(text));
    };
    write_file(path, text)?;
    Ok(Outcome::ok(format!("wrote {}\n", path.display())))
}

/// Writes one file the way generated files are written: through a temporary file, and not at
/// all when it already holds `text`. Returns whether it was written.
pub(super) fn write_file(path: &Path, text: String) -> Result<bool> {
    let (dir, file) = single_file(path, text)?;
    let report = writer::write_files(&dir, &[file], false)?;
    Ok(!report.written.is_empty())
}

/// How one file on disk differs from `text`, if it does.
pub(super) fn check_file(path: &Path, text: String) -> Result<Option<writer::Drift>> {
    let (dir, file) = single_file(path, text)?;
    Ok(writer::check_files(&dir, &[file]).into_iter().next())
}

/// A path as the writer takes it: a directory, and a file in it.
fn single_file(path: &Path, contents: String) -> Result<(PathBuf, GeneratedFile)> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().map(PathBuf::from).ok_or_else(|| {
        Error::from(Diagnostic::global(format!(
            "`{}` is not a file name",
            path.display()
        )))
    })?;
    Ok((
        dir.to_owned(),
        GeneratedFile {
            path: name,
            contents: contents.into(),
        },
    ))
}
