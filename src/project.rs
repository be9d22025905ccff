//! The project file, `tracktype.yaml`: the catalogs to load and the SDKs to generate, so that
//! regenerating every SDK, or checking them all in CI, is one short command.
//!
//! ```yaml
//! catalogs: [catalog/acme.yaml]   # relative to this file
//! targets:
//!   - name: web
//!     lang: ts
//!     sdk: analytics-next
//!     use_cases: [mitigate-cart-abandonment]
//!     out: web/src/tracking
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};

use crate::catalog::Sources;
use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::error::{Error, Result};
use crate::lang::{ANALYTICS_SWIFT, Language, Target, TsSdk};
use crate::model::{Catalog, slug};
use crate::protocols::settings::{self, RawSegment, SegmentSettings};
use crate::select::Selection;
use crate::suggest;
use crate::yaml::{self, Sp};

/// The file name `tracktype gen` looks for in the current directory and its parents.
pub const FILE_NAME: &str = "tracktype.yaml";

/// A loaded project file.
#[derive(Debug)]
pub struct Project {
    pub path: PathBuf,
    pub targets: Vec<ProjectTarget>,
    /// Warnings are errors: generating or checking writes nothing and exits 2.
    pub deny_warnings: bool,
    /// The catalogs and plans every target shares.
    pub sources: Sources,
    /// Segment Protocols, for `pull` and `push`.
    pub segment: Option<SegmentSettings>,
}

/// One SDK of a project.
#[derive(Debug)]
pub struct ProjectTarget {
    pub name: String,
    pub target: Target,
    pub selection: Selection,
    pub sources: Sources,
    /// The output directory, relative to the current directory.
    pub out: PathBuf,
    /// The source directories `tracktype status` scans (`src:`), relative to the current
    /// directory; the project file's directory when the target names none.
    pub src: Vec<PathBuf>,
    /// Where each selected name is written, to locate unknown ones.
    selected_at: Vec<(Choice, Sp<String>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Goal,
    UseCase,
    Event,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    catalogs: Option<Vec<Sp<String>>>,
    plans: Option<Vec<Sp<String>>>,
    default_catalog: Option<Sp<bool>>,
    deny_warnings: Option<Sp<bool>>,
    targets: Sp<Vec<RawTarget>>,
    segment: Option<Sp<RawSegment>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    name: Sp<String>,
    lang: Option<Sp<String>>,
    out: Option<Sp<String>>,
    use_cases: Option<Vec<Sp<String>>>,
    goals: Option<Vec<Sp<String>>>,
    events: Option<Vec<Sp<String>>>,
    all: Option<Sp<bool>>,
    catalogs: Option<Vec<Sp<String>>>,
    plans: Option<Vec<Sp<String>>>,
    sdk: Option<Sp<String>>,
    file_name: Option<Sp<String>>,
    module: Option<Sp<String>>,
    sources_only: Option<Sp<bool>>,
    /// Whether the generated code validates at run time [default: true].
    validate: Option<Sp<bool>>,
    /// Documentation targets (`lang: docs`): markdown or html.
    format: Option<Sp<String>>,
    src: Option<Vec<Sp<String>>>,
}

/// The project file in `dir` or the nearest of its parents, as a path relative to `dir`
/// (`tracktype.yaml`, `../tracktype.yaml`), so that messages show paths as the user sees them.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().enumerate().find_map(|(up, d)| {
        d.join(FILE_NAME).is_file().then(|| {
            let mut relative = PathBuf::new();
            for _ in 0..up {
                relative.push("..");
            }
            relative.join(FILE_NAME)
        })
    })
}

