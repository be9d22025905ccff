//! The `segment:` section of `tracktype.yaml`, and the checks shared with the command line's
//! flags: which tracking plans `pull` and `push` work on, where the pulled files go, and which
//! Public API host to talk to.
//!
//! ```yaml
//! segment:
//!   api_url: https://eu1.api.segmentapis.com   # an EU workspace; default api.segmentapis.com
//!   token_command: op read op://dev/segment/token
//!   tracking_plans:
//!     - id: tp_sprout_rVGCC6WdrNxjCf6JpCHP
//!       file: tracking/plan.json             # where `tracktype pull` writes it
//!       use_cases: [mitigate-cart-abandonment] # what `tracktype push` sends
//! ```
//!
//! Parsing needs no HTTP, so this module is compiled with or without the `cli` feature: the
//! project file reads the same everywhere.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::select::Selection;
use crate::yaml::Sp;

/// Segment's Public API for US workspaces.
pub const DEFAULT_API_URL: &str = "https://api.segmentapis.com";

/// Segment's Public API for EU workspaces.
pub const EU_API_URL: &str = "https://eu1.api.segmentapis.com";

/// The environment variable holding the Public API token.
pub const TOKEN_VARIABLE: &str = "SEGMENT_TOKEN";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    api_url: Option<Sp<String>>,
    token_command: Option<Sp<String>>,
    tracking_plans: Option<Sp<Vec<RawTrackingPlan>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrackingPlan {
    id: Sp<String>,
    file: Option<Sp<String>>,
    use_cases: Option<Vec<Sp<String>>>,
    goals: Option<Vec<Sp<String>>>,
    events: Option<Vec<Sp<String>>>,
    all: Option<Sp<bool>>,
}

/// The validated `segment:` section.
#[derive(Clone, Debug)]
pub struct SegmentSettings {
    pub api_url: Option<ApiUrl>,
    /// A shell command whose standard output is the token, run in the project's directory.
    pub token_command: Option<String>,
    /// The project file's directory, where `token_command` runs.
    pub directory: PathBuf,
    pub tracking_plans: Vec<TrackingPlanSetting>,
}

/// One tracking plan of the project.
#[derive(Clone, Debug)]
pub struct TrackingPlanSetting {
    pub id: PlanId,
    /// Where `pull` writes the plan, relative to the current directory.
    pub file: PathBuf,
    /// What `push` sends; empty when the project does not say.
    pub selection: Selection,
}

/// Validates the section. Paths in it are relative to `base`, the project file's directory.
pub fn validate(raw: Sp<RawSegment>, base: &Path, diags: &mut Diagnostics) -> SegmentSettings {
    let Sp { value: raw, loc } = raw;
    let api_url = raw.api_url.and_then(|u| match ApiUrl::parse(&u.value) {
        Ok(url) => Some(url),
        Err(problem) => {
            diags.push(problem.at(&u.loc));
            None
        }
    });
    let token_command = raw.token_command.and_then(|c| {
        if c.value.trim().is_empty() {
            diags.push(
                Diagnostic::at(&c.loc, "`token_command` is empty").with_hint(
                    "a command that prints the token, or remove the key to use SEGMENT_TOKEN",
                ),
            );
            None
        } else {
            Some(c.value)
        }
    });
    let mut tracking_plans: Vec<TrackingPlanSetting> = Vec::new();
    let mut seen: Vec<(String, Loc)> = Vec::new();
    match raw.tracking_plans {
        None => diags.push(
            Diagnostic::at(&loc, "the `segment` section has no `tracking_plans`").with_hint(
                "add `tracking_plans:` with an `id` (tp_…) and the `file` to pull it into",
            ),
        ),
        Some(list) => {
            for plan in list.value {
                if let Some((_, first)) = seen.iter().find(|(id, _)| *id == plan.id.value) {
                    diags.push(
                        Diagnostic::at(
                            &plan.id.loc,
                            format!("tracking plan `{}` is listed twice", plan.id.value),
                        )
                        .with_note(first, "first here"),
                    );
                    continue;
                }
                seen.push((plan.id.value.clone(), plan.id.loc.clone()));
                if let Some(setting) = tracking_plan(plan, base, diags) {
                    tracking_plans.push(setting);
                }
            }
        }
    }
    SegmentSettings {
        api_url,
        token_command,
        // A project file in the current directory has an empty parent.
        directory: if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base.to_owned()
        },
        tracking_plans,
    }
}

