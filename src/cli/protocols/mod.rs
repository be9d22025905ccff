//! `tracktype pull` and `tracktype push`: Segment Protocols tracking plans through the Public
//! API, from flags or from the project file's `segment:` section.

mod pull;
mod push;

use std::path::Path;
use std::time::Duration;

use clap::Args;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::project::{self, Project};
use crate::protocols::client::Client;
use crate::protocols::retry::Policy;
use crate::protocols::settings::{
    ApiUrl, PlanId, SegmentSettings, TOKEN_VARIABLE, TrackingPlanSetting,
};
use crate::protocols::token;

use super::InputArgs;

pub use pull::{PullArgs, run as pull};
pub use push::{PushArgs, run as push};

/// The environment variable that sets the timeout of each request, in milliseconds.
pub const TIMEOUT_VARIABLE: &str = "TRACKTYPE_API_TIMEOUT_MS";

/// The environment variable that sets the first wait before a retry, in milliseconds; every
/// other wait derives from it (see `Policy`).
pub const BACKOFF_VARIABLE: &str = "TRACKTYPE_API_BACKOFF_MS";

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
