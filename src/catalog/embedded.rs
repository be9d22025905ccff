//! The default catalog, compiled into the binary so an installed `tracktype` works anywhere.

/// What the embedded files' names start with in diagnostics, telling them from a user's files.
pub const NAME_PREFIX: &str = "(embedded) ";

/// Every file under `catalog/`, by its path in the repository. A test checks that none is
/// missing.
pub const FILES: &[(&str, &str)] = &[
    (
        "catalog/goals.yaml",
        include_str!("../../catalog/goals.yaml"),
    ),
    (
        "catalog/use-cases.yaml",
        include_str!("../../catalog/use-cases.yaml"),
    ),
    (
        "catalog/types.yaml",
        include_str!("../../catalog/types.yaml"),
    ),
    (
        "catalog/traits.yaml",
        include_str!("../../catalog/traits.yaml"),
    ),
    (
        "catalog/events/accounts.yaml",
        include_str!("../../catalog/events/accounts.yaml"),
    ),
    (
        "catalog/events/ecommerce.yaml",
        include_str!("../../catalog/events/ecommerce.yaml"),
    ),
    (
        "catalog/events/mobile.yaml",
        include_str!("../../catalog/events/mobile.yaml"),
    ),
    (
        "catalog/events/onboarding.yaml",
        include_str!("../../catalog/events/onboarding.yaml"),
    ),
    (
        "catalog/events/web.yaml",
        include_str!("../../catalog/events/web.yaml"),
    ),
];

/// The JSON Schema of the catalog format, for editors.
pub const SCHEMA: &str = include_str!("../../catalog/catalog.schema.json");
