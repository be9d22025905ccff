#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    // `referrer` is required but nullable: it must be given, as `None` if need be.
    let _ = tracking::SubscriptionStarted::new(tracking::Plan::Pro);
}
