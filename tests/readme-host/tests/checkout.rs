//! The README's Rust example does what it says: two Order Completed events, queued as the
//! exact Segment messages.

use std::sync::Mutex;

#[test]
fn checkout_queues_both_orders() {
    let queue = Mutex::new(Vec::new());
    shop::checkout(&queue);
    let sent: Vec<serde_json::Value> = queue
        .into_inner()
        .unwrap()
        .iter()
        .map(|m| {
            let mut v = serde_json::to_value(m).unwrap();
            let context = v.as_object_mut().unwrap().remove("context").unwrap();
            assert_eq!(context["tracktype"]["language"], "rust");
            v
        })
        .collect();
    assert_eq!(
        sent,
        [
            serde_json::json!({
                "type": "track", "event": "Order Completed", "userId": "u-1",
                "properties": { "order_id": "o-1" },
            }),
            serde_json::json!({
                "type": "track", "event": "Order Completed", "anonymousId": "a-7",
                "properties": { "order_id": "o-2", "revenue": 25.0, "coupon": "SPRING" },
            }),
        ]
    );
}
