//! tracktype's integration tests: one binary, one module per area.

mod support;

mod browser;
mod catalog_facts;
mod catalog_schema;
mod catalog_validation;
mod cli_catalog;
mod cli_usage;
mod determinism;
mod docs;
mod docs_browser;
mod docs_facts;
mod examples;
mod fuzz_regressions;
mod gen_check;
mod malformed;
mod manual;
mod mock_api;
mod plans;
mod project_file;
mod protocols;
mod random_catalogs;
mod readme;
mod rust;
mod rust_format;
mod schema_fidelity;
mod status;
mod swift;
mod typescript;
mod validation;
mod web_browser;
