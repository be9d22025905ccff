//! What can go wrong talking to Segment's Public API, each with what to check. Every text in
//! here has been through the token's redaction.

use std::fmt;
use std::time::Duration;

/// The request an error is about: `GET /tracking-plans/tp_x/rules`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub method: &'static str,
    pub path: String,
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: the token was refused.
    #[error(
        "Segment's Public API refused the token (HTTP 401) for tracking plan {plan}\n  hint: check \
         {token_from}: it must be a Public API token (not a Config API token) of the workspace that \
         owns {plan}, and not revoked"
    )]
    Unauthorized { plan: String, token_from: String },
    /// 403: the token may not do this.
    #[error(
        "Segment's Public API denied access to tracking plan {plan} (HTTP 403){detail}\n  hint: the \
         token needs access to tracking plans ({need}), and the workspace must have Protocols"
    )]
    Forbidden {
        plan: String,
        need: &'static str,
        detail: String,
    },
    /// 404: no such plan for this token at this host.
    #[error(
        "tracking plan {plan} was not found (HTTP 404 from {api_url})\n  hint: check the id (the last \
         part of the plan's address in Protocols, starting `tp_`), that the token belongs to the \
         workspace that owns it, and, for an EU workspace, use --api-url \
         https://eu1.api.segmentapis.com (or `api_url` in tracktype.yaml)"
    )]
    NotFound { plan: String, api_url: String },
    /// Any other answer that is not a success, after the retries that apply.
    #[error("{call} failed with HTTP {status}{detail}{retried}{}", status_hint(*status))]
    Status {
        call: Call,
        status: u16,
        detail: String,
        retried: Retried,
    },
    /// The server did not answer in time.
    #[error(
        "{call} timed out after {}\n  hint: Segment's Public API may be slow or unreachable from \
         here; try again later",
        seconds(*after)
    )]
    Timeout { call: Call, after: Duration },
    /// The connection failed: DNS, TCP, TLS.
    #[error("{call} failed: {reason}\n  hint: check the network, and that {api_url} is right")]
    Transport {
        call: Call,
        reason: String,
        api_url: String,
    },
    /// The answer is not what the Public API's documentation describes.
    #[error(
        "{call} answered with something tracktype cannot read: {reason}\n  hint: check that \
         {api_url} is Segment's Public API; nothing was written or sent"
    )]
    Malformed {
        call: Call,
        reason: String,
        api_url: String,
    },
}

/// How many tries a failed request had, for its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retried(pub u32);

impl fmt::Display for Retried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 1 {
            write!(f, " (after {} tries)", self.0)
        } else {
            Ok(())
        }
    }
}

/// What to do about a status that has no variant of its own.
fn status_hint(status: u16) -> &'static str {
    match status {
        429 => "\n  hint: the Public API's rate limit was reached; wait a minute and try again",
        500..=599 => "\n  hint: Segment's Public API is failing; try again later",
        422 => "\n  hint: Segment refused the request as invalid; the message says what it refused",
        _ => "",
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

impl ApiError {
    /// 2 for what the user must fix (the token, the plan id, the host), 1 for failures to
    /// complete the work.
    pub fn exit_code(&self) -> i32 {
        match self {
            ApiError::Unauthorized { .. }
            | ApiError::Forbidden { .. }
            | ApiError::NotFound { .. } => 2,
            ApiError::Status { .. }
            | ApiError::Timeout { .. }
            | ApiError::Transport { .. }
            | ApiError::Malformed { .. } => 1,
        }
    }
}
