#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    // Checkout Started requires `order_id`: there is no Default, and `new` takes it.
    let _ = tracking::CheckoutStarted::default();
    let _ = tracking::CheckoutStarted::new();
}
