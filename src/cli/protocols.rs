//! `tracktype pull` and `tracktype push`: Segment Protocols tracking plans through the Public
//! API, from flags or from the project file's `segment:` section.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;

use crate::catalog::Sources;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::project::{self, Project};
use crate::protocols::client::Client;
use crate::protocols::push::{self, Applied, Diff};
use crate::protocols::retry::Policy;
use crate::protocols::settings::{
    ApiUrl, PlanId, SegmentSettings, TOKEN_VARIABLE, TrackingPlanSetting,
};
use crate::protocols::{pull, token};
use crate::select::Selection;
use crate::writer::Drift;

use super::generate::SelectionArgs;
use super::style::Paint;
use super::{InputArgs, Outcome, plans};

/// The environment variable that sets the timeout of each request, in milliseconds.
pub const TIMEOUT_VARIABLE: &str = "TRACKTYPE_API_TIMEOUT_MS";

/// The environment variable that sets the first wait before a retry, in milliseconds; every
/// other wait derives from it (see `Policy`).
pub const BACKOFF_VARIABLE: &str = "TRACKTYPE_API_BACKOFF_MS";

/// Lines of schema diff shown per changed rule.
const DIFF_LINES: usize = 24;

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// Segment's Public API [default: `api_url` in tracktype.yaml, else
    /// https://api.segmentapis.com; an EU workspace uses https://eu1.api.segmentapis.com]
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
}

/// The environment both commands read, shown under their help.
const ENVIRONMENT_HELP: &str = "Environment: SEGMENT_TOKEN, a Segment Public API token (or \
`token_command` under `segment:` in tracktype.yaml); TRACKTYPE_API_TIMEOUT_MS, the timeout of \
each request (default 30000); TRACKTYPE_API_BACKOFF_MS, the first wait before retrying a 429 or \
5xx answer (default 500; waits double, at most 5 tries).";

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

/// What `pull` and `push` share: the project, the host and the timeouts. The token is read
/// last, once the flags are known to be valid: a token command may ask for a password.
struct Session {
    project: Option<Project>,
    api_url: ApiUrl,
    policy: Policy,
}

impl Session {
    fn open(inputs: &InputArgs, api: &ApiArgs) -> Result<Self> {
        let project = find_project(inputs)?;
        let api_url = match &api.api_url {
            Some(url) => ApiUrl::parse(url).map_err(|p| p.flag("--api-url"))?,
            None => project
                .as_ref()
                .and_then(|p| p.segment.as_ref())
                .and_then(|s| s.api_url.clone())
                .unwrap_or_default(),
        };
        Ok(Self {
            project,
            api_url,
            policy: policy()?,
        })
    }

    fn segment(&self) -> Option<&SegmentSettings> {
        self.project.as_ref().and_then(|p| p.segment.as_ref())
    }

    /// The tracking plans the project lists.
    fn configured(&self) -> &[TrackingPlanSetting] {
        self.segment()
            .map(|s| s.tracking_plans.as_slice())
            .unwrap_or_default()
    }

    fn token(&self) -> Result<token::Secret> {
        let segment = self.segment();
        Ok(token::resolve(
            std::env::var(TOKEN_VARIABLE).ok().as_deref(),
            segment.and_then(|s| s.token_command.as_deref()),
            segment.map_or(Path::new("."), |s| s.directory.as_path()),
        )?)
    }

    fn client(&self, plan: &PlanId, token: &token::Secret) -> Client {
        Client::new(
            self.api_url.clone(),
            token.clone(),
            plan.clone(),
            self.policy,
        )
    }
}

/// The project file named by `--config`, or found from the current directory, if any.
fn find_project(inputs: &InputArgs) -> Result<Option<Project>> {
    let path = match &inputs.config {
        Some(path) => Some(path.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|here| project::find(&here)),
    };
    path.map(|p| project::load(&p)).transpose()
}

/// Timeouts and waits, from the environment when it sets them (tests make them short).
fn policy() -> Result<Policy> {
    let mut policy = Policy::default();
    if let Some(ms) = millis(TIMEOUT_VARIABLE, 1..=3_600_000)? {
        policy.timeout = ms;
    }
    if let Some(ms) = millis(BACKOFF_VARIABLE, 0..=60_000)? {
        policy.backoff = ms;
    }
    Ok(policy)
}

fn millis(variable: &str, range: std::ops::RangeInclusive<u64>) -> Result<Option<Duration>> {
    let Ok(text) = std::env::var(variable) else {
        return Ok(None);
    };
    match text.trim().parse::<u64>() {
        Ok(n) if range.contains(&n) => Ok(Some(Duration::from_millis(n))),
        _ => Err(Diagnostic::global(format!(
            "{variable}={text} is not a number of milliseconds from {} to {}",
            range.start(),
            range.end()
        ))
        .with_hint(format!("unset {variable} to use the default"))
        .into()),
    }
}

fn plan_id(text: &str) -> Result<PlanId> {
    PlanId::parse(text).map_err(|p| p.flag("--tracking-plan").into())
}

fn no_plans(command: &str) -> Error {
    Diagnostic::global(format!("which tracking plan should `{command}` use?"))
        .with_hint(format!(
            "give --tracking-plan tp_…, or list the plans under `segment: tracking_plans:` in {}",
            project::FILE_NAME
        ))
        .into()
}

pub fn pull(args: &PullArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
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
        pulled.push((id, file, plan));
    }
    let mut text = String::new();
    let mut drifted = 0;
    for (id, file, plan) in pulled {
        let contents = plan.file_text();
        let Some(path) = file else {
            return Ok(Outcome::ok(contents));
        };
        let what = format!(
            "tracking plan {id}{}: {} rules",
            plan.plan
                .name
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default(),
            plan.rules.len()
        );
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
    Ok(Outcome {
        stdout: text,
        code: i32::from(drifted > 0),
    })
}

pub fn push(args: &PushArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
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
    for (id, selection) in &jobs {
        let exported = plans::selected_rules(&sources, selection)?;
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
        let name = current
            .plan
            .name
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        describe(
            &mut text,
            &format!("tracking plan {}{name}", client.plan()),
            diff,
            args.prune,
            paint,
        );
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
            super::report(&e);
            return Ok(Outcome {
                stdout: text,
                code: e.exit_code(),
            });
        }
    }
    if !args.apply && diffs.iter().any(|(_, _, d)| !d.is_empty(args.prune)) {
        let _ = writeln!(
            text,
            "nothing sent (only GET requests were made); run again with --apply to send these changes"
        );
    }
    Ok(Outcome::ok(text))
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
