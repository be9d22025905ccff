//! `tracktype gen`: generate SDKs, or check them for drift, from flags or from the project file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use crate::catalog::{self, Sources};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::lang::{self, GeneratedFile, Language, Target, TsSdk};
use crate::project;
use crate::select::Selection;
use crate::writer::{self, Drift};

use super::style::Paint;
use super::{Format, InputArgs, Outcome};

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Target language: ts (or typescript), rust, swift. Without it (and without a selection),
    /// every target of the project file is generated
    #[arg(long, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Output directory [default: generated/<language>, e.g. generated/typescript]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 0 if the files on disk are exactly what would be generated, 1 if
    /// any differs, is missing or is extra
    #[arg(long)]
    pub check: bool,
    /// Only this target of the project file
    #[arg(long, value_name = "NAME", conflicts_with = "lang")]
    pub target: Option<String>,
    /// How --check reports drift: text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The Segment SDK to send through: TypeScript's analytics-next (the default) or
    /// analytics-node; Swift's analytics-swift (without it, the Swift package depends on nothing
    /// and the app makes its client conform)
    #[arg(long, value_name = "SDK", value_parser = ["analytics-next", "analytics-node", lang::ANALYTICS_SWIFT])]
    pub sdk: Option<String>,
    /// Rust: the generated file's name [default: tracking.rs]
    #[arg(long, value_name = "FILE")]
    pub file_name: Option<String>,
    /// Swift: the module (library product and target) name [default: Tracking]
    #[arg(long, value_name = "NAME")]
    pub module: Option<String>,
    /// Swift: write only the .swift sources, not a package, for apps that add files to an
    /// Xcode project
    #[arg(long)]
    pub sources_only: bool,
    /// Whether the generated code validates each call at run time against what the types
    /// cannot say (patterns, formats, bounds, lengths); off generates no validation code
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = Validate::On)]
    pub validate: Validate,
}

/// `--validate`'s values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Validate {
    Off,
    On,
}

#[derive(Debug, Args, Default)]
pub struct SelectionArgs {
    /// Select the events of a use case (slug or name; repeatable)
    #[arg(long = "use-case", value_name = "SLUG", value_parser = super::complete::CatalogNames(super::complete::Names::UseCases), hide_possible_values = true)]
    pub use_cases: Vec<String>,
    /// Select the events of every use case of a goal (repeatable)
    #[arg(long = "goal", value_name = "SLUG", value_parser = super::complete::CatalogNames(super::complete::Names::Goals), hide_possible_values = true)]
    pub goals: Vec<String>,
    /// Select an event by its exact name (repeatable)
    #[arg(long = "event", value_name = "NAME", value_parser = super::complete::CatalogNames(super::complete::Names::Events), hide_possible_values = true)]
    pub events: Vec<String>,
    /// Select every event of the catalog
    #[arg(long)]
    pub all: bool,
}

impl SelectionArgs {
    pub fn selection(&self) -> Selection {
        Selection {
            all: self.all,
            goals: self.goals.clone(),
            use_cases: self.use_cases.clone(),
            events: self.events.clone(),
            plan_events: false,
        }
    }
}

fn parse_language(s: &str) -> std::result::Result<Language, String> {
    Language::parse(s).ok_or_else(|| format!("unknown language `{s}`; use ts, rust or swift"))
}

pub fn run(args: &GenArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
    let mut selection = args.selection.selection();
    if args.lang.is_none() && selection.is_empty() && inputs.plans.is_empty() {
        ignored_options(None, args)?;
        return run_project(args, inputs, paint);
    }
    // With a plan and nothing else selected, the plan's events are what to generate.
    selection.plan_events = selection.is_empty() && !inputs.plans.is_empty();
    let Some(language) = args.lang else {
        return Err(Diagnostic::global("no target language")
            .with_hint("add --lang ts, --lang rust or --lang swift")
            .into());
    };
    ignored_options(Some(language), args)?;
    if selection.is_empty() {
        return Err(nothing_selected());
    }
    let target = target(language, args);
    if let Target::Swift { module, .. } = &target
        && !project::valid_swift_module(module)
    {
        return Err(
            Diagnostic::global(format!("`{module}` is not a Swift module name"))
                .with_hint("letters, digits and underscores, starting with a letter")
                .into(),
        );
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("generated").join(language.name()));
    let (generated, catalog) = crate::generate_holding(&inputs.sources(), &selection, &target)?;
    let crate::Generated {
        files, warnings, ..
    } = generated;
    let warnings = super::settle(warnings, inputs.deny_warnings)?;
    if args.check {
        let drifts = writer::check(&out, &files);
        let fix = format!(
            "tracktype {}gen {} {} --out {}",
            inputs.flags(),
            target.describe(),
            selection.describe(),
            out.display()
        );
        return Ok(
            check_report(&[(None, out, drifts)], &fix, args.format, paint)
                .with_warnings(warnings)
                .holding(catalog)
                .holding(files),
        );
    }
    let report = writer::write(&out, &files)?;
    Ok(Outcome::ok(write_report(None, &out, &report, paint))
        .with_warnings(warnings)
        .holding(catalog)
        .holding(files))
}