/// Reads and validates a project file. Paths in it are relative to its directory.
pub fn load(path: &Path) -> Result<Project> {
    let shown = path.display().to_string();
    let file = yaml::read_source(path, &shown)?;
    if file
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::in_file(&shown, "project file is empty")
            .with_hint("run `tracktype init` for a commented starter file")
            .into());
    }
    let raw: RawProject = yaml::from_yaml(&file)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut diags = Diagnostics::default();
    let paths = |list: &Option<Vec<Sp<String>>>| -> Vec<PathBuf> {
        list.iter().flatten().map(|c| base.join(&c.value)).collect()
    };
    let shared = Sources {
        skip_embedded: raw.default_catalog.as_ref().is_some_and(|d| !d.value),
        catalogs: paths(&raw.catalogs),
        plans: paths(&raw.plans),
    };
    if raw.targets.value.is_empty() {
        diags.push(Diagnostic::at(
            &raw.targets.loc,
            "the project has no targets",
        ));
    }
    let segment = raw.segment.map(|s| settings::validate(s, base, &mut diags));
    let mut targets: Vec<ProjectTarget> = Vec::new();
    for t in raw.targets.value {
        if targets.iter().any(|o| o.name == t.name.value) {
            diags.push(Diagnostic::at(
                &t.name.loc,
                format!("target `{}` is defined twice", t.name.value),
            ));
            continue;
        }
        if let Some(target) = target(&t, base, &shared, &mut diags) {
            if let Some(other) = targets.iter().find(|o| nested(&o.out, &target.out)) {
                diags.push(
                    Diagnostic::at(
                        t.out.as_ref().map_or(&t.name.loc, |o| &o.loc),
                        format!(
                            "the output of target `{}` overlaps that of target `{}`",
                            target.name, other.name
                        ),
                    )
                    .with_hint("give every target a directory of its own, neither inside another"),
                );
                continue;
            }
            targets.push(target);
        }
    }
    if !diags.is_empty() {
        return Err(Error::Invalid(diags));
    }
    Ok(Project {
        path: path.to_owned(),
        targets,
        deny_warnings: raw.deny_warnings.as_ref().is_some_and(|d| d.value),
        sources: shared,
        segment,
    })
}

fn target(
    t: &RawTarget,
    base: &Path,
    shared: &Sources,
    diags: &mut Diagnostics,
) -> Option<ProjectTarget> {
    let (Some(lang), Some(out)) = (&t.lang, &t.out) else {
        for (key, missing, hint) in [
            (
                "lang",
                t.lang.is_none(),
                "add `lang: ts`, `lang: rust`, `lang: swift` or `lang: docs`",
            ),
            (
                "out",
                t.out.is_none(),
                "add `out:` with the directory to generate into",
            ),
        ] {
            if missing {
                diags.push(
                    Diagnostic::at(
                        &t.name.loc,
                        format!("target `{}` has no `{key}`", t.name.value),
                    )
                    .with_hint(hint),
                );
            }
        }
        return None;
    };
    let language = Language::parse(&lang.value);
    let docs = lang.value == DOCS;
    if language.is_none() && !docs {
        let hint = suggest::did_you_mean(&lang.value, &["ts", "typescript", "rust", "swift", DOCS])
            .unwrap_or_else(|| "use ts, rust, swift or docs".into());
        diags.push(
            Diagnostic::at(&lang.loc, format!("unknown language `{}`", lang.value)).with_hint(hint),
        );
        return None;
    }
    let misplaced = |key: &str, sp: Option<&Loc>, owner: &str, diags: &mut Diagnostics| {
        if let Some(loc) = sp {
            diags.push(Diagnostic::at(
                loc,
                format!("`{key}` applies to {owner} targets only"),
            ));
        }
    };
    let before = diags.0.len();
    if !docs {
        misplaced(
            "format",
            t.format.as_ref().map(|s| &s.loc),
            "documentation (`lang: docs`)",
            diags,
        );
    }
    let language = match language {
        Some(language) => language,
        None => {
            for (key, loc) in [
                ("sdk", t.sdk.as_ref().map(|s| &s.loc)),
                ("file_name", t.file_name.as_ref().map(|s| &s.loc)),
                ("module", t.module.as_ref().map(|s| &s.loc)),
                ("sources_only", t.sources_only.as_ref().map(|s| &s.loc)),
                ("validate", t.validate.as_ref().map(|s| &s.loc)),
            ] {
                misplaced(key, loc, "SDK", diags);
            }
            let target = docs_target(t.format.as_ref(), diags)?;
            return finish(t, target, base, shared, out, before, diags);
        }
    };
    if language == Language::Rust {
        misplaced(
            "sdk",
            t.sdk.as_ref().map(|s| &s.loc),
            "TypeScript and Swift",
            diags,
        );
    }
    if language != Language::Rust {
        misplaced(
            "file_name",
            t.file_name.as_ref().map(|s| &s.loc),
            "Rust",
            diags,
        );
    }
    if language != Language::Swift {
        misplaced("module", t.module.as_ref().map(|s| &s.loc), "Swift", diags);
        misplaced(
            "sources_only",
            t.sources_only.as_ref().map(|s| &s.loc),
            "Swift",
            diags,
        );
    }
    let target = match language {
        Language::TypeScript => {
            let sdk = match &t.sdk {
                None => TsSdk::default(),
                Some(s) => match TsSdk::parse(&s.value) {
                    Some(sdk) => sdk,
                    None => {
                        let hint =
                            suggest::did_you_mean(&s.value, &["analytics-next", "analytics-node"])
                                .unwrap_or_else(|| "use analytics-next or analytics-node".into());
                        diags.push(
                            Diagnostic::at(&s.loc, format!("unknown SDK `{}`", s.value))
                                .with_hint(hint),
                        );
                        return None;
                    }
                },
            };
            Target::TypeScript {
                sdk,
                validate: true,
            }
        }
        Language::Rust => {
            let file_name = t
                .file_name
                .as_ref()
                .map_or_else(|| "tracking.rs".to_owned(), |f| f.value.clone());
            if let Some(f) = &t.file_name
                && !valid_rust_file_name(&f.value)
            {
                diags.push(
                    Diagnostic::at(&f.loc, format!("`{}` is not a Rust file name", f.value))
                        .with_hint("a plain file name ending in .rs, such as tracking.rs"),
                );
            }
            Target::Rust {
                file_name,
                included: false,
                validate: true,
            }
        }
        Language::Swift => {
            let module = t
                .module
                .as_ref()
                .map_or_else(|| "Tracking".to_owned(), |m| m.value.clone());
            if let Some(m) = &t.module
                && !valid_swift_module(&m.value)
            {
                diags.push(
                    Diagnostic::at(&m.loc, format!("`{}` is not a Swift module name", m.value))
                        .with_hint("letters, digits and underscores, starting with a letter"),
                );
            }
            let analytics_swift = match &t.sdk {
                None => false,
                Some(s) if s.value == ANALYTICS_SWIFT => true,
                Some(s) => {
                    let hint =
                        suggest::did_you_mean(&s.value, &[ANALYTICS_SWIFT]).unwrap_or_else(|| {
                            "use analytics-swift, or leave `sdk` out for a client of your own"
                                .into()
                        });
                    diags.push(
                        Diagnostic::at(&s.loc, format!("unknown Swift SDK `{}`", s.value))
                            .with_hint(hint),
                    );
                    return None;
                }
            };
            Target::Swift {
                module,
                sources_only: t.sources_only.as_ref().is_some_and(|s| s.value),
                analytics_swift,
                validate: true,
            }
        }
    };
    let target = target.with_validation(t.validate.as_ref().is_none_or(|v| v.value));
    finish(t, target, base, shared, out, before, diags)
}

