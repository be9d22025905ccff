// Generates `$OUT_DIR/tracking.rs` with the events of two use cases and the page and screen
// views, extended by the team's own catalog. Cargo reruns this when the catalog changes; an invalid catalog fails the build
// with the same located error as the command line.
fn main() -> Result<(), tracktype::Error> {
    tracktype::Config::new()
        .use_case("mitigate-cart-abandonment")
        .use_case("acquire-paid-subscriptions")
        .event("Page Viewed")
        .event("Screen Viewed")
        .catalog("../catalogs/acme.yaml")
        .generate()?;
    Ok(())
}
