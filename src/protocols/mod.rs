//! Segment Protocols through Segment's Public API: `pull` a tracking plan into a file that
//! `--plan` reads, and `push` the rules of the chosen use cases into a tracking plan.
//!
//! The project file's `segment:` section ([`settings`]) is read with or without the `cli`
//! feature; talking HTTP needs it.

pub mod settings;

#[cfg(feature = "cli")]
pub mod api;
#[cfg(feature = "cli")]
pub mod canonical;
#[cfg(feature = "cli")]
pub mod client;
#[cfg(feature = "cli")]
pub mod error;
#[cfg(feature = "cli")]
pub mod pull;
#[cfg(feature = "cli")]
pub mod push;
#[cfg(feature = "cli")]
pub mod retry;
#[cfg(feature = "cli")]
pub mod token;

#[cfg(feature = "cli")]
pub use error::ApiError;
