#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    let _ = tracking::SubscriptionStarted::new(tracking::Plan::Gold, None);
    let _ = tracking::SubscriptionStarted::new("pro", None);
}
