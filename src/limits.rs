//! Explicit limits on input, so that hostile or broken files get a clear error instead of a
//! stack overflow or exhausted memory. Documented in docs/guarantees.md.

/// Largest catalog, plan or project file read, in bytes: a plan of 100,000 events of ten
/// properties is about 200 MiB of JSON.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Deepest nesting of YAML collections (mappings and sequences).
pub const MAX_YAML_DEPTH: usize = 64;

/// Most YAML nodes in one file, counting those that aliases expand to ("billion laughs"):
/// about 15,000 events of ten properties. Larger catalogs are several files in a directory,
/// or a plan (JSON, read as it streams).
pub const MAX_YAML_NODES: usize = 1_000_000;

/// Deepest nesting of JSON values in a plan.
pub const MAX_JSON_DEPTH: usize = 64;

/// Most JSON values in one plan: a large real plan holds a few hundred thousand; a file of
/// millions of tiny values would otherwise take a gigabyte of memory.
pub const MAX_JSON_VALUES: usize = 40_000_000;

/// Deepest nesting of object properties and array items in one property's type.
pub const MAX_SCHEMA_DEPTH: usize = 24;

/// Most events in the resolved catalog, the embedded catalog's aside: a plan of 100,000
/// events loads with it.
pub const MAX_EVENTS: usize = 100_000;

/// Most properties of one event or object.
pub const MAX_PROPERTIES: usize = 1_000;

/// Most files read from one `--catalog` directory.
pub const MAX_FILES_PER_DIRECTORY: usize = 1_000;

/// Most errors rendered in one report; the rest are counted. A plan of millions of bad events
/// would otherwise take minutes to print.
pub const MAX_ERRORS_SHOWN: usize = 50;
