//! One catalog file through the whole pipeline, up to every target's rendered files. It must
//! never panic; an error must be the user's, located and rendered as text (a generator that
//! fails on a valid catalog is a bug); and a second run must generate the same files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tracktype::diagnostic::Place;
use tracktype::error::Error;

fuzz_target!(|data: &[u8]| {
    match tracktype::in_memory::pipeline(data) {
        Ok(files) => {
            let again = tracktype::in_memory::pipeline(data)
                .unwrap_or_else(|e| panic!("the second run failed where the first succeeded: {e}"));
            assert!(files == again, "the second run generated different files");
        }
        Err(e) => check_error(&e, "catalog.yaml"),
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
