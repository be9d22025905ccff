//! Stage 1 of the pipeline: catalog files → validated [`Catalog`].
//!
//! The embedded catalog comes first; user catalog files and directories (`--catalog`) extend
//! and change it, by the rules in [`layer`].

pub mod embedded;
mod layer;
pub(crate) mod raw;
mod resolve;
mod typing;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::error::{Error, Result};
use crate::limits;
use crate::model::{Catalog, slug};
use crate::yaml;

pub use layer::Meeting;
pub use resolve::{BUILTIN_TYPES, CALLS, FORMATS};

use layer::Layer;
use raw::RawDocument;

/// Where to read the catalog from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// Leave out the embedded catalog (for teams that only use their own files or plans).
    pub skip_embedded: bool,
    /// User catalog files, or directories searched for `*.yaml` and `*.yml` files.
    pub catalogs: Vec<PathBuf>,
    /// Segment tracking plans (JSON, Config-API or Public-API format). Their events replace
    /// the embedded catalog's of the same name; user catalogs may still extend them.
    pub plans: Vec<PathBuf>,
}

/// A loaded catalog, the files it was read from, and what it could not keep exactly.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub catalog: Catalog,
    /// Every file and directory read from disk, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// Located warnings: constructs the generated code cannot express exactly. Each says
    /// which languages it concerns (none: all of them).
    pub warnings: Diagnostics,
}

/// Loads, merges and validates the catalog. All problems are reported at once.
pub fn load(sources: &Sources) -> Result<Loaded> {
    let mut diags = Diagnostics::default();
    let mut inputs = Vec::new();

    let mut plans = Vec::new();
    for (path, name) in sorted_files(
        sources
            .plans
            .iter()
            .map(|p| (p.clone(), p.display().to_string())),
    ) {
        inputs.push(path.clone());
        match yaml::read_source(&path, &name) {
            Ok(file) => plans.push(file),
            Err(d) => diags.push(d),
        }
    }

    let mut catalogs = Vec::new();
    for (path, name) in user_files(&sources.catalogs, &mut inputs, &mut diags) {
        match yaml::read_source(&path, &name) {
            Ok(file) => catalogs.push(file),
            Err(d) => diags.push(d),
        }
    }

    let (catalog, warnings) = assemble(!sources.skip_embedded, &plans, &catalogs, diags)?;
    Ok(Loaded {
        catalog,
        inputs,
        warnings,
    })
}

