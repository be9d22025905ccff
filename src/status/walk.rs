//! Finding and parsing the sources: walked as git sees them, parsed in parallel, one parser per
//! grammar per thread.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ignore::{WalkBuilder, WalkState};
use tree_sitter::{Language as Grammar, Parser};

use crate::lang::Language;
use crate::project::normalize;
use crate::writer::MARKER;

use super::api::Api;
use super::syntax::Source;
use super::typescript::TsFile;
use super::{Call, rust, swift, typescript};

/// Directories never scanned, ignored or not: dependencies and build output.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target", ".build"];

/// Larger files are skipped and reported: they are bundles or generated data, not sources.
const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// How far into a file tracktype's header is looked for.
const HEADER_BYTES: usize = 512;

/// The grammar a file is parsed with, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    TypeScript,
    Tsx,
    JavaScript,
    Rust,
    Swift,
}

impl Kind {
    fn of(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?;
        // Declaration files describe code; they call nothing.
        if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
            return None;
        }
        match path.extension()?.to_str()? {
            "ts" | "mts" | "cts" => Some(Kind::TypeScript),
            "tsx" => Some(Kind::Tsx),
            "js" | "jsx" | "mjs" | "cjs" => Some(Kind::JavaScript),
            "rs" => Some(Kind::Rust),
            "swift" => Some(Kind::Swift),
            _ => None,
        }
    }

    fn language(self) -> Language {
        match self {
            Kind::TypeScript | Kind::Tsx | Kind::JavaScript => Language::TypeScript,
            Kind::Rust => Language::Rust,
            Kind::Swift => Language::Swift,
        }
    }

    fn grammar(self) -> Grammar {
        match self {
            Kind::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Kind::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Kind::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Kind::Rust => tree_sitter_rust::LANGUAGE.into(),
            Kind::Swift => tree_sitter_swift::LANGUAGE.into(),
        }
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Scan {
    pub calls: Vec<Call>,
    /// Source files read.
    pub files: usize,
    /// Files that could not be read or were too large, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// What one file gave.
enum Found {
    Calls(Vec<Call>),
    Ts(TsFile),
    /// A TypeScript file that names nothing known to make trackers: parsed only if another
    /// file's tracker turns out to be exported under a name it contains.
    Deferred(Kind, String),
    Generated,
    Skipped(String),
}

/// Walks `roots`, parses every source file of the APIs' languages, and returns their calls.
pub fn scan(roots: &[PathBuf], apis: &[Api]) -> Scan {
    let Some((first, rest)) = roots.split_first() else {
        return Scan::default();
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder
        // .gitignore applies whether or not the sources are a git checkout.
        .require_git(false)
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && SKIPPED_DIRS.contains(&entry.file_name().to_str().unwrap_or("")))
        });
    let (sender, receiver) = mpsc::channel::<(PathBuf, Found)>();
    builder.build_parallel().run(|| {
        let sender = sender.clone();
        let mut parsers = Parsers::default();
        Box::new(move |entry| {
            let Ok(entry) = entry else {
                return WalkState::Continue;
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return WalkState::Continue;
            }
            let path = entry.path();
            let Some((kind, api)) = Kind::of(path).and_then(|kind| {
                apis.iter()
                    .find(|a| a.language == kind.language())
                    .map(|api| (kind, api))
            }) else {
                return WalkState::Continue;
            };
            let found = visit(path, kind, api, &mut parsers);
            // The receiver outlives the walk; a send cannot fail before it ends.
            let _ = sender.send((path.to_owned(), found));
            WalkState::Continue
        })
    });
    drop(sender);
    collect(receiver.into_iter(), apis)
}

/// Puts the files' findings together in path order, so that output never depends on which
/// thread finished first, then resolves TypeScript names across files.
fn collect(found: impl Iterator<Item = (PathBuf, Found)>, apis: &[Api]) -> Scan {
    let by_path: BTreeMap<PathBuf, Found> = found.map(|(path, f)| (normalize(&path), f)).collect();
    let mut scan = Scan::default();
    let mut generated = HashSet::new();
    let mut ts_files = Vec::new();
    let mut deferred = Vec::new();
    for (path, found) in by_path {
        match found {
            Found::Calls(calls) => {
                scan.files += 1;
                scan.calls.extend(calls);
            }
            Found::Ts(file) => {
                scan.files += 1;
                ts_files.push(file);
            }
            Found::Deferred(kind, text) => {
                scan.files += 1;
                deferred.push((path, kind, text));
            }
            Found::Generated => {
                generated.insert(path);
            }
            Found::Skipped(reason) => scan.skipped.push((path, reason)),
        }
    }
    if let Some(api) = apis.iter().find(|a| a.language == Language::TypeScript) {
        parse_importers(&mut ts_files, deferred, &generated, api);
        ts_files.sort_by(|a, b| a.path().cmp(b.path()));
        scan.calls
            .extend(typescript::resolve(&ts_files, &generated, api));
    }
    scan.calls.sort();
    scan.calls.dedup();
    scan
}

