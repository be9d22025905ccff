mod checkout;
mod decoy;
mod legacy;
mod session;
mod subscriptions;
mod tracking;

use tracking::{Message, Tracker};

fn main() {
    let tracker = Tracker::new(|message: Message| println!("{}", serde_json::json!(message)));
    let checkout = checkout::Checkout::new(tracker.clone());
    checkout.start("o-1");
    checkout.complete("o-1");
    subscriptions::trial(&tracker);
    session::sign_in(&tracker, "u-1", "u@example.com");
    session::join_team(&tracker, "u-1", "t-1");
    legacy::legacy(&tracker);
    decoy::decoy(&decoy::Store);
}
