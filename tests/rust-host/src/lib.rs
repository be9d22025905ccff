//! The committed Rust examples, compiled as a user's crate would compile them: with every
//! warning (missing documentation included) an error, and linted by clippy in the test suite.

#![deny(warnings, missing_docs)]

/// `tracktype gen --lang rust --use-case mitigate-cart-abandonment`
#[rustfmt::skip] // Generated code stays exactly as generated.
#[path = "../../../generated-examples/rust/mitigate-cart-abandonment/tracking.rs"]
pub mod mitigate_cart_abandonment;

/// `tracktype gen --lang rust --all`
#[rustfmt::skip] // Generated code stays exactly as generated.
#[path = "../../../generated-examples/rust/all-use-cases/tracking.rs"]
pub mod all_use_cases;

/// `tracktype --catalog catalogs/acme.yaml gen --lang rust --use-case ...`
#[rustfmt::skip] // Generated code stays exactly as generated.
#[path = "../../../generated-examples/rust/acme/tracking.rs"]
pub mod acme;
