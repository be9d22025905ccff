// Present so that the build-dependencies in Cargo.toml count; see there.
fn main() {}
