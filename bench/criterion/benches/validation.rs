//! The cost of run-time validation in the generated Rust: a typical Order Completed with 3
//! products (currency pattern, minimums, URI formats), validated as a typed event
//! (`Event::validate`: serialising it to JSON, then the checks) and as JSON already in hand
//! (`validate_event`). `bench/validation.sh` runs it with the TypeScript and Swift figures.

use criterion::{Criterion, criterion_group, criterion_main};

#[allow(dead_code, missing_docs)]
#[rustfmt::skip] // Generated code stays exactly as generated.
#[path = "../../../generated-examples/rust/mitigate-cart-abandonment/tracking.rs"]
mod tracking;

use tracking::Event as _;

fn order() -> tracking::OrderCompleted {
    let products = (1..=3)
        .map(|i| tracking::Product {
            sku: Some(format!("SKU-{i}")),
            name: Some(format!("Product {i}")),
            price: Some(9.99 * f64::from(i)),
            quantity: Some(i64::from(i)),
            position: Some(i64::from(i)),
            url: Some(format!("https://shop.example.com/products/{i}")),
            image_url: Some(format!("https://cdn.example.com/products/{i}.jpg")),
            ..tracking::Product::new(format!("p-{i}"))
        })
        .collect();
    tracking::OrderCompleted {
        revenue: Some(59.94),
        total: Some(64.94),
        shipping: Some(5.0),
        currency: Some("USD".into()),
        products: Some(products),
        ..tracking::OrderCompleted::new("o-1")
    }
}

fn validation(c: &mut Criterion) {
    let order = order();
    assert_eq!(order.validate(), Ok(()));
    c.bench_function("validate Order Completed (typed)", |b| {
        b.iter(|| std::hint::black_box(&order).validate())
    });
    let json = serde_json::to_value(&order).expect("serialises");
    c.bench_function("validate Order Completed (JSON)", |b| {
        b.iter(|| tracking::validate_event("Order Completed", std::hint::black_box(&json)))
    });
}

criterion_group!(benches, validation);
criterion_main!(benches);
