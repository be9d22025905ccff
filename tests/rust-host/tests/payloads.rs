//! Every event of the Rust examples serialises to exactly the expected Segment `properties`,
//! and the tracker builds exactly the expected track message.

use std::cell::RefCell;

use serde_json::{json, Value};
use tracktype_rust_host::{acme, all_use_cases as all, mitigate_cart_abandonment as mca};

fn props<E: serde::Serialize>(event: &E) -> Value {
    serde_json::to_value(event).expect("serialises")
}

fn tracktype_context() -> Value {
    json!({ "language": "rust", "version": tracktype::VERSION })
}

#[test]
fn every_message_carries_the_tracktype_context() {
    let message = mca::Message::new(mca::Identity::user("u"), &mca::OrderCompleted::new("o"));
    assert_eq!(
        Value::Object(message.context),
        json!({ "tracktype": tracktype_context() })
    );
}

#[test]
fn mitigate_cart_abandonment_events() {
    let mut checkout = mca::CheckoutStarted::new("o-1");
    checkout.num_items = Some(2);
    checkout.coupon = Some("SPRING".into());
    checkout.total = Some(30.5);
    assert_eq!(
        props(&checkout),
        json!({ "order_id": "o-1", "num_items": 2, "coupon": "SPRING", "total": 30.5 })
    );

    let mut product = mca::Product::new("p-1");
    product.price = Some(12.5);
    product.quantity = Some(2);
    let order = mca::OrderCompleted {
        revenue: Some(25.0),
        products: Some(vec![product]),
        ..mca::OrderCompleted::new("o-1")
    };
    assert_eq!(
        props(&order),
        json!({ "order_id": "o-1", "revenue": 25.0, "products": [{ "product_id": "p-1", "price": 12.5, "quantity": 2 }] })
    );
    // The same, with a setter per optional property.
    let built = mca::OrderCompleted::new("o-1")
        .revenue(25.0)
        .products(vec![mca::Product {
            price: Some(12.5),
            quantity: Some(2),
            ..mca::Product::new("p-1")
        }]);
    assert_eq!(props(&built), props(&order));
    assert_eq!(
        <mca::CheckoutStarted as mca::Event>::NAME,
        "Checkout Started"
    );
    assert_eq!(<mca::OrderCompleted as mca::Event>::NAME, "Order Completed");
}

#[test]
fn the_tracker_builds_the_full_message_and_hands_it_to_the_sink() {
    let sent: RefCell<Vec<Value>> = RefCell::new(Vec::new());
    let mut app = serde_json::Map::new();
    app.insert("app".into(), json!({ "name": "shop" }));
    let tracker = mca::Tracker::new(|m: mca::Message| {
        sent.borrow_mut().push(serde_json::to_value(m).unwrap())
    })
    .with_context(app)
    // Context is added, not replaced.
    .with_context(serde_json::Map::new());

    let user = mca::Identity::user("u-1");
    tracker.order_completed(&user, mca::OrderCompleted::new("o-1"));
    tracker.checkout_started(
        mca::Identity::anonymous("a-1"),
        mca::CheckoutStarted::new("o-2"),
    );
    tracker.track(
        user.clone().with_anonymous_id("a-1"),
        mca::OrderCompleted::new("o-3"),
    );
    let mut page = serde_json::Map::new();
    page.insert("page".into(), json!({ "path": "/cart" }));
    page.insert("tracktype".into(), json!("must not replace tracktype's"));
    tracker.send(
        mca::Message::new(&user, &mca::CheckoutStarted::new("o-4"))
            .with_timestamp("2026-01-02T03:04:05Z")
            .with_context(page),
    );

    let tracktype = tracktype_context();
    assert_eq!(
        sent.into_inner(),
        [
            json!({ "type": "track", "event": "Order Completed", "userId": "u-1", "properties": { "order_id": "o-1" },
                    "context": { "app": { "name": "shop" }, "tracktype": tracktype } }),
            json!({ "type": "track", "event": "Checkout Started", "anonymousId": "a-1", "properties": { "order_id": "o-2" },
                    "context": { "app": { "name": "shop" }, "tracktype": tracktype } }),
            json!({ "type": "track", "event": "Order Completed", "userId": "u-1", "anonymousId": "a-1", "properties": { "order_id": "o-3" },
                    "context": { "app": { "name": "shop" }, "tracktype": tracktype } }),
            json!({ "type": "track", "event": "Checkout Started", "userId": "u-1", "properties": { "order_id": "o-4" },
                    "timestamp": "2026-01-02T03:04:05Z",
                    "context": { "app": { "name": "shop" }, "page": { "path": "/cart" }, "tracktype": tracktype } }),
        ]
    );
}

