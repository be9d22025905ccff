//! What must not compile: leaving out a required property or trait, a value of the wrong type
//! (of a property or a trait), an enum value that is not in the list, and sending something
//! that is not an event.

#[test]
fn misuse_of_generated_types_does_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
