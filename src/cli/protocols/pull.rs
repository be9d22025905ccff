//! `tracktype pull`: tracking plans from Protocols into plan files, or a check of them.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::protocols::pull;
use crate::protocols::settings::PlanId;
use crate::writer::Drift;

use super::super::style::Paint;
use super::super::{InputArgs, Outcome, plans};
use super::{ApiArgs, ENVIRONMENT_HELP, Session, no_plans, plan_id};

#[derive(Debug, Args)]
#[command(after_help = ENVIRONMENT_HELP)]
pub struct PullArgs {
    /// The tracking plan's id (tp_…) [default: every tracking plan of tracktype.yaml]
    #[arg(long = "tracking-plan", value_name = "ID")]
    pub tracking_plan: Option<String>,
    /// Where to write the plan [default: its `file` in tracktype.yaml, else standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write nothing; exit 1 if the file differs from the plan in Protocols
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub api: ApiArgs,
}

pub fn run(args: &PullArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
    let session = Session::open(inputs, &args.api)?;
    let configured = session.configured();
    let jobs: Vec<(PlanId, Option<PathBuf>)> = match &args.tracking_plan {
        Some(id) => {
            let id = plan_id(id)?;
            let file = args.output.clone().or_else(|| {
                configured
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.file.clone())
            });
            vec![(id, file)]
        }
        None if configured.is_empty() => return Err(no_plans("pull")),
        None if args.output.is_some() && configured.len() > 1 => {
            return Err(Diagnostic::global(
                "-o names one file, and tracktype.yaml lists several tracking plans",
            )
            .with_hint("add --tracking-plan ID to pull one of them")
            .into());
        }
        None => configured
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    Some(args.output.clone().unwrap_or(p.file.clone())),
                )
            })
            .collect(),
    };
    if args.check && jobs.iter().any(|(_, file)| file.is_none()) {
        return Err(
            Diagnostic::global("--check compares the plan with a file, and none is named")
                .with_hint("add -o FILE, or the plan's `file` in tracktype.yaml")
                .into(),
        );
    }
    let token = session.token()?;
    // Everything is fetched before anything is written: a failure writes nothing.
    let mut pulled = Vec::new();
    for (id, file) in jobs {
        let plan = pull::fetch(&session.client(&id, &token))?;
        pulled.push((file, plan));
    }
    let mut text = String::new();
    let mut drifted = 0;
    for (file, plan) in pulled {
        let contents = plan.file_text();
        let Some(path) = file else {
            return Ok(Outcome::ok(contents));
        };
        let what = format!("{}: {} rules", plan.plan.title(), plan.rules.len());
        if args.check {
            match plans::check_file(&path, contents)? {
                None => {
                    let _ = writeln!(
                        text,
                        "{} {} matches {what}",
                        paint.green("ok"),
                        path.display()
                    );
                }
                Some(drift) => {
                    drifted += 1;
                    let _ = writeln!(
                        text,
                        "{} {} ({}): differs from {what} in Protocols",
                        paint.red("drift"),
                        path.display(),
                        drift.kind()
                    );
                    if let Drift::Changed { diff, .. } = drift {
                        text.push_str(&diff);
                        if !diff.ends_with('\n') {
                            text.push('\n');
                        }
                    }
                }
            }
        } else {
            let verb = if plans::write_file(&path, contents)? {
                "wrote"
            } else {
                "unchanged"
            };
            let _ = writeln!(text, "{} {} ({what})", paint.dim(verb), path.display());
        }
    }
    if drifted > 0 {
        let _ = writeln!(
            text,
            "{drifted} plan file{} differ{} from Protocols; to update, run:\n  tracktype pull{}",
            if drifted == 1 { "" } else { "s" },
            if drifted == 1 { "s" } else { "" },
            args.tracking_plan
                .as_ref()
                .map(|id| format!(" --tracking-plan {id}"))
                .unwrap_or_default()
        );
    }
    Ok(Outcome::ok(text).with_code(i32::from(drifted > 0)))
}
