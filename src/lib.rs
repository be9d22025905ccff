//! tracktype turns Segment's use cases and tracking plans into typed tracking SDKs for Rust,
//! TypeScript and Swift.
//!
//! One pipeline, one module per stage:
//!
//! 1. [`catalog`]: catalog files → load and validate → the typed [`model`] (the IR);
//! 2. [`select`]: goals, use cases and events → the events to generate;
//! 3. [`lang`]: per-language view models (names decided in Rust) → templates;
//! 4. [`writer`]: the generated files → disk, or a drift check.
//!
//! The command line (feature `cli`) and the build-script API ([`Config`]) are thin layers over
//! the same library.

pub mod catalog;
#[cfg(feature = "cli")]
pub mod cli;
pub mod describe;
pub mod diagnostic;
pub mod error;
pub mod json_schema;
pub mod limits;
pub mod model;
pub mod select;
pub(crate) mod suggest;
pub(crate) mod yaml;

pub use error::{Error, Result};
