//! HTTP to Segment's Public API for one tracking plan: the token in a header and nowhere else,
//! timeouts on every request, retries with backoff on 429 and 5xx, and errors that say what
//! to check.

use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::limits;

use super::error::{ApiError, Call, Retried};
use super::retry::{self, Policy};
use super::settings::{ApiUrl, PlanId};
use super::token::Secret;

/// The media type the Public API documents for request bodies.
const BODY_TYPE: &str = "application/vnd.segment.v1+json";

/// A client for one tracking plan's calls.
pub struct Client {
    agent: ureq::Agent,
    api_url: ApiUrl,
    token: Secret,
    plan: PlanId,
    policy: Policy,
}

/// A request's method, and its body for those that have one.
#[derive(Clone, Copy)]
enum Method<'a> {
    Get,
    Patch(&'a Value),
    Delete,
}

impl Method<'_> {
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Patch(_) => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What one try gave.
enum Attempt {
    Done(String),
    /// Worth retrying (429, 5xx): the error if no retry is left, and the wait the server
    /// asked for.
    Retry(ApiError, Option<Duration>),
    Failed(ApiError),
}

impl Client {
    pub fn new(api_url: ApiUrl, token: Secret, plan: PlanId, policy: Policy) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(policy.timeout))
            .http_status_as_error(false)
            // The token must go to the configured host only: a redirect is reported, not
            // followed.
            .max_redirects(0)
            .user_agent(format!("tracktype/{}", crate::VERSION))
            .accept("application/json")
            .build();
        Self {
            agent: config.into(),
            api_url,
            token,
            plan,
            policy,
        }
    }

    pub fn plan(&self) -> &PlanId {
        &self.plan
    }

    /// GETs `path` with `query`, and parses the answer as JSON.
    pub fn get(&self, path: &str, query: &[(String, String)]) -> Result<Value, ApiError> {
        let text = self.send(Method::Get, path, query)?;
        serde_json::from_str(&text).map_err(|e| {
            self.malformed(
                "GET",
                path,
                format!(
                    "the body is not JSON ({e}): {}",
                    excerpt(&self.token.redact(&text))
                ),
            )
        })
    }

    /// PATCHes `path` with a JSON body. The answer's body is not needed.
    pub fn patch(&self, path: &str, body: &Value) -> Result<(), ApiError> {
        self.send(Method::Patch(body), path, &[]).map(drop)
    }

    /// DELETEs `path` with `query`. The answer's body is not needed.
    pub fn delete(&self, path: &str, query: &[(String, String)]) -> Result<(), ApiError> {
        self.send(Method::Delete, path, query).map(drop)
    }

    /// An error for an answer whose content is not what the API documents.
    pub fn malformed(&self, method_name: &'static str, path: &str, reason: String) -> ApiError {
        ApiError::Malformed {
            call: Call {
                method: method_name,
                path: path.to_owned(),
            },
            reason: self.token.redact(&reason),
            api_url: self.api_url.to_string(),
        }
    }

    fn send(
        &self,
        method: Method<'_>,
        path: &str,
        query: &[(String, String)],
    ) -> Result<String, ApiError> {
        let url = format!("{}{path}{}", self.api_url, query_string(query));
        let mut waited = Duration::ZERO;
        let mut tries = 1;
        loop {
            match self.attempt(method, path, &url, tries) {
                Attempt::Done(body) => return Ok(body),
                Attempt::Failed(e) => return Err(e),
                Attempt::Retry(e, asked) => {
                    let Some(wait) = self.policy.wait(tries + 1, waited, asked) else {
                        return Err(e);
                    };
                    std::thread::sleep(wait);
                    waited += wait;
                    tries += 1;
                }
            }
        }
    }

    fn attempt(&self, method: Method<'_>, path: &str, url: &str, tries: u32) -> Attempt {
        let call = Call {
            method: method.name(),
            path: path.to_owned(),
        };
        let authorization = self.token.bearer();
        let result = match method {
            Method::Get => self
                .agent
                .get(url)
                .header("Authorization", &authorization)
                .call(),
            Method::Delete => self
                .agent
                .delete(url)
                .header("Authorization", &authorization)
                .call(),
            Method::Patch(body) => self
                .agent
                .patch(url)
                .header("Authorization", &authorization)
                .header("Content-Type", BODY_TYPE)
                .send(body.to_string()),
        };
        let mut response = match result {
            Ok(r) => r,
            Err(e) => return Attempt::Failed(self.transport_error(call, &e)),
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header("retry-after");
        let location = header("location");
        let body = match response
            .body_mut()
            .with_config()
            .limit(limits::MAX_FILE_BYTES)
            .lossy_utf8(true)
            .read_to_string()
        {
            Ok(text) => text,
            Err(e) => return Attempt::Failed(self.transport_error(call, &e)),
        };
        if (200..300).contains(&status) {
            return Attempt::Done(body);
        }
        let plan = self.plan.to_string();
        let detail = self.token.redact(&server_message(&body));
        match status {
            401 => Attempt::Failed(ApiError::Unauthorized {
                plan,
                token_from: self.token.source.to_string(),
            }),
            403 => Attempt::Failed(ApiError::Forbidden {
                plan,
                need: if matches!(method, Method::Get) {
                    "read"
                } else {
                    "write"
                },
                detail,
            }),
            404 => Attempt::Failed(ApiError::NotFound {
                plan,
                api_url: self.api_url.to_string(),
            }),
            429 | 500..=599 => {
                let asked = retry_after
                    .as_deref()
                    .and_then(|v| retry::retry_after(v, SystemTime::now()))
                    .or_else(|| rate_limit_wait(&body));
                Attempt::Retry(
                    ApiError::Status {
                        call,
                        status,
                        detail,
                        retried: Retried(tries),
                    },
                    asked,
                )
            }
            300..=399 => Attempt::Failed(ApiError::Status {
                call,
                status,
                detail: format!(
                    ": a redirect to {}, which tracktype does not follow; if that is the Public \
                     API, give it as --api-url",
                    self.token
                        .redact(location.as_deref().unwrap_or("an unnamed address"))
                ),
                retried: Retried(tries),
            }),
            _ => Attempt::Failed(ApiError::Status {
                call,
                status,
                detail,
                retried: Retried(tries),
            }),
        }
    }

    fn transport_error(&self, call: Call, e: &ureq::Error) -> ApiError {
        let timed_out = match e {
            ureq::Error::Timeout(_) => true,
            ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::TimedOut,
            _ => false,
        };
        if timed_out {
            return ApiError::Timeout {
                call,
                after: self.policy.timeout,
            };
        }
        let reason = match e {
            ureq::Error::HostNotFound => "host not found".to_owned(),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                "connection refused".to_owned()
            }
            other => other.to_string(),
        };
        ApiError::Transport {
            call,
            reason: self.token.redact(&reason),
            api_url: self.api_url.to_string(),
        }
    }
}

