//! `tracktype push`: how the selected events' rules differ from tracking plans in Protocols,
//! and, with `--apply`, the requests that make them match.

use std::fmt::Write as _;

use clap::Args;

use crate::catalog::Sources;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::protocols::pull;
use crate::protocols::push::{self, Applied, Diff};
use crate::protocols::settings::PlanId;
use crate::select::Selection;

use super::super::generate::SelectionArgs;
use super::super::style::Paint;
use super::super::{InputArgs, Outcome, plans};
use super::{ApiArgs, ENVIRONMENT_HELP, Session, no_plans, plan_id};

/// Lines of schema diff shown per changed rule.
const DIFF_LINES: usize = 24;

#[derive(Debug, Args)]
#[command(after_help = ENVIRONMENT_HELP)]
pub struct PushArgs {
    /// The tracking plan's id (tp_…) [default: the tracking plans of tracktype.yaml]
    #[arg(long = "tracking-plan", value_name = "ID")]
    pub tracking_plan: Option<String>,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Send the changes; without it, only GET requests are made
    #[arg(long)]
    pub apply: bool,
    /// Also remove the plan's rules that are not selected, every version of them
    #[arg(long)]
    pub prune: bool,
    #[command(flatten)]
    pub api: ApiArgs,
}

pub fn run(args: &PushArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
    let session = Session::open(inputs, &args.api)?;
    let configured = session.configured();
    let flags = args.selection.selection();
    let jobs: Vec<(PlanId, Selection)> = match &args.tracking_plan {
        Some(id) => {
            let id = plan_id(id)?;
            let selection = if flags.is_empty() {
                configured
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.selection.clone())
                    .unwrap_or_default()
            } else {
                flags
            };
            vec![(id, selection)]
        }
        None if configured.is_empty() => return Err(no_plans("push")),
        None if !flags.is_empty() => match configured {
            [only] => vec![(only.id.clone(), flags)],
            _ => {
                return Err(Diagnostic::global(
                    "tracktype.yaml lists several tracking plans; which one should the selection go to?",
                )
                .with_hint("add --tracking-plan ID")
                .into());
            }
        },
        None => configured
            .iter()
            .filter(|p| !p.selection.is_empty())
            .map(|p| (p.id.clone(), p.selection.clone()))
            .collect(),
    };
    if jobs.is_empty() || jobs.iter().any(|(_, s)| s.is_empty()) {
        return Err(Diagnostic::global("nothing selected to push")
            .with_hint(
                "choose with --use-case SLUG, --goal SLUG, --event \"Event Name\" or --all, or give \
                 the tracking plan `use_cases` (or goals, events, all) in tracktype.yaml",
            )
            .into());
    }
    let sources = push_sources(session.project.as_ref(), inputs);
    let mut wanted = Vec::new();
    let mut warnings = Diagnostics::default();
    for (id, selection) in &jobs {
        let (exported, found) = plans::selected_rules(&sources, selection, inputs.deny_warnings)?;
        warnings.extend(found);
        let rules = push::wanted_rules(&exported)
            .map_err(|e| Error::Internal(format!("export produced unreadable rules: {e}")))?;
        wanted.push((id, rules));
    }
    let token = session.token()?;
    // Every plan's difference is computed before anything is sent.
    let mut diffs = Vec::new();
    for (id, wanted) in wanted {
        let client = session.client(id, &token);
        let current = pull::fetch(&client)?;
        let diff = push::diff(&current.rules, &wanted);
        diffs.push((client, current, diff));
    }
    let mut text = String::new();
    for (client, current, diff) in &diffs {
        describe(&mut text, &current.plan.title(), diff, args.prune, paint);
        if !args.apply {
            continue;
        }
        if diff.is_empty(args.prune) {
            let _ = writeln!(text, "nothing to send to {}", client.plan());
            continue;
        }
        let mut done = Applied::default();
        let sent = push::apply(client, diff, args.prune, &mut done);
        let _ = writeln!(
            text,
            "{}sent to {}: {} created, {} updated, {} removed",
            if sent.is_err() {
                "before a request failed, "
            } else {
                ""
            },
            client.plan(),
            done.created,
            done.updated,
            done.removed
        );
        if let Err(e) = sent {
            // What went through before the failure is part of the story: print both.
            let e = Error::from(e);
            super::super::report(&e);
            return Ok(Outcome::ok(text)
                .with_warnings(warnings)
                .with_code(e.exit_code()));
        }
    }
    if !args.apply && diffs.iter().any(|(_, _, d)| !d.is_empty(args.prune)) {
        let _ = writeln!(
            text,
            "nothing sent (only GET requests were made); run again with --apply to send these changes"
        );
    }
    Ok(Outcome::ok(text).with_warnings(warnings))
}

/// The catalogs and plans `push` computes rules from: the project's, then the flags', as
/// `gen` combines them for a target.
fn push_sources(project: Option<&Project>, inputs: &InputArgs) -> Sources {
    let mut sources = project.map(|p| p.sources.clone()).unwrap_or_default();
    let flags = inputs.sources();
    sources.catalogs.extend(flags.catalogs);
    sources.plans.extend(flags.plans);
    sources.skip_embedded |= flags.skip_embedded;
    sources
}

/// One plan's difference, for people.
fn describe(text: &mut String, plan: &str, diff: &Diff, prune: bool, paint: Paint) {
    let mut counts = vec![
        format!("{} to add", diff.added.len()),
        format!("{} to change", diff.changed.len()),
    ];
    if prune {
        counts.push(format!("{} to remove", diff.not_selected.len()));
    } else if !diff.not_selected.is_empty() {
        counts.push(format!("{} not selected (kept)", diff.not_selected.len()));
    }
    counts.push(format!("{} unchanged", diff.unchanged));
    let _ = writeln!(text, "{}: {}", paint.bold(plan), counts.join(", "));
    for rule in &diff.added {
        let _ = writeln!(
            text,
            "  {} {} (version {})",
            paint.green("add   "),
            rule.id,
            rule.version
        );
    }
    for change in &diff.changed {
        let _ = writeln!(
            text,
            "  {} {} (version {})",
            paint.cyan("change"),
            change.wanted.id,
            change.wanted.version
        );
        for line in change.schema_diff(DIFF_LINES).lines() {
            let _ = writeln!(text, "      {line}");
        }
    }
    for removal in &diff.not_selected {
        let versions: Vec<String> = removal
            .versions
            .iter()
            .map(|r| r.version.to_string())
            .collect();
        let label = if versions.len() == 1 {
            "version"
        } else {
            "versions"
        };
        if prune {
            let _ = writeln!(
                text,
                "  {} {} ({label} {})",
                paint.red("remove"),
                removal.id,
                versions.join(", ")
            );
        } else {
            let _ = writeln!(
                text,
                "  {} {} ({label} {}): not selected; --prune removes it",
                paint.dim("keep  "),
                removal.id,
                versions.join(", ")
            );
        }
    }
}