/// Loads, merges and validates catalog files already in memory, in the order given (the
/// caller sorts them). `diags` holds problems found while reading them. Returns the catalog
/// and the warnings, deduplicated.
pub(crate) fn assemble(
    with_embedded: bool,
    plans: &[Arc<SourceFile>],
    catalogs: &[Arc<SourceFile>],
    mut diags: Diagnostics,
) -> Result<(Catalog, Diagnostics)> {
    let base_docs = if with_embedded {
        embedded::FILES
            .iter()
            .filter_map(|(path, text)| {
                parse(
                    &SourceFile::new(format!("{}{path}", embedded::NAME_PREFIX), *text),
                    &mut diags,
                    &mut 0,
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut layer = Layer::collect(base_docs, Meeting::Forbidden, &mut diags);
    let base_goals = layer.goals.len();
    let base_use_cases = layer.use_cases.len();

    let mut plan_docs = Vec::new();
    for file in plans {
        match crate::plan::import::read(file) {
            Ok(imported) => {
                diags.extend(imported.warnings);
                plan_docs.push(imported.document);
            }
            Err(d) => diags.extend(d),
        }
    }
    let plans = Layer::collect(plan_docs, Meeting::Identical, &mut diags);
    let plan_events: std::collections::BTreeSet<String> = plans.events.keys().cloned().collect();
    layer.absorb(plans, Meeting::Replace, &mut diags);

    // Problems so far that stop resolution: with only unknown keys (set aside), resolving the
    // rest still finds what else is wrong, in the same run.
    let mut recovered = 0;
    let blocking_before = diags.iter().filter(|d| !d.is_warning()).count();
    let user_docs = catalogs
        .iter()
        .filter_map(|file| parse(file, &mut diags, &mut recovered))
        .collect();
    let user = Layer::collect(user_docs, Meeting::Agree, &mut diags);
    layer.absorb(user, Meeting::Override, &mut diags);

    // Additions are ordered by slug, so the order of files and entries changes nothing.
    layer.goals[base_goals..].sort_by_cached_key(|g| slug(&g.name.value));
    layer.use_cases[base_use_cases..].sort_by_cached_key(|u| slug(&u.name.value));

    let errors = diags.iter().filter(|d| !d.is_warning()).count();
    let mut warnings = diags.take_warnings();
    if blocking_before > 0 || errors > blocking_before + recovered {
        return Err(Error::Invalid(diags));
    }
    let mut catalog = resolve::resolve(layer, &mut diags);
    warnings.extend(diags.take_warnings());
    if !diags.is_empty() {
        return Err(Error::Invalid(diags));
    }
    for event in &mut catalog.events {
        event.from_plan = plan_events.contains(&event.name);
    }
    Ok((catalog, warnings.deduplicated()))
}

/// Parses a catalog file. An unknown key does not stop the file: it is reported, its lines are
/// set aside, and the rest is read on, so that one run reports every unknown key and then
/// what resolving the rest finds (an unknown type, an unknown event). `recovered` counts the
/// unknown keys set aside.
fn parse(
    file: &Arc<SourceFile>,
    diags: &mut Diagnostics,
    recovered: &mut usize,
) -> Option<RawDocument> {
    let mut current = Arc::clone(file);
    loop {
        match parse_once(&current, diags, Arc::ptr_eq(&current, file)) {
            Ok(doc) => return doc,
            Err(d) => {
                let text = (*recovered < limits::MAX_ERRORS_SHOWN)
                    .then(|| d.loc().and_then(|loc| without_key(&current.text, loc)))
                    .flatten();
                diags.push(d);
                let text = text?;
                *recovered += 1;
                current = SourceFile::new(current.name.clone(), text);
            }
        }
    }
}

/// The text with the unknown key at `loc` and its value blanked out (line numbers kept), when
/// it is a key of a block mapping on a line of its own; `None` otherwise.
fn without_key(text: &str, loc: &crate::diagnostic::Loc) -> Option<String> {
    let index = usize::try_from(loc.line).ok()?.checked_sub(1)?;
    let column = usize::try_from(loc.column).ok()?.checked_sub(1)?;
    let lines: Vec<&str> = text.split('\n').collect();
    let line = lines.get(index)?;
    // Only spaces before the key: a key after `- ` starts a list item, which blanking would
    // change into another shape.
    if line.chars().take(column).any(|c| c != ' ') || line.chars().count() <= column {
        return None;
    }
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let mut end = index + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || indent(lines[end]) > column) {
        end += 1;
    }
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if (index..end).contains(&i) { "" } else { *l })
        .collect();
    Some(kept.join("\n"))
}

/// One attempt: `Ok(None)` for a file that is not a catalog at all, `Err` for an unknown key
/// (which [`parse`] may recover from).
fn parse_once(
    file: &Arc<SourceFile>,
    diags: &mut Diagnostics,
    first: bool,
) -> std::result::Result<Option<RawDocument>, Diagnostic> {
    // What is left once unknown keys are set aside may be nothing; that is not another problem.
    if !first && file.text.trim().is_empty() {
        return Ok(None);
    }
    if file.text.trim().is_empty()
        || file
            .text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        diags.push(Diagnostic::in_file(&file.name, "file is empty").with_hint(
            "a catalog file defines at least one of `events`, `types`, `use_cases` or `goals`",
        ));
        return Ok(None);
    }
    match yaml::from_yaml::<RawDocument>(file) {
        Ok(doc) => Ok(Some(doc)),
        Err(d) if d.message.starts_with("unknown key `") => Err(d),
        Err(mut d) => {
            if d.message.starts_with("expected a mapping") && d.loc().is_some_and(|l| l.line == 1) {
                d.hint = Some(
                    "a catalog file is a mapping with `events`, `types`, `use_cases` or `goals`"
                        .into(),
                );
            }
            diags.push(d);
            Ok(None)
        }
    }
}

/// The user's catalog files, directories expanded, sorted by canonical path so that the order
/// of `--catalog` flags changes nothing. Each comes with the name shown in messages.
fn user_files(
    paths: &[PathBuf],
    inputs: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for path in paths {
        inputs.push(path.clone());
        if path.is_dir() {
            let mut found = Vec::new();
            collect_yaml(path, &mut found, 0);
            if found.is_empty() {
                diags.push(Diagnostic::in_file(
                    path.display().to_string(),
                    "directory holds no catalog files (*.yaml or *.yml)",
                ));
            }
            if found.len() > limits::MAX_FILES_PER_DIRECTORY {
                diags.push(Diagnostic::in_file(
                    path.display().to_string(),
                    format!(
                        "directory holds more than {} catalog files",
                        limits::MAX_FILES_PER_DIRECTORY
                    ),
                ));
                continue;
            }
            files.extend(found.into_iter().map(|file| {
                let name = file.display().to_string();
                (file, name)
            }));
        } else {
            files.push((path.clone(), path.display().to_string()));
        }
    }
    sorted_files(files.into_iter())
}

/// Files sorted by canonical path, each once, so that the order of flags changes nothing.
fn sorted_files(files: impl Iterator<Item = (PathBuf, String)>) -> Vec<(PathBuf, String)> {
    let mut keyed: Vec<(PathBuf, PathBuf, String)> = files
        .map(|(path, name)| {
            (
                std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()),
                path,
                name,
            )
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed
        .into_iter()
        .map(|(_, path, name)| (path, name))
        .collect()
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 8 || out.len() > limits::MAX_FILES_PER_DIRECTORY {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_yaml(&path, out, depth + 1);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// The embedded catalog alone.
pub fn embedded() -> Result<Catalog> {
    load(&Sources::default()).map(|l| l.catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_lists_every_file_in_the_catalog_directory() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Vec::new();
        collect_yaml(&root.join("catalog"), &mut on_disk, 0);
        let mut on_disk: Vec<String> = on_disk
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = embedded::FILES
            .iter()
            .map(|(p, _)| (*p).to_owned())
            .collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }

    #[test]
    fn embedded_catalog_loads() {
        let catalog = embedded().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(catalog.goals.len(), 4);
        assert_eq!(catalog.use_cases.len(), 16);
        assert_eq!(catalog.events.len(), 15);
    }
}

#[cfg(test)]
mod schema_tests;