/// `?a=1&b=2`, each part percent-encoded, or nothing.
fn query_string(query: &[(String, String)]) -> String {
    if query.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect();
    format!("?{}", pairs.join("&"))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The messages of the Public API's error envelope (`{"errors": [{"message": ...}]}`), or the
/// start of the body when it is something else.
fn server_message(body: &str) -> String {
    let messages: Vec<String> = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("errors").and_then(Value::as_array).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.get("message").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    let text = if messages.is_empty() {
        body.trim().to_owned()
    } else {
        messages.join("; ")
    };
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", excerpt(&text))
    }
}

/// Segment's documented 429 body gives the wait in `errors[].data.msBeforeNext`.
fn rate_limit_wait(body: &str) -> Option<Duration> {
    let v: Value = serde_json::from_str(body).ok()?;
    v.get("errors")?
        .as_array()?
        .iter()
        .find_map(|e| e.get("data")?.get("msBeforeNext")?.as_u64())
        .map(Duration::from_millis)
}

/// At most 200 characters of `text` on one line, for a message.
fn excerpt(text: &str) -> String {
    const MAX: usize = 200;
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() > MAX {
        let cut: String = flat.chars().take(MAX).collect();
        format!("{cut}…")
    } else if flat.is_empty() {
        "(empty)".to_owned()
    } else {
        flat.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_percent_encoded() {
        assert_eq!(
            query_string(&[
                ("pagination[cursor]".into(), "Mw==".into()),
                ("k".into(), "Order Completed".into())
            ]),
            "?pagination%5Bcursor%5D=Mw%3D%3D&k=Order%20Completed"
        );
        assert_eq!(query_string(&[]), "");
    }

    #[test]
    fn server_messages_come_from_the_error_envelope() {
        let body = r#"{"errors":[{"type":"RequestError","message":"Too many requests","data":{"msBeforeNext":1500}}]}"#;
        assert_eq!(server_message(body), ": Too many requests");
        assert_eq!(rate_limit_wait(body), Some(Duration::from_millis(1500)));
        assert_eq!(
            server_message("<html>\n\tbad gateway</html>"),
            ": <html>  bad gateway</html>"
        );
        assert_eq!(server_message(""), "");
        assert_eq!(excerpt(&"x".repeat(300)).chars().count(), 201);
    }
}