#[test]
fn with_context_adds_to_the_trackers_context() {
    let sent: RefCell<Vec<Value>> = RefCell::new(Vec::new());
    let context = |key: &str, value: Value| {
        let mut map = serde_json::Map::new();
        map.insert(key.into(), value);
        map
    };
    let tracker = mca::Tracker::new(|m: mca::Message| {
        sent.borrow_mut().push(serde_json::to_value(m).unwrap())
    })
    .with_context(context("app", json!({ "name": "shop" })))
    .with_context(context("locale", json!("en-GB")))
    .with_context(context("app", json!({ "name": "shop", "version": "2" })));
    tracker.order_completed(mca::Identity::user("u-1"), mca::OrderCompleted::new("o-1"));
    assert_eq!(
        sent.into_inner()[0]["context"],
        json!({ "app": { "name": "shop", "version": "2" }, "locale": "en-GB", "tracktype": tracktype_context() })
    );
}

#[test]
fn page_and_screen_events_are_page_and_screen_calls_and_traits_go_with_identify_and_group() {
    let sent: RefCell<Vec<Value>> = RefCell::new(Vec::new());
    let tracker = all::Tracker::new(|m: all::Message| {
        sent.borrow_mut().push(serde_json::to_value(m).unwrap())
    });
    let user = all::Identity::user("u-1");

    tracker.page_viewed(
        &user,
        all::PageViewed {
            page_name: Some("Pricing".into()),
            page_category: Some("Docs".into()),
            path: Some("/pricing".into()),
            ..Default::default()
        },
    );
    // Without its name property, a page call has no name, as analytics.js's `page()`.
    tracker.page_viewed(&user, all::PageViewed::new());
    tracker.screen_viewed(
        &user,
        all::ScreenViewed {
            screen_title: Some("Cart".into()),
            screen_type: Some("checkout".into()),
            screen_id: Some("s-1".into()),
        },
    );
    tracker.identify(
        &user,
        all::IdentifyTraits {
            email: Some("ada@example.com".into()),
            company: Some(all::Company {
                name: Some("Acme".into()),
                ..Default::default()
            }),
            ..Default::default()
        },
    );
    tracker.group(
        &user,
        "g-1",
        all::GroupTraits {
            name: Some("Acme".into()),
            employees: Some(all::GroupTraitsEmployees::from("11-50")),
            ..Default::default()
        },
    );

    let context = json!({ "tracktype": tracktype_context() });
    assert_eq!(
        sent.into_inner(),
        [
            json!({ "type": "page", "name": "Pricing", "category": "Docs", "userId": "u-1",
                    "properties": { "path": "/pricing", "category": "Docs" }, "context": context }),
            json!({ "type": "page", "userId": "u-1", "properties": {}, "context": context }),
            json!({ "type": "screen", "name": "Cart", "category": "checkout", "userId": "u-1",
                    "properties": { "screen_id": "s-1" }, "context": context }),
            json!({ "type": "identify", "userId": "u-1",
                    "traits": { "email": "ada@example.com", "company": { "name": "Acme" } }, "context": context }),
            json!({ "type": "group", "groupId": "g-1", "userId": "u-1",
                    "traits": { "name": "Acme", "employees": "11-50" }, "context": context }),
        ]
    );
    assert_eq!(
        <all::PageViewed as all::Event>::CALL,
        all::EventCall::Page {
            name: Some("page_name"),
            category: Some("page_category")
        }
    );
}

#[test]
fn a_sink_can_fail_and_the_tracker_returns_its_result() {
    let tracker = mca::Tracker::new(|m: mca::Message| {
        if matches!(&m.call, mca::Call::Track { event } if event == "Order Completed") {
            Err("offline")
        } else {
            Ok(())
        }
    });
    assert_eq!(
        tracker.order_completed(mca::Identity::user("u"), mca::OrderCompleted::new("o")),
        Err("offline")
    );
    assert_eq!(
        tracker.checkout_started(mca::Identity::user("u"), mca::CheckoutStarted::new("o")),
        Ok(())
    );
}