fn tracking_plan(
    raw: RawTrackingPlan,
    base: &Path,
    diags: &mut Diagnostics,
) -> Option<TrackingPlanSetting> {
    let id = match PlanId::parse(&raw.id.value) {
        Ok(id) => Some(id),
        Err(problem) => {
            diags.push(problem.at(&raw.id.loc));
            None
        }
    };
    let Some(file) = raw.file else {
        diags.push(
            Diagnostic::at(
                &raw.id.loc,
                format!("tracking plan `{}` has no `file`", raw.id.value),
            )
            .with_hint("add `file:` with the path `tracktype pull` writes the plan to, such as tracking/plan.json"),
        );
        return None;
    };
    let names = |list: Option<Vec<Sp<String>>>| -> Vec<String> {
        list.into_iter().flatten().map(|n| n.value).collect()
    };
    Some(TrackingPlanSetting {
        id: id?,
        file: base.join(&file.value),
        selection: Selection {
            all: raw.all.is_some_and(|a| a.value),
            goals: names(raw.goals),
            use_cases: names(raw.use_cases),
            events: names(raw.events),
            plan_events: false,
        },
    })
}

/// A problem with a value, before it is known whether it came from a flag or a file.
#[derive(Debug)]
pub struct Problem {
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn at(self, loc: &Loc) -> Diagnostic {
        Diagnostic::at(loc, self.message).with_hint(self.hint)
    }

    /// For a value given on the command line: `flag` names it.
    pub fn flag(self, flag: &str) -> Diagnostic {
        Diagnostic::global(format!("{flag}: {}", self.message)).with_hint(self.hint)
    }
}

/// A tracking plan's id, as the Public API names it (`tp_…`): safe to put in a URL path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanId(String);

impl PlanId {
    /// The API accepts ids of 1 to 255 characters; Segment's are letters, digits and `_`.
    pub fn parse(text: &str) -> Result<Self, Problem> {
        let valid = !text.is_empty()
            && text.len() <= 255
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(Problem {
                message: format!("`{text}` is not a tracking plan id"),
                hint:
                    "a tracking plan id looks like tp_sprout_rVGCC6WdrNxjCf6JpCHP: the last part \
                       of the plan's address in Protocols"
                        .to_owned(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Public API's base URL: HTTPS, or plain HTTP to a loopback address (a test server).
/// The token goes to this host, so nothing else is accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiUrl(String);

impl ApiUrl {
    pub fn parse(text: &str) -> Result<Self, Problem> {
        let trimmed = text.trim().trim_end_matches('/');
        let problem = |message: String| Problem {
            message,
            hint: format!(
                "Segment's Public API is {DEFAULT_API_URL}, or {EU_API_URL} for an EU \
                 workspace; plain http is accepted only for a loopback test server"
            ),
        };
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| problem(format!("`{text}` is not a URL")))?;
        let authority = rest.split('/').next().unwrap_or_default();
        let host = host_of(authority);
        let well_formed = !host.is_empty()
            && !authority.contains('@')
            && !rest.contains(['?', '#'])
            && rest.chars().all(|c| c.is_ascii_graphic());
        if !well_formed {
            return Err(problem(format!("`{text}` is not a URL tracktype can use")));
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => Ok(Self(trimmed.to_owned())),
            "http" if is_loopback(host) => Ok(Self(trimmed.to_owned())),
            "http" => Err(problem(format!(
                "`{text}` is not encrypted: the token would travel in clear"
            ))),
            _ => Err(problem(format!("`{text}` is not an https URL"))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for ApiUrl {
    fn default() -> Self {
        Self(DEFAULT_API_URL.to_owned())
    }
}

impl std::fmt::Display for ApiUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The host of `host[:port]` or `[v6]:port`.
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    authority.split(':').next().unwrap_or_default()
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_urls_must_be_https_or_loopback() {
        for good in [
            "https://api.segmentapis.com",
            "https://eu1.api.segmentapis.com/",
            "http://127.0.0.1:8080",
            "http://[::1]:9000/base",
            "http://localhost:1",
        ] {
            assert!(ApiUrl::parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            ApiUrl::parse("https://eu1.api.segmentapis.com/")
                .unwrap()
                .as_str(),
            EU_API_URL
        );
        for bad in [
            "http://api.segmentapis.com",
            "ftp://127.0.0.1",
            "api.segmentapis.com",
            "https://",
            "https://user:pw@api.segmentapis.com",
            "https://api.segmentapis.com/?x=1",
            "https://api segmentapis.com",
            "http://127.0.0.1.evil.example",
        ] {
            assert!(ApiUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plan_ids_are_safe_in_a_path() {
        assert!(PlanId::parse("tp_sprout_rVGCC6WdrNxjCf6JpCHP").is_ok());
        for bad in ["", "tp/../x", "tp x", "tp?x", &"a".repeat(256)] {
            assert!(PlanId::parse(bad).is_err(), "{bad}");
        }
    }
}
