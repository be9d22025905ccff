//! The committed examples are exactly what tracktype generates: the repository runs the CI
//! workflow it documents, `tracktype gen --check`, on its own project file.

use crate::support::{root, tracktype_in};

#[test]
fn generated_examples_are_up_to_date() {
    let run = tracktype_in(
        Some(&root().join("generated-examples")),
        &["gen", "--check"],
    );
    assert_eq!(
        run.code, 0,
        "generated-examples/ drifted from the generator; run `tracktype gen` in generated-examples/:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(!run.stdout.contains("drift"), "{}", run.stdout);
}
