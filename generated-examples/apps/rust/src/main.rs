//! A shop that sends both events of mitigate-cart-abandonment.

// The generated module has more than this shop uses.
#[allow(dead_code)]
#[path = "../../../rust/mitigate-cart-abandonment/tracking.rs"]
mod tracking;

use tracking::{CheckoutStarted, Identity, Message, OrderCompleted, Tracker};

fn main() {
    let tracker = Tracker::new(|message: Message| {
        println!("{}", serde_json::to_string(&message).unwrap_or_default());
    });
    tracker.checkout_started(Identity::user("u-1"), CheckoutStarted::new("o-1"));
    let order = OrderCompleted {
        revenue: Some(25.0),
        ..OrderCompleted::new("o-1")
    };
    tracker.order_completed(Identity::user("u-1"), order);
}
