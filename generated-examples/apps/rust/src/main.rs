//! A shop that sends both events of mitigate-cart-abandonment, and says who its customer is
//! and which company they buy for.

// The generated module has more than this shop uses.
#[allow(dead_code)]
#[rustfmt::skip] // Generated code stays exactly as generated.
#[path = "../../../rust/mitigate-cart-abandonment/tracking.rs"]
mod tracking;

use tracking::{
    CheckoutStarted, GroupTraits, IdentifyTraits, Identity, Message, OrderCompleted, Tracker,
};

fn main() {
    let tracker = Tracker::new(|message: Message| {
        println!("{}", serde_json::to_string(&message).unwrap_or_default());
    });
    let customer = Identity::user("u-1");
    tracker.identify(
        &customer,
        IdentifyTraits {
            email: Some("ada@example.com".into()),
            ..IdentifyTraits::new()
        },
    );
    tracker.group(
        &customer,
        "g-1",
        GroupTraits {
            name: Some("Acme".into()),
            ..GroupTraits::new()
        },
    );
    tracker.checkout_started(&customer, CheckoutStarted::new("o-1"));
    let order = OrderCompleted {
        revenue: Some(25.0),
        ..OrderCompleted::new("o-1")
    };
    tracker.order_completed(&customer, order);
}
