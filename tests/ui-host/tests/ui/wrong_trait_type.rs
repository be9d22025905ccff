#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    let tracker = tracking::Tracker::new(|m: tracking::Message| m);
    let mut traits = tracking::IdentifyTraits::new(tracking::Plan::Pro);
    traits.plan = "gold";
    traits.age = Some("thirty");
    let mut account = tracking::GroupTraits::new();
    account.seats = Some(2.5);
    tracker.identify(tracking::Identity::user("u-1"), traits);
    tracker.group(tracking::Identity::user("u-1"), "g-1", account);
}
