//! `list`, `show` and `catalog` on the embedded catalog, and user catalogs changing it.

use crate::support::{dir_with, tracktype, tracktype_in};

#[test]
fn list_goals_as_text_is_an_aligned_table() {
    let run = tracktype(&["list", "goals"]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("SLUG"));
    assert!(lines[1].starts_with("optimize-advertising "));
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour when not on a terminal"
    );
}

#[test]
fn list_use_cases_of_a_goal_as_json() {
    let run = tracktype(&[
        "list",
        "use-cases",
        "--goal",
        "personalize-first-conversion",
        "--format",
        "json",
    ])
    .success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let slugs: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        [
            "mitigate-cart-abandonment",
            "accelerate-app-install",
            "accelerate-onboarding",
            "accelerate-signup",
            "acquire-paid-subscriptions",
            "convert-trials-to-paid-subscriptions",
        ]
    );
}

#[test]
fn list_events_of_a_goal() {
    let run = tracktype(&[
        "list",
        "events",
        "--goal",
        "optimize-advertising",
        "--format",
        "json",
    ])
    .success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let names: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Application Installed",
            "Application Opened",
            "Checkout Started",
            "Install Attributed",
            "Order Completed",
            "Page Viewed",
            "Signed Up",
        ]
    );
}

#[test]
fn show_a_use_case_with_its_events_and_recommendations_per_goal() {
    let run = tracktype(&["show", "mitigate-high-value-churn"]).success();
    assert!(
        run.stdout
            .starts_with("Mitigate high value churn (mitigate-high-value-churn)\n")
    );
    // Three goals, three different sets of destinations.
    assert!(run.stdout.contains("Optimize advertising (optimize-advertising)\n    sources:       Website, Mobile, Reverse ETL\n    destinations:  Reverse ETL, Analytics, Advertising\n"));
    assert!(run.stdout.contains("destinations:  Reverse ETL, Analytics, Advertising, SMS & Push Notifications, Email Marketing\n"));
    assert!(run.stdout.contains(
        "destinations:  Reverse ETL, Analytics, SMS & Push Notifications, Email Marketing\n"
    ));
    assert!(
        run.stdout
            .contains("  order_id     string            yes       Order or transaction ID.\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_as_json() {
    let run = tracktype(&["show", "Acquire paid subscriptions", "--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["use_case"]["slug"], "acquire-paid-subscriptions");
    assert_eq!(
        doc["goals"][0]["destinations"][3],
        "SMS & Push Notifications"
    );
    assert_eq!(doc["events"][1]["name"], "Subscription Started");
    assert_eq!(doc["events"][1]["properties"], serde_json::json!([]));
}

#[test]
fn an_unknown_use_case_names_the_closest() {
    let run = tracktype(&["show", "mitigate-cart-abandon"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown use case `mitigate-cart-abandon`\n  hint: did you mean `mitigate-cart-abandonment`?\n"
    );
}

#[test]
fn a_part_of_a_use_case_slug_names_the_use_cases_that_contain_it() {
    let run = tracktype(&["gen", "--lang", "ts", "--use-case", "cart-abandonment"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown use case `cart-abandonment`\n  hint: did you mean `mitigate-cart-abandonment`?\n"
    );
    let run = tracktype(&["list", "events", "--use-case", "suppress"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("did you mean `suppress-based-on-time` or `suppress-with-purchase`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn catalog_json_has_the_documented_shape() {
    let run = tracktype(&["catalog", "--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["goals", "use_cases", "events", "types", "identify", "group"]
    );
    let pair = &doc["goals"][0]["use_cases"][3];
    assert_eq!(pair["slug"], "mitigate-cart-abandonment");
    assert_eq!(
        pair["sources"],
        serde_json::json!(["Website", "Mobile", "Reverse ETL"])
    );
    assert_eq!(
        pair["destinations"],
        serde_json::json!(["Reverse ETL", "Analytics", "Advertising"])
    );
    let mca = doc["use_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["slug"] == "mitigate-cart-abandonment")
        .unwrap();
    assert_eq!(mca["name"], "Mitigate cart abandonment");
    assert_eq!(
        mca["events"],
        serde_json::json!(["Checkout Started", "Order Completed"])
    );
    let order = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Order Completed")
        .unwrap();
    let order_id = &order["properties"][1];
    assert_eq!(order_id["name"], "order_id");
    assert_eq!(order_id["required"], true);
    assert_eq!(order_id["schema"]["type"], "string");
    assert_eq!(
        order_id["schema"]["description"],
        "Order or transaction ID."
    );
}

#[test]
fn a_user_catalog_adds_an_event_a_use_case_and_changes_existing_ones() {
    let acme = "\
events:
  - name: Order Completed
    properties:
      - name: currency
        required: true
        enum: [USD, EUR]
  - name: Coupon Applied
    description: A shopper applied a coupon.
    properties:
      - name: coupon
        type: string
        required: true
use_cases:
  - name: Reward coupon hunters
    summary: Follow up with shoppers who use coupons.
    events: [Coupon Applied, Order Completed]
goals:
  - name: Optimize advertising
    use_cases:
      - use_case: reward-coupon-hunters
        sources: [Website]
        destinations: [Email Marketing]
";
    let dir = dir_with(&[("acme.yaml", acme)]);
    let run = tracktype_in(Some(dir.path()), &["--catalog", "acme.yaml", "catalog"]).success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let order = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Order Completed")
        .unwrap();
    let currency = order["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "currency")
        .unwrap();
    assert_eq!(currency["required"], true);
    assert_eq!(
        currency["schema"]["enum"],
        serde_json::json!(["USD", "EUR"])
    );
    assert!(
        doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Coupon Applied")
    );
    let goal = &doc["goals"][0];
    let last = goal["use_cases"].as_array().unwrap().last().unwrap();
    assert_eq!(last["slug"], "reward-coupon-hunters");
    let uc = doc["use_cases"].as_array().unwrap().last().unwrap();
    assert_eq!(uc["slug"], "reward-coupon-hunters");
    assert_eq!(uc["goals"], serde_json::json!(["optimize-advertising"]));
}

#[test]
fn changing_a_property_type_starts_a_fresh_type() {
    let acme = "events:\n  - name: Order Completed\n    properties:\n      - name: currency\n        type: integer\n";
    let dir = dir_with(&[("acme.yaml", acme)]);
    let run = tracktype_in(Some(dir.path()), &["--catalog", "acme.yaml", "catalog"]).success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let order = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Order Completed")
        .unwrap();
    let currency = order["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "currency")
        .unwrap();
    assert_eq!(currency["schema"]["type"], "integer");
    assert!(
        currency["schema"].get("pattern").is_none(),
        "the string's pattern does not linger"
    );
    assert_eq!(currency["origin"], "spec", "keys about the property stay");
}

#[test]
fn a_catalog_directory_is_read_whole() {
    let dir = dir_with(&[
        ("catalogs/a.yaml", "events:\n  - name: A Happened\n"),
        ("catalogs/nested/b.yml", "events:\n  - name: B Happened\n"),
        ("catalogs/notes.txt", "not a catalog"),
    ]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "catalogs", "list", "events"],
    )
    .success();
    assert!(run.stdout.contains("A Happened"));
    assert!(run.stdout.contains("B Happened"));
}

/// The event limit counts the user's events, not the embedded catalog's: a plan of exactly
/// the limit loads beside them, which would otherwise push it over.
#[test]
fn a_plan_at_the_event_limit_loads_beside_the_embedded_catalog() {
    let events: Vec<String> = (0..tracktype::limits::MAX_EVENTS)
        .map(|i| format!("{{\"name\": \"Event {i:06}\"}}"))
        .collect();
    let plan = format!(
        "{{\"rules\": {{\"events\": [\n{}\n]}}}}\n",
        events.join(",\n")
    );
    let dir = dir_with(&[("plan.json", &plan)]);
    let run = tracktype_in(Some(dir.path()), &["--plan", "plan.json", "list", "goals"]).success();
    // The embedded catalog's four goals, under the header.
    assert_eq!(run.stdout.lines().count(), 5, "{}", run.stdout);
}
