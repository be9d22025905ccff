mod checkout;
mod decoy;
mod legacy;
mod subscriptions;
mod tracking;

use tracking::{Message, Tracker};

fn main() {
    let tracker = Tracker::new(|message: Message| println!("{}", serde_json::json!(message)));
    let checkout = checkout::Checkout::new(tracker.clone());
    checkout.start("o-1");
    checkout.complete("o-1");
    subscriptions::trial(&tracker);
    legacy::legacy(&tracker);
    decoy::decoy(&decoy::Store);
}
