//! The cases come from tracktype's random_catalogs test, through `TRACKTYPE_RANDOM_CASES` (a
//! file of modules and checks). Without it, as in `cargo test --workspace`, there are none.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-env-changed=TRACKTYPE_RANDOM_CASES");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let cases = match std::env::var_os("TRACKTYPE_RANDOM_CASES") {
        Some(path) => {
            println!("cargo::rerun-if-changed={}", PathBuf::from(&path).display());
            std::fs::read_to_string(&path).expect("the random cases file")
        }
        None => "/// No cases: tracktype's random_catalogs test provides them.\n\
                 pub fn run() -> (usize, Vec<String>) {\n    (0, Vec::new())\n}\n"
            .to_owned(),
    };
    std::fs::write(out.join("cases.rs"), cases).expect("OUT_DIR is writable");
}
