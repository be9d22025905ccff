use std::io;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Everything that can go wrong, in two families: input the user must fix (`Invalid`, exit
/// code 2) and failures to complete the work (`Write`, `Internal`, exit code 1).
#[derive(thiserror::Error)]
pub enum Error {
    /// A catalog, plan or project file is invalid, or the request names something unknown.
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    /// Segment's Public API refused a request or could not be reached (`pull`, `push`).
    #[cfg(feature = "cli")]
    #[error(transparent)]
    Api(#[from] crate::protocols::ApiError),
    /// A bug in tracktype: a template that fails to render or produces invalid code.
    #[error("internal error: {0}\nthis is a bug in tracktype; please report it")]
    Internal(String),
}

/// The same text as `Display`: a build script's `main` that returns `Result` prints its error
/// with `Debug`, and should show the located, readable message.
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl Error {
    /// The process exit code the command line uses for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) => 2,
            Error::Write { .. } | Error::Internal(_) => 1,
            #[cfg(feature = "cli")]
            Error::Api(e) => e.exit_code(),
        }
    }

    /// The diagnostics of an `Invalid` error.
    pub fn diagnostics(&self) -> Option<&Diagnostics> {
        match self {
            Error::Invalid(d) => Some(d),
            _ => None,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Invalid(d.into())
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Invalid(d)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
