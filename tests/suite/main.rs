//! tracktype's integration tests: one binary, one module per area.

mod support;

mod catalog_facts;
mod catalog_validation;
mod cli_catalog;
mod examples;
mod gen_check;
mod plans;
mod project_file;
mod rust;
mod swift;
mod typescript;
