//! Every event and call of the example, sent through the real `segment` crate to a collector
//! on loopback started here: exactly the expected requests arrive, and nothing else.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tracktype_build_script_example::segment_sink::SegmentSink;
use tracktype_build_script_example::tracking::{
    CheckoutStarted, GroupTraits, IdentifyTraits, Identity, Message, OrderCompleted,
    OrderCompletedCurrency, PageViewed, Plan, ScreenViewed, SubscriptionStarted, Tracker,
    TrialStarted,
};

/// What the collector received: request line, authorization header, JSON body.
type Received = Arc<Mutex<Vec<(String, String, Value)>>>;

/// A minimal HTTP/1.1 collector: it records each request and answers `200 {}`.
fn collector() -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let received: Received = Arc::default();
    let store = Arc::clone(&received);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
            let mut request = String::new();
            reader.read_line(&mut request).expect("request line");
            let (mut length, mut authorization) = (0, String::new());
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).expect("header");
                if header.trim().is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').unwrap_or_default();
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().expect("length"),
                    "authorization" => authorization = value.trim().to_owned(),
                    _ => {}
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("body");
            let body = serde_json::from_slice(&body).expect("JSON body");
            store
                .lock()
                .expect("lock")
                .push((request.trim().to_owned(), authorization, body));
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}");
        }
    });
    (url, received)
}

#[tokio::test(flavor = "current_thread")]
async fn every_event_reaches_the_collector_exactly() {
    let (url, received) = collector();
    let client = segment::HttpClient::new(reqwest::Client::new(), url);
    let tracker = Tracker::new(SegmentSink::new(client, "write-key"));
    let shopper = Identity::user("u-1");

    tracker
        .checkout_started(Identity::anonymous("a-1"), CheckoutStarted::new("o-1"))
        .await
        .expect("sent");
    let order = OrderCompleted {
        revenue: Some(25.0),
        ..OrderCompleted::new("o-1", OrderCompletedCurrency::Usd)
    };
    tracker
        .order_completed(&shopper, order)
        .await
        .expect("sent");
    tracker
        .subscription_started(&shopper, SubscriptionStarted::new(Plan::Pro, None))
        .await
        .expect("sent");
    tracker
        .trial_started(
            shopper.clone().with_anonymous_id("a-1"),
            TrialStarted::new(),
        )
        .await
        .expect("sent");
    let timed =
        Message::new(&shopper, &CheckoutStarted::new("o-2")).with_timestamp("2026-01-02T03:04:05Z");
    tracker.send(timed).await.expect("sent");
    let page = PageViewed {
        page_name: Some("Pricing".into()),
        page_category: Some("Docs".into()),
        path: Some("/pricing".into()),
        ..PageViewed::new()
    };
    tracker.page_viewed(&shopper, page).await.expect("sent");
    let screen = ScreenViewed {
        screen_title: Some("Cart".into()),
        screen_type: Some("checkout".into()),
        screen_id: Some("s-1".into()),
    };
    tracker.screen_viewed(&shopper, screen).await.expect("sent");
    let traits = IdentifyTraits {
        email: Some("ada@example.com".into()),
        ..IdentifyTraits::new(Plan::Pro)
    };
    tracker.identify(&shopper, traits).await.expect("sent");
    let company = GroupTraits {
        name: Some("Acme".into()),
        employees: Some(12.into()),
        ..GroupTraits::new()
    };
    tracker.group(&shopper, "g-1", company).await.expect("sent");

    let context = json!({ "tracktype": { "language": "rust", "version": tracktype::VERSION } });
    let expected = [
        json!({ "anonymousId": "a-1", "event": "Checkout Started", "properties": { "order_id": "o-1" }, "context": context }),
        json!({ "userId": "u-1", "event": "Order Completed", "properties": { "order_id": "o-1", "currency": "USD", "revenue": 25.0 }, "context": context }),
        json!({ "userId": "u-1", "event": "Subscription Started", "properties": { "plan": "pro", "referrer": null }, "context": context }),
        json!({ "userId": "u-1", "anonymousId": "a-1", "event": "Trial Started", "properties": {}, "context": context }),
        json!({ "userId": "u-1", "event": "Checkout Started", "properties": { "order_id": "o-2" }, "timestamp": "2026-01-02T03:04:05Z", "context": context }),
        json!({ "userId": "u-1", "name": "Pricing", "category": "Docs", "properties": { "path": "/pricing", "category": "Docs" }, "context": context }),
        json!({ "userId": "u-1", "name": "Cart", "category": "checkout", "properties": { "screen_id": "s-1" }, "context": context }),
        json!({ "userId": "u-1", "traits": { "email": "ada@example.com", "plan": "pro" }, "context": context }),
        json!({ "userId": "u-1", "groupId": "g-1", "traits": { "name": "Acme", "employees": 12 }, "context": context }),
    ];
    let paths = [
        "track", "track", "track", "track", "track", "page", "screen", "identify", "group",
    ];
    let received = received.lock().expect("lock").clone();
    assert_eq!(
        received.len(),
        expected.len(),
        "exactly the expected requests: {received:?}"
    );
    for (((request, authorization, body), want), path) in received.iter().zip(&expected).zip(paths)
    {
        assert_eq!(request, &format!("POST /v1/{path} HTTP/1.1"));
        // The write key as the username of HTTP Basic auth, with an empty password.
        assert_eq!(authorization, "Basic d3JpdGUta2V5Og==");
        assert_eq!(body, want);
    }
}