fn nothing_selected() -> Error {
    Diagnostic::global("nothing selected to generate")
        .with_hint(
            "choose with --use-case SLUG, --goal SLUG, --event \"Event Name\" (each repeatable) or --all, \
             with --lang; or describe targets in a tracktype.yaml (`tracktype init` writes one). \
             `tracktype list use-cases` shows the use cases",
        )
        .into()
}

/// The target of `--lang language` and its options, which `ignored_options` has checked
/// (an `--sdk` given here is one of the language's).
fn target(language: Language, args: &GenArgs) -> Target {
    let sdk = args.sdk.as_deref();
    let target = match language {
        Language::TypeScript => Target::TypeScript {
            sdk: sdk.and_then(TsSdk::parse).unwrap_or_default(),
            validate: true,
        },
        Language::Rust => Target::Rust {
            file_name: args
                .file_name
                .clone()
                .unwrap_or_else(|| "tracking.rs".to_owned()),
            included: false,
            validate: true,
        },
        Language::Swift => Target::Swift {
            module: args.module.clone().unwrap_or_else(|| "Tracking".to_owned()),
            sources_only: args.sources_only,
            analytics_swift: sdk.is_some(),
            validate: true,
        },
    };
    target.with_validation(args.validate == Validate::On)
}

/// Whether `--sdk sdk` is one of `language`'s.
fn sdk_applies(language: Language, sdk: &str) -> bool {
    match language {
        Language::TypeScript => TsSdk::parse(sdk).is_some(),
        Language::Rust => false,
        Language::Swift => sdk == lang::ANALYTICS_SWIFT,
    }
}

/// `--sdk` with a language it does not apply to, and the values that do.
fn sdk_mismatch(language: Language, sdk: &str) -> Diagnostic {
    let hint = match language {
        Language::TypeScript => "use analytics-next or analytics-node",
        Language::Rust => "the Rust module sends through any sink: leave --sdk out",
        Language::Swift => "use analytics-swift, or leave --sdk out for a client of your own",
    };
    Diagnostic::global(format!(
        "--sdk {sdk} does not apply to --lang {}",
        language.name()
    ))
    .with_hint(hint)
}

/// The language options given, each with the language it belongs to.
fn language_options(args: &GenArgs) -> Vec<(&'static str, Language)> {
    [
        ("--sdk", Language::TypeScript, args.sdk.is_some()),
        ("--file-name", Language::Rust, args.file_name.is_some()),
        ("--module", Language::Swift, args.module.is_some()),
        ("--sources-only", Language::Swift, args.sources_only),
    ]
    .into_iter()
    .filter(|(_, _, given)| *given)
    .map(|(flag, language, _)| (flag, language))
    .collect()
}

