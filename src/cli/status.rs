//! `tracktype status`: is each selected use case instrumented? From flags, or every target of
//! the project file against its `src` directories.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::lang::{Language, Target};
use crate::project;
use crate::status::{self, Modules, Scope, TargetStatus, render};

use super::generate::{Catalogs, SelectionArgs, chosen_targets, project_path};
use super::style::Paint;
use super::{Format, InputArgs, Outcome};

#[derive(Debug, Args)]
#[command(after_long_help = RULES)]
pub struct StatusArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// A directory to scan, respecting .gitignore and skipping node_modules, target and
    /// .build (repeatable) [default: the current directory; with a project file, each
    /// target's `src`]
    #[arg(long = "src", value_name = "DIR")]
    pub src: Vec<PathBuf>,
    /// Only this language's sources: ts (TypeScript and JavaScript), rust or swift [default:
    /// all three]
    #[arg(long, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    /// Exit 1 if a selected use case is incomplete, an event selected on its own is never
    /// sent, or a call sends an event the selection does not contain (identify and group calls
    /// are reported, never required)
    #[arg(long)]
    pub check: bool,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only this target of the project file
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,
    /// TypeScript: an import specifier that names the generated module, besides relative
    /// imports of a generated file, such as a path alias `@/tracking` (repeatable)
    #[arg(long = "ts-import", value_name = "SPECIFIER")]
    pub ts_imports: Vec<String>,
    /// Rust: the generated module's name in paths [default: tracking; a target's file_name
    /// without `.rs`]
    #[arg(long = "rust-module", value_name = "NAME")]
    pub rust_module: Option<String>,
    /// Swift: the generated module imported [default: Tracking; a target's module]
    #[arg(long = "swift-module", value_name = "NAME")]
    pub swift_module: Option<String>,
}

const RULES: &str = "\
Which calls count. Sources are parsed with tree-sitter grammars, so calls in comments and
strings never count and a call split over lines does. A call counts when it calls the
generated API, for an event or identify or group, in a file that uses the generated module:

  TypeScript/JavaScript  the file imports the generated module (a relative import of a file
                         carrying tracktype's header, or a --ts-import specifier), and the
                         call's receiver is a tracker: a name bound to its createTracker(..),
                         annotated with its Tracker type, an alias of a tracker, or imported
                         from a file that exports one. tracker.orderCompleted(..),
                         tracker.track(\"Order Completed\", ..), tracker.identify(..),
                         tracker.group(..)
  Rust                   the file names the module (use crate::tracking::..), and the receiver
                         is a tracker: typed Tracker, or bound to Tracker::new(..).
                         tracker.order_completed(..), tracker.track(id, OrderCompleted::new(..)),
                         Message::new(id, &OrderCompleted::new(..)), tracker.identify(..),
                         tracker.group(..), Message::identify(..), Message::group(..)
  Swift                  the file has `import Tracking`; any receiver (the TrackingClient).
                         analytics.orderCompleted(..), track(name: \"Order Completed\", ..),
                         identify(userId: .., traits: ..), group(groupId: .., traits: ..)

A call on a tracker of an event the selection does not contain is a stale call. Identify and
group calls are listed after the goals; --check does not ask for them.";

fn parse_language(s: &str) -> std::result::Result<Language, String> {
    Language::parse(s).ok_or_else(|| format!("unknown language `{s}`; use ts, rust or swift"))
}

pub fn run(args: &StatusArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
    let mut selection = args.selection.selection();
    let (statuses, warnings) = if selection.is_empty() && inputs.plans.is_empty() {
        run_project(args, inputs)?
    } else {
        selection.plan_events = selection.is_empty();
        let (catalog, warnings) = super::load(inputs)?;
        let languages = match args.lang {
            Some(language) => vec![language],
            None => vec![Language::TypeScript, Language::Rust, Language::Swift],
        };
        let sources = if args.src.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.src.clone()
        };
        let scope = Scope {
            target: None,
            selection,
            languages,
            sources,
            modules: modules(args, None),
        };
        (vec![status::status(&catalog, &scope)?], warnings)
    };
    let ok = statuses.iter().all(TargetStatus::ok);
    let stdout = match args.format {
        Format::Text => render::text(&statuses, paint),
        Format::Json => super::list::json_text(&render::json(&statuses)),
    };
    Ok(Outcome::ok(stdout)
        .with_warnings(warnings)
        .with_code(i32::from(args.check && !ok)))
}

/// Every target of the project file (or the one `--target` names), each against its sources.
fn run_project(args: &StatusArgs, inputs: &InputArgs) -> Result<(Vec<TargetStatus>, Diagnostics)> {
    let Some(path) = project_path(inputs, args.target.as_deref())? else {
        return Err(Diagnostic::global("nothing selected to check")
            .with_hint(
                "choose with --use-case SLUG, --goal SLUG, --event \"Event Name\" (each repeatable) \
                 or --all; or describe targets and their `src` in a tracktype.yaml \
                 (`tracktype init` writes one)",
            )
            .into());
    };
    let project = project::load(&path)?;
    let chosen = chosen_targets(&project, &path, args.target.as_deref())?;
    let mut catalogs = Catalogs::default();
    let mut statuses = Vec::new();
    let mut warnings = Diagnostics::default();
    for t in chosen {
        // Documentation targets send nothing: there is no code to check against them.
        let Some(language) = t.target.language() else {
            continue;
        };
        let loaded = catalogs.of(t, inputs)?;
        warnings.extend(loaded.warnings.concerning(Some(language)));
        let scope = Scope {
            target: Some(t.name.clone()),
            selection: t.selection.clone(),
            languages: vec![language],
            sources: if args.src.is_empty() {
                t.src.clone()
            } else {
                args.src.clone()
            },
            modules: modules(args, Some(&t.target)),
        };
        statuses.push(status::status(&loaded.catalog, &scope)?);
    }
    let deny = inputs.deny_warnings || project.deny_warnings;
    Ok((statuses, super::settle(warnings.deduplicated(), deny)?))
}

/// How the generated module is named: the flags, else the target's options, else defaults.
fn modules(args: &StatusArgs, target: Option<&Target>) -> Modules {
    let defaults = Modules::default();
    let rust = match target {
        Some(Target::Rust { file_name, .. }) => Path::new(file_name)
            .file_stem()
            .map_or(defaults.rust.clone(), |s| s.to_string_lossy().into_owned()),
        _ => defaults.rust,
    };
    let swift = match target {
        Some(Target::Swift { module, .. }) => module.clone(),
        _ => defaults.swift,
    };
    Modules {
        ts_imports: args.ts_imports.clone(),
        rust: args.rust_module.clone().unwrap_or(rust),
        swift: args.swift_module.clone().unwrap_or(swift),
    }
}
