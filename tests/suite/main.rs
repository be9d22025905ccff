//! tracktype's integration tests: one binary, one module per area.

mod support;

mod catalog_facts;
mod catalog_validation;
mod cli_catalog;
mod determinism;
mod examples;
mod fuzz_regressions;
mod gen_check;
mod malformed;
mod plans;
mod project_file;
mod random_catalogs;
mod rust;
mod status;
mod swift;
mod typescript;
