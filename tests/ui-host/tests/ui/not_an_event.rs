#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    let tracker = tracking::Tracker::new(|_message: tracking::Message| {});
    // Events are types: a name is not one, nor is a nested type.
    tracker.track(tracking::Identity::user("u-1"), "Order Completed");
    tracker.track(tracking::Identity::user("u-1"), tracking::Product::new("p-1"));
}
