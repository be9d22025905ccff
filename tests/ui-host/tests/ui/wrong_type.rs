#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

fn main() {
    let mut order = tracking::CheckoutStarted::new("o-1");
    order.revenue = Some("ten dollars");
    order.num_items = Some(2.5);
}
