//! The Public API token: where it comes from, and how it is kept out of every output.
//!
//! The token lives in a [`Secret`], which prints as `[redacted]` and cannot be serialised;
//! the only place its text is read is the `Authorization` header. Any text that may echo it
//! (an error body from the server) goes through [`Secret::redact`] before it is shown.

use std::fmt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostic::Diagnostic;

use super::settings::TOKEN_VARIABLE;

/// What replaces the token wherever it would appear.
pub const REDACTED: &str = "[redacted]";

/// Where a token came from, for error messages that say what to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenSource {
    Environment,
    Command(String),
}

impl fmt::Display for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenSource::Environment => write!(f, "the {TOKEN_VARIABLE} environment variable"),
            TokenSource::Command(command) => {
                write!(
                    f,
                    "the output of `{command}` (token_command in tracktype.yaml)"
                )
            }
        }
    }
}

/// A Public API token.
#[derive(Clone)]
pub struct Secret {
    text: String,
    pub source: TokenSource,
}

impl Secret {
    /// Checks the token's shape: it goes into an HTTP header, so it must be one line of
    /// visible characters.
    pub fn new(raw: &str, source: TokenSource) -> Result<Self, Diagnostic> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(
                Diagnostic::global(format!("{source} is empty")).with_hint(format!(
                    "it must hold a Segment Public API token; {WHERE_TOKENS_ARE}"
                )),
            );
        }
        if !text.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Diagnostic::global(format!(
                "{source} is not a token: it holds spaces, line breaks or other characters a token \
                 never has"
            ))
            .with_hint(format!("it must hold only the token; {WHERE_TOKENS_ARE}")));
        }
        Ok(Self {
            text: text.to_owned(),
            source,
        })
    }

    /// The `Authorization` header's value.
    pub(super) fn bearer(&self) -> String {
        format!("Bearer {}", self.text)
    }

    /// `text` with every occurrence of the token replaced.
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.text, REDACTED)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED}, from {})", self.source)
    }
}

const WHERE_TOKENS_ARE: &str = "a workspace owner creates one in Segment under Settings → \
                                Workspace settings → Access Management → Tokens (a Public API \
                                token)";

/// The token: from `SEGMENT_TOKEN` when it is set, else from the project's `token_command`.
/// `variable` is the variable's value, passed in so the library reads no environment itself.
pub fn resolve(
    variable: Option<&str>,
    command: Option<&str>,
    directory: &Path,
) -> Result<Secret, Diagnostic> {
    if let Some(value) = variable.filter(|v| !v.is_empty()) {
        return Secret::new(value, TokenSource::Environment);
    }
    let Some(command) = command else {
        return Err(Diagnostic::global(format!(
            "no Segment Public API token: {TOKEN_VARIABLE} is not set"
        ))
        .with_hint(format!(
            "set {TOKEN_VARIABLE} (in CI, from a secret), or add `token_command:` under \
             `segment:` in tracktype.yaml, a command that prints the token; {WHERE_TOKENS_ARE}"
        )));
    };
    let source = TokenSource::Command(command.to_owned());
    let output = shell(command)
        .current_dir(directory)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped())
        .output()
        .map_err(|e| {
            Diagnostic::global(format!("cannot run token_command `{command}`: {e}"))
                .with_hint("check the command in tracktype.yaml")
        })?;
    // Its output is never shown: it may be the token, or part of it.
    if !output.status.success() {
        return Err(Diagnostic::global(format!(
            "token_command `{command}` failed ({})",
            output.status
        ))
        .with_hint("run it yourself to see why; it must print the token and exit 0"));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| {
        Diagnostic::global(format!("{source} is not text"))
            .with_hint("it must print only the token")
    })?;
    Secret::new(&text, source)
}

#[cfg(unix)]
fn shell(command: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(command);
    c
}

#[cfg(not(unix))]
fn shell(command: &str) -> Command {
    let mut c = Command::new("cmd");
    c.arg("/C").arg(command);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_prints() {
        let secret = Secret::new("  sgp_abc123\n", TokenSource::Environment).unwrap();
        assert_eq!(secret.bearer(), "Bearer sgp_abc123");
        assert!(!format!("{secret:?}").contains("sgp_abc123"));
        assert_eq!(
            secret.redact("bad token sgp_abc123 (sgp_abc123)"),
            "bad token [redacted] ([redacted])"
        );
    }

    #[test]
    fn tokens_that_would_break_a_header_are_refused_without_being_shown() {
        let err = Secret::new("abc\r\nX-Evil: 1", TokenSource::Environment).unwrap_err();
        let text = err.render(false);
        assert!(!text.contains("X-Evil"), "{text}");
        assert!(Secret::new(" \n", TokenSource::Environment).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_variable_wins_then_the_command_then_a_clear_error() {
        let dir = std::env::temp_dir();
        let from_var = resolve(Some("t1"), Some("exit 1"), &dir).unwrap();
        assert_eq!(from_var.source, TokenSource::Environment);
        let from_command = resolve(None, Some("echo t2"), &dir).unwrap();
        assert_eq!(from_command.bearer(), "Bearer t2");
        // Its output may be the token: it is never shown.
        let failed = resolve(Some(""), Some("echo s3cr3t | tr 3 e; exit 3"), &dir).unwrap_err();
        let text = failed.render(false);
        assert!(text.contains("failed (exit status: 3)"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        let missing = resolve(None, None, &dir).unwrap_err().render(false);
        assert!(missing.contains("SEGMENT_TOKEN"), "{missing}");
        assert!(missing.contains("token_command"), "{missing}");
    }
}
