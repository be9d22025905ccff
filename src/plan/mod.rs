//! Segment tracking plans: imported as catalog documents (either format), and exported as
//! Public-API TRACK rules ready to load into Protocols.

#[cfg(feature = "cli")]
pub mod export;
pub mod import;
pub mod json;

pub use import::Format;
