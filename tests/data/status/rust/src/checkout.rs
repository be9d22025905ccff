use crate::tracking::{CheckoutStarted, Identity, OrderCompleted as Order, Sink, Tracker};

pub struct Checkout<S> {
    tracker: Tracker<S>,
}

/// Same name as a tracker method, but not a tracker.
struct Cart;

impl Cart {
    fn subscription_started(&self) {}
}

impl<S: Sink> Checkout<S> {
    pub fn new(tracker: Tracker<S>) -> Self {
        Self { tracker }
    }

    pub fn start(&self, order_id: &str) {
        // self.tracker.subscription_started(..) in a comment is not a call.
        Cart.subscription_started();
        let analytics = &self.tracker;
        analytics
            .checkout_started(Identity::user("u-1"), CheckoutStarted::new(order_id));
    }

    pub fn complete(&self, order_id: &str) -> &'static str {
        let order = Order {
            revenue: Some(25.0),
            ..Order::new(order_id)
        };
        self.tracker.track(Identity::user("u-1"), order);
        "self.tracker.subscription_started() in a string is not a call"
    }
}