/// The value of `lang` for a documentation target.
const DOCS: &str = "docs";

/// A documentation target's format: markdown unless `format` says html.
fn docs_target(format: Option<&Sp<String>>, diags: &mut Diagnostics) -> Option<Target> {
    let format = match format {
        None => crate::site::Format::default(),
        Some(f) => match crate::site::Format::parse(&f.value) {
            Some(format) => format,
            None => {
                let hint = suggest::did_you_mean(&f.value, &crate::site::Format::NAMES)
                    .unwrap_or_else(|| "use markdown or html".into());
                diags.push(
                    Diagnostic::at(
                        &f.loc,
                        format!("unknown documentation format `{}`", f.value),
                    )
                    .with_hint(hint),
                );
                return None;
            }
        },
    };
    Some(Target::Docs { format })
}

/// The target's selection, sources and output, shared by SDK and documentation targets.
fn finish(
    t: &RawTarget,
    target: Target,
    base: &Path,
    shared: &Sources,
    out: &Sp<String>,
    before: usize,
    diags: &mut Diagnostics,
) -> Option<ProjectTarget> {
    let mut selected_at = Vec::new();
    for (choice, list) in [
        (Choice::Goal, &t.goals),
        (Choice::UseCase, &t.use_cases),
        (Choice::Event, &t.events),
    ] {
        for name in list.iter().flatten() {
            selected_at.push((choice, name.clone()));
        }
    }
    let names = |choice: Choice| -> Vec<String> {
        selected_at
            .iter()
            .filter(|(c, _)| *c == choice)
            .map(|(_, n)| n.value.clone())
            .collect()
    };
    let mut sources = shared.clone();
    sources
        .catalogs
        .extend(t.catalogs.iter().flatten().map(|c| base.join(&c.value)));
    sources
        .plans
        .extend(t.plans.iter().flatten().map(|p| base.join(&p.value)));
    let mut selection = Selection {
        all: t.all.as_ref().is_some_and(|a| a.value),
        goals: names(Choice::Goal),
        use_cases: names(Choice::UseCase),
        events: names(Choice::Event),
        plan_events: false,
    };
    // A target with plans and nothing else selected generates the plans' events.
    selection.plan_events = selection.is_empty() && !sources.plans.is_empty();
    if selection.is_empty() {
        diags.push(
            Diagnostic::at(
                &t.name.loc,
                format!("target `{}` selects no events", t.name.value),
            )
            .with_hint("add `use_cases`, `goals`, `events`, `plans` or `all: true`"),
        );
    }
    if diags.0.len() > before {
        return None;
    }
    Some(ProjectTarget {
        name: t.name.value.clone(),
        target,
        selection,
        sources,
        out: base.join(&out.value),
        src: match &t.src {
            Some(dirs) => dirs.iter().map(|d| base.join(&d.value)).collect(),
            None if base.as_os_str().is_empty() => vec![PathBuf::from(".")],
            None => vec![base.to_owned()],
        },
        selected_at,
    })
}

