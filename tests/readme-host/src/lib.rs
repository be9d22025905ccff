// src/lib.rs
pub mod tracking {
    include!(concat!(env!("OUT_DIR"), "/tracking.rs"));
}

use std::sync::Mutex;
use tracking::{Identity, Message, OrderCompleted, Tracker};

/// Queues the shop's events for a client to send (any `Fn(Message)` is a sink).
pub fn checkout(queue: &Mutex<Vec<Message>>) {
    let tracker = Tracker::new(|message| queue.lock().unwrap().push(message));
    tracker.order_completed(Identity::user("u-1"), OrderCompleted::new("o-1"));
    let order = OrderCompleted::new("o-2").revenue(25.0).coupon("SPRING");
    tracker.order_completed(Identity::anonymous("a-7"), order);
}
