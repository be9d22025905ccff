// build.rs
fn main() -> Result<(), tracktype::Error> {
    tracktype::Config::new()
        .use_case("mitigate-cart-abandonment")
        .catalog("tracking/acme.yaml") // the catalog file above; prints cargo:rerun-if-changed
        .generate()?; // writes $OUT_DIR/tracking.rs if it changed
    Ok(())
}
