//! Run-time validation in Rust: the shared corpus (`tests/data/validation/corpus.json`) gives
//! exactly the violations it lists, as in TypeScript and Swift; the embedded catalog's
//! constraints are checked on typed events; and the tracker hands violations to its handler
//! before sending.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tracktype_rust_host::{all_use_cases as all, mitigate_cart_abandonment as mca, validation};

/// A result's violations as `[path, keyword, expected, value]` rows, as the corpus lists them
/// (each generated module has a `Violations` type of its own).
macro_rules! rows_of {
    ($result:expr) => {
        match $result {
            Ok(()) => json!([]),
            Err(v) => Value::Array(
                v.0.into_iter()
                    .map(|v| json!([v.path, v.keyword, v.expected, v.value]))
                    .collect(),
            ),
        }
    };
}

/// Numbers compare by value: `140` and `140.0` are the same JSON number.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn the_corpus_gives_exactly_its_violations() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/validation/corpus.json"
    );
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for case in corpus["cases"].as_array().unwrap() {
        let event = case["event"].as_str().unwrap();
        let got = rows_of!(validation::validate_event(event, &case["properties"]));
        if !same(&got, &case["violations"]) {
            failures.push(format!(
                "{event} {}:\n  expected {}\n  got      {got}",
                case["properties"], case["violations"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn typed_events_are_validated_against_the_embedded_catalog() {
    use mca::Event as _;
    let mut order = mca::OrderCompleted::new("o-1");
    assert_eq!(order.validate(), Ok(()));
    order.currency = Some("usd".into());
    let mut product = mca::Product::new("p-1");
    product.quantity = Some(-1);
    product.url = Some("not a url".into());
    order.products = Some(vec![product]);
    assert_eq!(
        rows_of!(order.validate()),
        json!([
            ["/products/0/quantity", "minimum", "0", -1],
            ["/products/0/url", "format", "uri", "not a url"],
            ["/currency", "pattern", "^[A-Z]{3}$", "usd"],
        ])
    );
    let scrolled = all::PageScrolled {
        pct_scrolled: Some(140.0),
        ..all::PageScrolled::new()
    };
    assert_eq!(
        rows_of!(all::Event::validate(&scrolled)),
        json!([["/pct_scrolled", "maximum", "100", 140.0]])
    );
    let err = order.validate().unwrap_err();
    assert!(
        err.to_string()
            .contains("/currency pattern: expected ^[A-Z]{3}$, got \"usd\""),
        "{err}"
    );
}

#[test]
fn the_tracker_hands_violations_to_its_handler_and_sends() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sent = Arc::new(Mutex::new(Vec::new()));
    let (seen_in, sent_in) = (Arc::clone(&seen), Arc::clone(&sent));
    let tracker = mca::Tracker::new(move |m: mca::Message| sent_in.lock().unwrap().push(m))
        .on_violation(move |event, violations| {
            seen_in
                .lock()
                .unwrap()
                .push((event.to_owned(), violations.0.len()));
        });
    let order = mca::OrderCompleted {
        currency: Some("usd".into()),
        ..mca::OrderCompleted::new("o-1")
    };
    tracker.order_completed(mca::Identity::user("u"), order);
    tracker.order_completed(mca::Identity::user("u"), mca::OrderCompleted::new("o-2"));
    let traits = mca::IdentifyTraits {
        email: Some("nobody".into()),
        ..Default::default()
    };
    tracker.identify(mca::Identity::user("u"), traits);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            ("Order Completed".to_owned(), 1),
            ("identify".to_owned(), 1)
        ]
    );
    assert_eq!(sent.lock().unwrap().len(), 3, "the default is to send");
}

#[test]
#[should_panic(expected = "breaks the plan")]
fn a_handler_that_panics_stops_the_call() {
    let tracker = mca::Tracker::new(|_: mca::Message| unreachable!("not sent"))
        .on_violation(|event, _| panic!("{event} breaks the plan"));
    let order = mca::OrderCompleted {
        currency: Some("usd".into()),
        ..mca::OrderCompleted::new("o-1")
    };
    tracker.order_completed(mca::Identity::user("u"), order);
}

/// Typewriter's end-to-end plan: its "string with regex" cases, `Lawyer Morty|Evil Morty`.
#[cfg(typewriter)]
#[test]
fn typewriters_string_with_regex() {
    use tracktype_rust_host::typewriter_v7 as tw;
    use tw::Event as _;
    assert_eq!(
        tw::CustomViolationHandler::new("Evil Morty").validate(),
        Ok(())
    );
    assert_eq!(
        rows_of!(tw::CustomViolationHandler::new("Rick").validate()),
        json!([[
            "/regex property",
            "pattern",
            "Lawyer Morty|Evil Morty",
            "Rick"
        ]])
    );
}