#[test]
fn every_event_of_every_use_case() {
    let cases: Vec<(&str, Value, Value)> = vec![
        (
            <all::ApplicationInstalled as all::Event>::NAME,
            props(&all::ApplicationInstalled {
                version: Some("1.0".into()),
                build: Some("100".into()),
                from_background: Some(false),
                ..Default::default()
            }),
            json!({ "version": "1.0", "build": "100", "from_background": false }),
        ),
        (
            <all::ApplicationOpened as all::Event>::NAME,
            props(&all::ApplicationOpened {
                from_background: Some(true),
                url: Some("app://home".into()),
                screen_id: Some("s".into()),
                ..Default::default()
            }),
            json!({ "from_background": true, "url": "app://home", "screen_id": "s" }),
        ),
        (
            <all::CheckoutStarted as all::Event>::NAME,
            props(&all::CheckoutStarted {
                discount: Some(2.0),
                value: Some(8.5),
                currency: Some("USD".into()),
                ..all::CheckoutStarted::new("o-1")
            }),
            json!({ "order_id": "o-1", "discount": 2.0, "value": 8.5, "currency": "USD" }),
        ),
        (
            <all::InstallAttributed as all::Event>::NAME,
            props(&all::InstallAttributed {
                provider: Some("Branch".into()),
                campaign: Some(all::Campaign {
                    source: Some("ads".into()),
                    ad_group: Some("g".into()),
                    ..Default::default()
                }),
            }),
            json!({ "provider": "Branch", "campaign": { "source": "ads", "ad_group": "g" } }),
        ),
        (
            <all::OnboardingCompleted as all::Event>::NAME,
            props(&all::OnboardingCompleted::new()),
            json!({}),
        ),
        (
            <all::OnboardingStepCompleted as all::Event>::NAME,
            props(&all::OnboardingStepCompleted {
                step_number: Some(1),
                total_steps: Some(3),
                pct_completed: Some(33.3),
                ..all::OnboardingStepCompleted::new("profile")
            }),
            json!({ "step_name": "profile", "step_number": 1, "total_steps": 3, "pct_completed": 33.3 }),
        ),
        (
            <all::OrderCompleted as all::Event>::NAME,
            props(&all::OrderCompleted {
                products: Some(vec![all::Product {
                    image_url: Some("https://x/y.png".into()),
                    ..all::Product::new("p")
                }]),
                ..all::OrderCompleted::new("o-2")
            }),
            json!({ "order_id": "o-2", "products": [{ "product_id": "p", "image_url": "https://x/y.png" }] }),
        ),
        (
            <all::PageScrolled as all::Event>::NAME,
            props(&all::PageScrolled {
                pct_scrolled: Some(75.0),
                page_category: Some("blog".into()),
            }),
            json!({ "pct_scrolled": 75.0, "page_category": "blog" }),
        ),
        (
            <all::PageViewed as all::Event>::NAME,
            props(&all::PageViewed {
                page_name: Some("Home".into()),
                ..Default::default()
            }),
            json!({ "page_name": "Home" }),
        ),
        (
            <all::ProductAddedToCart as all::Event>::NAME,
            props(&all::ProductAddedToCart {
                product_price: Some(3.0),
                ..all::ProductAddedToCart::new("p-1")
            }),
            json!({ "product_id": "p-1", "product_price": 3.0 }),
        ),
        (
            <all::ScreenViewed as all::Event>::NAME,
            props(&all::ScreenViewed {
                screen_id: Some("s-1".into()),
                ..Default::default()
            }),
            json!({ "screen_id": "s-1" }),
        ),
        (
            <all::SignedIn as all::Event>::NAME,
            props(&all::SignedIn {
                username: Some("ada".into()),
                ..Default::default()
            }),
            json!({ "username": "ada" }),
        ),
        (
            <all::SignedUp as all::Event>::NAME,
            props(&all::SignedUp {
                first_name: Some("Ada".into()),
                email: Some("ada@example.com".into()),
                r#type: Some("organic".into()),
                ..Default::default()
            }),
            json!({ "first_name": "Ada", "email": "ada@example.com", "type": "organic" }),
        ),
        (
            <all::SubscriptionStarted as all::Event>::NAME,
            props(&all::SubscriptionStarted::new()),
            json!({}),
        ),
        (
            <all::TrialStarted as all::Event>::NAME,
            props(&all::TrialStarted {
                trial_plan_name: Some("pro".into()),
                trial_start_date: Some("2026-01-01T00:00:00Z".into()),
                ..Default::default()
            }),
            json!({ "trial_plan_name": "pro", "trial_start_date": "2026-01-01T00:00:00Z" }),
        ),
    ];
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    assert_eq!(
        names,
        [
            "Application Installed",
            "Application Opened",
            "Checkout Started",
            "Install Attributed",
            "Onboarding Completed",
            "Onboarding Step Completed",
            "Order Completed",
            "Page Scrolled",
            "Page Viewed",
            "Product Added to Cart",
            "Screen Viewed",
            "Signed In",
            "Signed Up",
            "Subscription Started",
            "Trial Started",
        ]
    );
    for (name, actual, expected) in cases {
        assert_eq!(actual, expected, "{name}");
    }
}

