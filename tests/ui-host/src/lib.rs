//! Nothing: the cases in `tests/ui` each include a committed generated module by path, and
//! must fail to compile (see `tests/compile_fail.rs`).
