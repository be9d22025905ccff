#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    let tracker = tracking::Tracker::new(|m: tracking::Message| m);
    // Acme's catalog requires the `plan` trait: the constructor takes it, and there is no
    // `Default` to leave it out with.
    tracker.identify(tracking::Identity::user("u-1"), tracking::IdentifyTraits::new());
    tracker.identify(tracking::Identity::user("u-1"), Default::default());
}
