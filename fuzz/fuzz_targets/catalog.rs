//! One catalog file (YAML) through the loader: parse, merge, validate, resolve. It must never
//! panic, and an error must be the user's (not an internal one), with every problem located in
//! the file and rendered as text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tracktype::diagnostic::Place;
use tracktype::error::Error;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = tracktype::in_memory::load_catalog(data) {
        check_error(&e, "catalog.yaml");
    }
});

fn check_error(e: &Error, file: &str) {
    let message = format!("{e}");
    assert!(!message.trim().is_empty(), "an error rendered as empty text");
    let Some(diagnostics) = e.diagnostics() else {
        panic!("not an input error: {message}");
    };
    for d in diagnostics.iter() {
        assert!(
            !matches!(d.place, Place::None),
            "a problem in the file that does not name it: {}",
            d.render(false)
        );
    }
    assert!(message.contains(file), "the error does not name {file}: {message}");
}
