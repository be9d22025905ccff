//! The embedded catalog reproduces Segment's Use Cases Reference: the facts transcribed from
//! the seed into `tests/data/seed-facts.json` are compared with `tracktype catalog`.

use serde_json::Value;

use crate::support::{root, tracktype};

fn facts() -> Value {
    let text = std::fs::read_to_string(root().join("tests/data/seed-facts.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn catalog() -> Value {
    let run = tracktype(&["catalog", "--format", "json"]).success();
    serde_json::from_str(&run.stdout).expect("catalog output is JSON")
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn four_goals_with_their_use_cases_and_recommendations_per_pair() {
    let (facts, catalog) = (facts(), catalog());
    let expected = facts["goals"].as_array().unwrap();
    let actual = catalog["goals"].as_array().unwrap();
    assert_eq!(actual.len(), 4);
    let mut pairs = 0;
    for (want, got) in expected.iter().zip(actual) {
        assert_eq!(got["slug"], want["slug"]);
        assert_eq!(got["name"], want["name"]);
        assert!(
            !got["summary"].as_str().unwrap().is_empty(),
            "goal {} has a summary",
            want["slug"]
        );
        let want_pairs = want["use_cases"].as_array().unwrap();
        let got_pairs = got["use_cases"].as_array().unwrap();
        assert_eq!(
            got_pairs.len(),
            want_pairs.len(),
            "use cases of {}",
            want["slug"]
        );
        for (w, g) in want_pairs.iter().zip(got_pairs) {
            let what = format!("{} / {}", want["slug"], w["use_case"]);
            assert_eq!(g["slug"], w["use_case"], "{what}");
            assert_eq!(
                strings(&g["sources"]),
                strings(&w["sources"]),
                "sources of {what}"
            );
            assert_eq!(
                strings(&g["destinations"]),
                strings(&w["destinations"]),
                "destinations of {what}"
            );
            pairs += 1;
        }
    }
    assert_eq!(pairs, 25);
}

#[test]
fn sixteen_use_cases_with_their_events_and_a_summary() {
    let (facts, catalog) = (facts(), catalog());
    let expected = facts["use_cases"].as_array().unwrap();
    let actual = catalog["use_cases"].as_array().unwrap();
    assert_eq!(actual.len(), 16);
    for want in expected {
        let got = actual
            .iter()
            .find(|u| u["slug"] == want["slug"])
            .unwrap_or_else(|| panic!("use case {} missing", want["slug"]));
        assert_eq!(
            strings(&got["events"]),
            strings(&want["events"]),
            "events of {}",
            want["slug"]
        );
        assert!(
            !got["summary"].as_str().unwrap().is_empty(),
            "{} has a summary",
            want["slug"]
        );
    }
    // "Build high-value lookalikes" (goal table) and "Build high value lookalikes" (heading) are one.
    let lookalikes: Vec<_> = actual
        .iter()
        .filter(|u| u["slug"] == "build-high-value-lookalikes")
        .collect();
    assert_eq!(lookalikes.len(), 1);
    assert_eq!(
        strings(&lookalikes[0]["goals"]),
        [
            "optimize-advertising",
            "boost-retention-upsell-and-cross-sell"
        ]
    );
}

#[test]
fn fifteen_events_with_every_property_the_seed_lists_by_wire_name() {
    let (facts, catalog) = (facts(), catalog());
    let expected = facts["events"].as_array().unwrap();
    let actual = catalog["events"].as_array().unwrap();
    assert_eq!(actual.len(), 15);
    for want in expected {
        let got = actual
            .iter()
            .find(|e| e["name"] == want["name"])
            .unwrap_or_else(|| panic!("event {} missing", want["name"]));
        let from_seed: Vec<&str> = got["properties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["origin"] == "use-cases")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            from_seed,
            strings(&want["properties"]),
            "properties of {}",
            want["name"]
        );
        assert!(
            !got["description"].as_str().unwrap().is_empty(),
            "{} has a description",
            want["name"]
        );
    }
}

#[test]
fn every_property_is_typed_and_says_where_it_comes_from() {
    let catalog = catalog();
    for event in catalog["events"].as_array().unwrap() {
        for p in event["properties"].as_array().unwrap() {
            let what = format!("{} / {}", event["name"], p["name"]);
            assert!(
                matches!(p["origin"].as_str(), Some("use-cases" | "spec")),
                "origin of {what}"
            );
            assert!(
                p["schema"].get("type").is_some() || p["schema"].get("$ref").is_some(),
                "type of {what}"
            );
            assert!(
                !p["schema"]["description"].as_str().unwrap_or("").is_empty(),
                "description of {what}"
            );
            if p["required"] == true {
                assert!(
                    p.get("required_reason").is_some(),
                    "{what} is required and says why"
                );
            }
        }
    }
}

#[test]
fn required_properties_are_few_identifiers() {
    let catalog = catalog();
    let mut required: Vec<String> = Vec::new();
    for event in catalog["events"].as_array().unwrap() {
        for p in event["properties"].as_array().unwrap() {
            if p["required"] == true {
                required.push(format!(
                    "{}.{}",
                    event["name"].as_str().unwrap(),
                    p["name"].as_str().unwrap()
                ));
            }
        }
    }
    assert_eq!(
        required,
        [
            "Checkout Started.order_id",
            "Onboarding Step Completed.step_name",
            "Order Completed.order_id",
            "Product Added to Cart.product_id",
        ]
    );
}

#[test]
fn products_use_the_named_product_type() {
    let catalog = catalog();
    let order = catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Order Completed")
        .unwrap();
    let products = order["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "products")
        .unwrap();
    assert_eq!(products["schema"]["items"]["$ref"], "#/definitions/Product");
    let product = catalog["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Product")
        .unwrap();
    assert_eq!(
        product["schema"]["required"],
        serde_json::json!(["product_id"])
    );
}