impl ProjectTarget {
    /// Every selected name the catalog does not know, located in the project file.
    pub fn unknown_names(&self, catalog: &Catalog) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for (choice, name) in &self.selected_at {
            let (known, candidates, kind): (bool, Vec<&str>, &str) = match choice {
                Choice::Goal => (
                    catalog.goal(&slug(&name.value)).is_some(),
                    catalog.goals.iter().map(|g| g.slug.as_str()).collect(),
                    "goal",
                ),
                Choice::UseCase => (
                    catalog.use_case(&slug(&name.value)).is_some(),
                    catalog.use_cases.iter().map(|u| u.slug.as_str()).collect(),
                    "use case",
                ),
                Choice::Event => (
                    catalog.event(&name.value).is_some(),
                    catalog.events.iter().map(|e| e.name.as_str()).collect(),
                    "event",
                ),
            };
            if !known {
                let key = if *choice == Choice::Event {
                    name.value.clone()
                } else {
                    slug(&name.value)
                };
                diags.push(
                    Diagnostic::at(
                        &name.loc,
                        format!("unknown {kind} `{}` in target `{}`", name.value, self.name),
                    )
                    .with_hint_opt(suggest::did_you_mean(&key, &candidates)),
                );
            }
        }
        diags
    }
}

/// Whether one output directory is, or is inside, the other.
fn nested(a: &Path, b: &Path) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    a.starts_with(&b) || b.starts_with(&a)
}

/// A path with `.` and `..` resolved lexically, to compare paths as written.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn valid_rust_file_name(name: &str) -> bool {
    name.ends_with(".rs") && name.len() > 3 && !name.contains(['/', '\\']) && !name.starts_with('.')
}

pub fn valid_swift_module(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The starter project file `tracktype init` writes.
pub const STARTER: &str = r#"# tracktype project file: the SDKs this repository generates.
#
#   tracktype gen            regenerate every target below
#   tracktype gen --check    check them in CI: exits 1, with a diff, if any file drifted
#
# Paths are relative to this file. `tracktype list use-cases` shows what you can select.

# Catalog files or directories that extend the embedded catalog (events, use cases, types).
# catalogs: [tracking/catalog.yaml]

targets:
  # A TypeScript SDK for the web app, sending through @segment/analytics-next.
  - name: web
    lang: ts                  # ts, rust or swift
    sdk: analytics-next       # or analytics-node
    use_cases: [mitigate-cart-abandonment]
    # goals: [optimize-advertising]
    # events: ["Order Completed"]
    # all: true
    out: src/tracking
    # The code `tracktype status` scans for calls of the SDK [default: this file's directory].
    # src: [src]

  # A Rust module for a backend, included with `mod tracking;`:
  # - name: backend
  #   lang: rust
  #   use_cases: [mitigate-cart-abandonment]
  #   out: backend/src

  # A Swift package for an iOS app (`sources_only: true` writes only the .swift files):
  # - name: ios
  #   lang: swift
  #   sdk: analytics-swift    # or leave it out: no dependency, a client of your own
  #   module: Tracking
  #   use_cases: [mitigate-cart-abandonment]
  #   out: ios/Tracking

  # The tracking plan's documentation for the whole team: markdown (Mermaid diagrams, for
  # GitHub) or html (a self-contained site with search):
  # - name: docs
  #   lang: docs
  #   format: markdown
  #   use_cases: [mitigate-cart-abandonment]
  #   out: docs/tracking

# Segment Protocols: `tracktype pull` fetches each plan into its file (token in SEGMENT_TOKEN),
# `tracktype push` shows how the use cases' rules differ from it (`--apply` sends them).
# segment:
#   api_url: https://eu1.api.segmentapis.com   # for an EU workspace
#   tracking_plans:
#     - id: tp_...
#       file: tracking/plan.json
#       use_cases: [mitigate-cart-abandonment]
"#;
