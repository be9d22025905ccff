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

/// Generated at build time from `tests/data/validation/catalog.yaml`: the validation corpus's
/// events.
pub mod validation {
    include!(concat!(env!("OUT_DIR"), "/validation.rs"));
}

/// Generated at build time from `tests/data/plans/config-api.json`.
pub mod fixture_config_api {
    include!(concat!(env!("OUT_DIR"), "/fixture_config_api.rs"));
}

/// Generated at build time from `tests/data/plans/public-api.json`.
pub mod fixture_public_api {
    include!(concat!(env!("OUT_DIR"), "/fixture_public_api.rs"));
}

/// Generated at build time from Typewriter's `plan-config-api-v7.json`.
#[cfg(typewriter)]
pub mod typewriter_v7 {
    include!(concat!(env!("OUT_DIR"), "/typewriter_v7.rs"));
}

/// Generated at build time from Typewriter's `plan-v1.json`.
#[cfg(typewriter)]
pub mod typewriter_v1 {
    include!(concat!(env!("OUT_DIR"), "/typewriter_v1.rs"));
}

/// Generated at build time from Typewriter's `plan-public-api.json`.
#[cfg(typewriter)]
pub mod typewriter_public_api {
    include!(concat!(env!("OUT_DIR"), "/typewriter_public_api.rs"));
}