#[test]
fn acme_enums_nulls_unions_maps_and_any() {
    // A nullable required property is sent as an explicit null; optional ones stay absent.
    let minimal = acme::SubscriptionStarted::new(acme::Plan::Starter, None);
    assert_eq!(
        props(&minimal),
        json!({ "plan": "starter", "referrer": null })
    );

    let mut attribution = serde_json::Map::new();
    attribution.insert("utm_source".into(), json!("newsletter"));
    let every = acme::SubscriptionStarted {
        billing_interval: Some(acme::SubscriptionStartedBillingInterval::Yearly),
        seats: Some(40),
        promotion: Some(1234.into()),
        attribution: Some(attribution),
        experiment: Some(json!({ "variant": "b", "weights": [0.5, 0.5] })),
        previous_plans: Some(vec![acme::Plan::Starter, acme::Plan::Pro]),
        ..acme::SubscriptionStarted::new(acme::Plan::Enterprise, Some("partner-9".into()))
    };
    assert_eq!(
        props(&every),
        json!({
            "plan": "enterprise", "billing_interval": "yearly", "seats": 40, "referrer": "partner-9",
            "promotion": 1234, "attribution": { "utm_source": "newsletter" },
            "experiment": { "variant": "b", "weights": [0.5, 0.5] }, "previous_plans": ["starter", "pro"],
        })
    );
    let coded = acme::SubscriptionStarted {
        promotion: Some("SPRING".into()),
        ..acme::SubscriptionStarted::new(acme::Plan::Pro, Some("r".into()))
    };
    assert_eq!(
        props(&coded),
        json!({ "plan": "pro", "referrer": "r", "promotion": "SPRING" })
    );

    let order = acme::OrderCompleted {
        payment_method: Some(acme::OrderCompletedPaymentMethod::GiftCard),
        ..acme::OrderCompleted::new("o-3", acme::OrderCompletedCurrency::Eur)
    };
    assert_eq!(
        props(&order),
        json!({ "order_id": "o-3", "currency": "EUR", "payment_method": "gift_card" })
    );
    // Optional and nullable: absent (None), an explicit null (Some(None)), or a value.
    let cleared = acme::OrderCompleted {
        gift_message: Some(None),
        ..acme::OrderCompleted::new("o-4", acme::OrderCompletedCurrency::Gbp)
    };
    assert_eq!(
        props(&cleared),
        json!({ "order_id": "o-4", "currency": "GBP", "gift_message": null })
    );
    let gift = acme::OrderCompleted {
        gift_message: Some(Some("Enjoy!".into())),
        ..acme::OrderCompleted::new("o-5", acme::OrderCompletedCurrency::Usd)
    };
    assert_eq!(
        props(&gift),
        json!({ "order_id": "o-5", "currency": "USD", "gift_message": "Enjoy!" })
    );
    assert_eq!(props(&acme::TrialStarted::default()), json!({}));
    assert_eq!(
        props(&acme::CheckoutStarted::new("o-4")),
        json!({ "order_id": "o-4" })
    );
}