/// Parses the deferred TypeScript files that may import a tracker: those whose text names a
/// file that exports one (its stem, or its directory for an `index` file), round after round
/// until no more do. A file that names none cannot import a tracker, so it is never parsed.
fn parse_importers(
    ts_files: &mut Vec<TsFile>,
    mut deferred: Vec<(PathBuf, Kind, String)>,
    generated: &HashSet<PathBuf>,
    api: &Api,
) {
    let mut searched: HashSet<String> = HashSet::new();
    loop {
        let terms: Vec<String> = typescript::exporters(ts_files, generated, api)
            .into_iter()
            .flat_map(|path| import_terms(&path))
            .filter(|t| searched.insert(t.clone()))
            .collect();
        if terms.is_empty() || deferred.is_empty() {
            return;
        }
        let (now, later): (Vec<_>, Vec<_>) = deferred
            .into_iter()
            .partition(|(_, _, text)| terms.iter().any(|t| text.contains(t.as_str())));
        deferred = later;
        ts_files.extend(parse_all(now));
    }
}

/// What an import of `path` must contain: the file's stem, or for an index file its
/// directory's name and the relative specifiers that reach a directory.
fn import_terms(path: &Path) -> Vec<String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem != "index" {
        return vec![stem];
    }
    let mut terms: Vec<String> = [
        "\".\"", "\"..\"", "'.'", "'..'", "\"./\"", "\"../\"", "'./'", "'../'",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    if let Some(dir) = path.parent().and_then(Path::file_name) {
        terms.push(dir.to_string_lossy().into_owned());
    }
    terms
}

/// Parses TypeScript files on every core, each thread with its own parsers.
fn parse_all(files: Vec<(PathBuf, Kind, String)>) -> Vec<TsFile> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut parsers = Parsers::default();
                    chunk
                        .iter()
                        .filter_map(|(path, kind, text)| {
                            let tree = parsers.get(*kind)?.parse(text.as_bytes(), None)?;
                            let source = Source { path, text };
                            Some(typescript::extract(&source, &tree, path.clone()))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker only panics on a bug in tree-sitter; its files are then not counted.
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    })
}

fn visit(path: &Path, kind: Kind, api: &Api, parsers: &mut Parsers) -> Found {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_SOURCE_BYTES => {
            return Found::Skipped(format!(
                "larger than {} MiB; a bundle or generated data, not a source",
                MAX_SOURCE_BYTES / (1024 * 1024)
            ));
        }
        Ok(_) => {}
        Err(e) => return Found::Skipped(e.to_string()),
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Found::Skipped(e.to_string()),
    };
    let head = &bytes[..bytes.len().min(HEADER_BYTES)];
    if String::from_utf8_lossy(head).contains(MARKER) {
        return Found::Generated;
    }
    // Invalid UTF-8 is replaced rather than refused: offsets then match the text parsed.
    let text = String::from_utf8_lossy(&bytes);
    // Locations read as the path was given, without `./`: `src/a.ts`, not `./src/a.ts`.
    let shown = normalize(path);
    // Most files never touch tracking: those that cannot are not parsed. A Rust or Swift file
    // that uses the module names it; a TypeScript file that makes a tracker names `Tracker`
    // (`createTracker`, the type) or a --ts-import specifier, and one that imports a tracker
    // is found by `parse_importers`. What counts is still decided on the syntax tree.
    let relevant = match kind.language() {
        Language::TypeScript => {
            TS_TERMS.iter().any(|t| text.contains(t))
                || api
                    .modules
                    .ts_imports
                    .iter()
                    .any(|t| text.contains(t.as_str()))
        }
        Language::Rust => text.contains(api.modules.rust.as_str()),
        Language::Swift => text.contains(api.modules.swift.as_str()),
    };
    if !relevant {
        return match kind.language() {
            Language::TypeScript => Found::Deferred(kind, text.into_owned()),
            Language::Rust | Language::Swift => Found::Calls(Vec::new()),
        };
    }
    let Some(tree) = parsers
        .get(kind)
        .and_then(|p| p.parse(text.as_bytes(), None))
    else {
        return Found::Skipped("the parser could not be loaded".into());
    };
    let source = Source {
        path: &shown,
        text: &text,
    };
    match kind.language() {
        Language::TypeScript => Found::Ts(typescript::extract(&source, &tree, shown.clone())),
        Language::Rust => Found::Calls(rust::calls(&source, &tree, api)),
        Language::Swift => Found::Calls(swift::calls(&source, &tree, api)),
    }
}

/// What every TypeScript file that makes a tracker from the generated module names.
const TS_TERMS: &[&str] = &["Tracker"];

/// One parser per grammar, made when a thread first needs it.
#[derive(Default)]
struct Parsers {
    parsers: Vec<(Kind, Parser)>,
}

impl Parsers {
    fn get(&mut self, kind: Kind) -> Option<&mut Parser> {
        if !self.parsers.iter().any(|(k, _)| *k == kind) {
            let mut parser = Parser::new();
            // Fails only if a grammar's ABI is one the tree-sitter crate cannot read, which the
            // tests would show for every file of that language.
            parser.set_language(&kind.grammar()).ok()?;
            self.parsers.push((kind, parser));
        }
        self.parsers
            .iter_mut()
            .find(|(k, _)| *k == kind)
            .map(|(_, p)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_loads() {
        let mut parsers = Parsers::default();
        for kind in [
            Kind::TypeScript,
            Kind::Tsx,
            Kind::JavaScript,
            Kind::Rust,
            Kind::Swift,
        ] {
            let parser = parsers.get(kind).expect("the grammar's ABI is supported");
            let tree = parser.parse("x", None).expect("parses");
            assert_eq!(tree.root_node().start_byte(), 0);
        }
    }
}