/// Options that would be silently ignored: another language's (`--lang rust --sdk ...`), or
/// any language option or `--out` when the project file's targets are generated (each takes
/// its own from the file). Every one is reported.
fn ignored_options(language: Option<Language>, args: &GenArgs) -> Result<()> {
    let mut problems = Diagnostics::default();
    for (flag, owner) in language_options(args) {
        let problem = match language {
            // TypeScript and Swift both take one: the value says whether it applies.
            Some(l) if flag == "--sdk" => match args.sdk.as_deref() {
                Some(sdk) if !sdk_applies(l, sdk) => sdk_mismatch(l, sdk),
                _ => continue,
            },
            Some(l) if l == owner => continue,
            Some(l) => Diagnostic::global(format!(
                "{flag} is an option of --lang {}, not of --lang {}",
                flag_name(owner),
                flag_name(l)
            ))
            .with_hint(format!(
                "remove {flag}, or use it with --lang {}",
                flag_name(owner)
            )),
            None => project_mode_option(flag),
        };
        problems.push(problem);
    }
    if language.is_none() && args.out.is_some() {
        problems.push(project_mode_option("--out"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

/// The language as `--lang` is usually written.
fn flag_name(language: Language) -> &'static str {
    match language {
        Language::TypeScript => "ts",
        other => other.name(),
    }
}

fn project_mode_option(flag: &str) -> Diagnostic {
    Diagnostic::global(format!(
        "{flag} needs --lang: without it, gen generates the targets of {}, each with the \
         options the file gives it",
        project::FILE_NAME
    ))
    .with_hint(format!(
        "add --lang and a selection, or set the option on the target in {}",
        project::FILE_NAME
    ))
}

/// Every target of the project file (or the one named by `--target`).
fn run_project(args: &GenArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
    let Some(path) = project_path(inputs, args.target.as_deref())? else {
        return Err(nothing_selected());
    };
    let project = project::load(&path)?;
    let deny_warnings = inputs.deny_warnings || project.deny_warnings;
    let chosen = chosen_targets(&project, &path, args.target.as_deref())?;
    // Generate everything first: an invalid target writes nothing at all.
    let mut outputs = Vec::new();
    let mut warnings = Diagnostics::default();
    let mut catalogs = Catalogs::default();
    for t in &chosen {
        let loaded = catalogs.of(t, inputs)?;
        let catalog = &loaded.catalog;
        warnings.extend(crate::target_warnings(&loaded.warnings, &t.target)?);
        let events = t.selection.resolve(catalog)?;
        let request = lang::Request {
            catalog,
            events,
            selection: t.selection.describe(),
        };
        outputs.push((t, lang::generate(&request, &t.target)?));
    }
    let warnings = super::settle(warnings.deduplicated(), deny_warnings)?;
    let mut fix = format!("tracktype {}gen", inputs.flags());
    if inputs.config.is_some() {
        fix = format!(
            "tracktype --config {} {}gen",
            path.display(),
            inputs.flags()
        );
    }
    if let Some(name) = &args.target {
        fix.push_str(&format!(" --target {name}"));
    }
    if args.check {
        let results: Vec<(Option<&str>, PathBuf, Vec<Drift>)> = outputs
            .iter()
            .map(|(t, files)| {
                (
                    Some(t.name.as_str()),
                    t.out.clone(),
                    writer::check(&t.out, files),
                )
            })
            .collect();
        return Ok(check_report(&results, &fix, args.format, paint).with_warnings(warnings));
    }
    // An output directory that is a file fails before any target is written.
    for (t, _) in &outputs {
        writer::not_a_file(&t.out)?;
    }
    let mut text = String::new();
    for (t, files) in &outputs {
        let report = writer::write(&t.out, files)?;
        text.push_str(&write_report(Some(&t.name), &t.out, &report, paint));
    }
    let files: Vec<Vec<GeneratedFile>> = outputs.into_iter().map(|(_, files)| files).collect();
    Ok(Outcome::ok(text)
        .with_warnings(warnings)
        .holding(catalogs)
        .holding(files))
}

/// The project file: `--config`, or the nearest `tracktype.yaml`; `None` when there is none
/// and no `--target` asks for one.
pub(super) fn project_path(inputs: &InputArgs, target: Option<&str>) -> Result<Option<PathBuf>> {
    if let Some(path) = &inputs.config {
        return Ok(Some(path.clone()));
    }
    let here = std::env::current_dir().unwrap_or_default();
    match project::find(&here) {
        Some(path) => Ok(Some(path)),
        None if target.is_some() => Err(Diagnostic::global(format!(
            "--target needs a project file, and there is no {} here or in a parent directory",
            project::FILE_NAME
        ))
        .with_hint("run `tracktype init` to write one, or name it with --config")
        .into()),
        None => Ok(None),
    }
}

/// The targets `--target` names (every target without it).
pub(super) fn chosen_targets<'p>(
    project: &'p project::Project,
    path: &Path,
    name: Option<&str>,
) -> Result<Vec<&'p project::ProjectTarget>> {
    let Some(name) = name else {
        return Ok(project.targets.iter().collect());
    };
    if let Some(t) = project.targets.iter().find(|t| t.name == name) {
        return Ok(vec![t]);
    }
    let names: Vec<&str> = project.targets.iter().map(|t| t.name.as_str()).collect();
    Err(
        Diagnostic::global(format!("no target `{name}` in {}", path.display()))
            .with_hint(
                crate::suggest::did_you_mean(name, &names)
                    .unwrap_or_else(|| format!("the targets are: {}", names.join(", "))),
            )
            .into(),
    )
}

/// Each target's catalog (its own files, then the command line's), loaded once per distinct
/// set of sources.
#[derive(Default)]
pub(super) struct Catalogs {
    loaded: Vec<(Sources, catalog::Loaded)>,
}

impl Catalogs {
    /// The target's catalog, with the names the target selects checked against it.
    pub(super) fn of(
        &mut self,
        t: &project::ProjectTarget,
        inputs: &InputArgs,
    ) -> Result<&catalog::Loaded> {
        let mut sources = t.sources.clone();
        sources.catalogs.extend(inputs.catalogs.iter().cloned());
        sources.plans.extend(inputs.plans.iter().cloned());
        sources.skip_embedded |= inputs.no_default_catalog;
        let index = match self.loaded.iter().position(|(s, _)| *s == sources) {
            Some(i) => i,
            None => {
                let loaded = catalog::load(&sources)?;
                self.loaded.push((sources, loaded));
                self.loaded.len() - 1
            }
        };
        let loaded = &self.loaded[index].1;
        let unknown = t.unknown_names(&loaded.catalog);
        if !unknown.is_empty() {
            return Err(Error::Invalid(unknown));
        }
        Ok(loaded)
    }
}

fn write_report(
    target: Option<&str>,
    out: &Path,
    report: &writer::WriteReport,
    paint: Paint,
) -> String {
    let mut text = String::new();
    let prefix = target.map(|t| format!("{t}: ")).unwrap_or_default();
    for (paths, verb) in [
        (&report.written, "wrote"),
        (&report.unchanged, "unchanged"),
        (&report.removed, "removed"),
    ] {
        for p in paths {
            let _ = writeln!(
                text,
                "{prefix}{} {}",
                paint.dim(verb),
                out.join(p).display()
            );
        }
    }
    text
}

/// The drift report: each drifted file with its diff, and the command that fixes it; or, with
/// `--format json`, a summary for tools.
fn check_report(
    results: &[(Option<&str>, PathBuf, Vec<Drift>)],
    fix: &str,
    format: Format,
    paint: Paint,
) -> Outcome {
    let drifted_files: usize = results.iter().map(|(_, _, d)| d.len()).sum();
    let code = i32::from(drifted_files > 0);
    if format == Format::Json {
        let targets: Vec<serde_json::Value> = results
            .iter()
            .map(|(name, out, drifts)| {
                json!({
                    "target": name,
                    "out": out.display().to_string(),
                    "ok": drifts.is_empty(),
                    "drift": drifts.iter().map(|d| {
                        let mut entry = json!({ "path": out.join(d.path()).display().to_string(), "status": d.kind() });
                        if let Drift::Changed { diff, .. } = d {
                            entry["diff"] = json!(diff);
                        }
                        entry
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let doc = json!({ "ok": code == 0, "targets": targets, "fix": if code == 0 { None } else { Some(fix) } });
        return Outcome::ok(super::list::json_text(&doc)).with_code(code);
    }
    let mut text = String::new();
    for (name, out, drifts) in results {
        let label = name.map(|n| format!("target {n}: ")).unwrap_or_default();
        if drifts.is_empty() {
            let _ = writeln!(
                text,
                "{} {label}{} is up to date",
                paint.green("ok"),
                out.display()
            );
            continue;
        }
        for d in drifts {
            let _ = writeln!(
                text,
                "{} {label}{} ({})",
                paint.red("drift"),
                out.join(d.path()).display(),
                d.kind()
            );
            if let Drift::Changed { diff, .. } = d {
                text.push_str(diff);
                if !diff.ends_with('\n') {
                    text.push('\n');
                }
            }
        }
    }
    if code != 0 {
        let targets = results.iter().filter(|(_, _, d)| !d.is_empty()).count();
        let _ = writeln!(
            text,
            "{drifted_files} generated file{} differ{} from what tracktype generates{}; to fix, run:\n  {fix}",
            if drifted_files == 1 { "" } else { "s" },
            if drifted_files == 1 { "s" } else { "" },
            if results.len() > 1 {
                format!(" ({targets} of {} targets)", results.len())
            } else {
                String::new()
            },
        );
    }
    Outcome::ok(text).with_code(code)
}
