//! Every validation error of a user catalog: the message, its file:line:column, the hint, and
//! exit code 2.

use crate::support::{dir_with, tracktype_in};

/// Loads `files` as user catalogs (in the order given) and expects one error.
#[track_caller]
fn expect_error(files: &[(&str, &str)], location: &str, message: &str, hint: Option<&str>) {
    let dir = dir_with(files);
    let mut args = Vec::new();
    for (name, _) in files {
        args.push("--catalog");
        args.push(*name);
    }
    args.extend(["list", "events"]);
    let run = tracktype_in(Some(dir.path()), &args);
    assert_eq!(run.code, 2, "exit code; stderr:\n{}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "nothing on stdout on error, got:\n{}",
        run.stdout
    );
    let first_line = format!("{location}: error: {message}");
    assert!(
        run.stderr.contains(&first_line),
        "expected `{first_line}` in:\n{}",
        run.stderr
    );
    if let Some(hint) = hint {
        assert!(
            run.stderr.contains(&format!("hint: {hint}")),
            "expected hint `{hint}` in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_typo_in_a_key_names_the_key_it_meant() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Order Completed\n    properties:\n      - name: order_id\n        requried: true\n",
        )],
        "acme.yaml:5:9",
        "unknown key `requried`",
        Some("did you mean `required`?"),
    );
}

#[test]
fn a_typo_in_a_top_level_key() {
    expect_error(
        &[("acme.yaml", "event:\n  - name: X\n")],
        "acme.yaml:1:1",
        "unknown key `event`",
        Some("did you mean `events`?"),
    );
}

#[test]
fn an_unknown_event_in_a_use_case() {
    expect_error(
        &[(
            "acme.yaml",
            "use_cases:\n  - name: Win back\n    events: [Order Complete]\n",
        )],
        "acme.yaml:3:14",
        "unknown event `Order Complete` in use case `Win back`",
        Some("did you mean `Order Completed`?"),
    );
}

#[test]
fn an_unknown_use_case_in_a_goal() {
    expect_error(
        &[(
            "acme.yaml",
            "goals:\n  - name: Optimize advertising\n    use_cases:\n      - use_case: supress-with-purchase\n",
        )],
        "acme.yaml:4:19",
        "unknown use case `supress-with-purchase` in goal `Optimize advertising`",
        Some("did you mean `suppress-with-purchase`?"),
    );
}

#[test]
fn an_unknown_type() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: item\n        type: Prodcut\n",
        )],
        "acme.yaml:5:15",
        "unknown type `Prodcut`",
        Some("did you mean `Product`?"),
    );
}

#[test]
fn an_unknown_items_type() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: items\n        type: array\n        items: strng\n",
        )],
        "acme.yaml:6:16",
        "unknown type `strng`",
        Some("did you mean `string`?"),
    );
}

#[test]
fn an_event_defined_twice_in_one_file() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n  - name: Cart Shared\n",
        )],
        "acme.yaml:3:11",
        "event `Cart Shared` is defined twice",
        Some("merge the two definitions, or rename one event"),
    );
}

#[test]
fn a_property_defined_twice() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: cart_id\n        type: string\n      - name: cart_id\n        type: integer\n",
        )],
        "acme.yaml:6:15",
        "property `cart_id` of event `Cart Shared` is defined twice",
        None,
    );
}

#[test]
fn a_type_defined_twice() {
    expect_error(
        &[(
            "acme.yaml",
            "types:\n  - name: Money\n    type: number\n  - name: Money\n    type: integer\n",
        )],
        "acme.yaml:4:11",
        "type `Money` is defined twice",
        None,
    );
}

#[test]
fn two_user_files_that_disagree_name_both_places() {
    let a = "events:\n  - name: Order Completed\n    description: Ours.\n";
    let b = "events:\n  - name: Order Completed\n    description: Theirs.\n";
    let dir = dir_with(&[("a.yaml", a), ("b.yaml", b)]);
    let run = tracktype_in(
        Some(dir.path()),
        &[
            "--catalog",
            "b.yaml",
            "--catalog",
            "a.yaml",
            "list",
            "events",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("b.yaml:3:18: error: conflicting definitions of `description` of event `Order Completed`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a.yaml:3:18: note: the other definition is here"),
        "{}",
        run.stderr
    );
}

#[test]
fn user_files_that_agree_are_merged() {
    let a = "events:\n  - name: Order Completed\n    properties:\n      - name: currency\n        required: true\n";
    let b = "events:\n  - name: Order Completed\n    properties:\n      - name: currency\n        required: true\n      - name: store_id\n        type: string\n";
    let dir = dir_with(&[("a.yaml", a), ("b.yaml", b)]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "a.yaml", "--catalog", "b.yaml", "catalog"],
    )
    .success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let order = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Order Completed")
        .unwrap();
    let props = order["properties"].as_array().unwrap();
    let currency = props.iter().find(|p| p["name"] == "currency").unwrap();
    assert_eq!(currency["required"], true);
    assert_eq!(
        currency["schema"]["pattern"], "^[A-Z]{3}$",
        "the rest of the definition stays"
    );
    assert!(props.iter().any(|p| p["name"] == "store_id"));
}

#[test]
fn a_cycle_among_named_types() {
    expect_error(
        &[(
            "acme.yaml",
            "types:\n  - name: Category\n    properties:\n      - name: parent\n        type: Department\n  - name: Department\n    properties:\n      - name: top\n        type: Category\n",
        )],
        "acme.yaml:2:11",
        "named types refer to themselves in a cycle: Category → Department → Category",
        Some("a named type cannot contain itself"),
    );
}

#[test]
fn a_type_that_contains_itself_through_an_array() {
    expect_error(
        &[(
            "acme.yaml",
            "types:\n  - name: Node\n    properties:\n      - name: children\n        type: array\n        items: Node\n",
        )],
        "acme.yaml:2:11",
        "named types refer to themselves in a cycle: Node → Node",
        None,
    );
}

#[test]
fn an_enum_value_of_the_wrong_type() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Plan Chosen\n    properties:\n      - name: seats\n        type: integer\n        enum: [1, 5, ten]\n",
        )],
        "acme.yaml:6:22",
        "enum value `ten` is not of type `integer`",
        None,
    );
}

#[test]
fn an_enum_value_listed_twice() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Plan Chosen\n    properties:\n      - name: plan\n        enum: [free, pro, free]\n",
        )],
        "acme.yaml:5:27",
        "enum value `free` is listed twice",
        None,
    );
}

#[test]
fn an_empty_enum() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Plan Chosen\n    properties:\n      - name: plan\n        type: string\n        enum: []\n",
        )],
        "acme.yaml:6:15",
        "`enum` has no values",
        None,
    );
}

#[test]
fn an_enum_value_that_is_an_object_is_kept_with_a_warning() {
    let dir = dir_with(&[(
        "acme.yaml",
        "events:\n  - name: Plan Chosen\n    properties:\n      - name: plan\n        enum: [free, {tier: pro}]\n",
    )]);
    let run = tracktype_in(Some(dir.path()), &["--catalog", "acme.yaml", "catalog"]).success();
    assert!(
        run.stderr.starts_with(
            "acme.yaml:5:15: warning: a value that is an array or an object has no literal type"
        ),
        "{}",
        run.stderr
    );
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let event = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Plan Chosen")
        .unwrap();
    assert_eq!(
        event["properties"][0]["schema"]["enum"],
        serde_json::json!(["free", { "tier": "pro" }])
    );
}

#[test]
fn an_unknown_format() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Signed Up\n    properties:\n      - name: email\n        format: e-mail\n",
        )],
        "acme.yaml:5:17",
        "unknown format `e-mail`",
        Some("did you mean `email`?"),
    );
}

#[test]
fn a_key_that_does_not_apply_to_the_type() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: count\n        type: integer\n        format: email\n",
        )],
        "acme.yaml:6:17",
        "`format` applies to strings, not to type `integer`",
        None,
    );
}

#[test]
fn minimum_greater_than_maximum() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: pct\n        type: number\n        minimum: 100\n        maximum: 0\n",
        )],
        "acme.yaml:6:18",
        "`minimum` 100 is greater than `maximum` 0",
        None,
    );
}

#[test]
fn required_on_array_items() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: tags\n        type: array\n        items:\n          type: string\n          required: true\n",
        )],
        "acme.yaml:8:21",
        "`required` applies to properties, not to array items",
        None,
    );
}

#[test]
fn a_property_without_a_type() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: cart_id\n        description: The cart.\n",
        )],
        "acme.yaml:4:15",
        "a property has no `type`",
        Some("add `type:`"),
    );
}

#[test]
fn a_property_without_a_name() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - type: string\n",
        )],
        "acme.yaml:4:15",
        "a property of event `Cart Shared` has no `name`",
        None,
    );
}

#[test]
fn redefining_a_built_in_type() {
    expect_error(
        &[("acme.yaml", "types:\n  - name: string\n    type: integer\n")],
        "acme.yaml:2:11",
        "`string` is a built-in type and cannot be redefined",
        None,
    );
}

#[test]
fn a_wrong_value_type() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: cart_id\n        type: string\n        required: maybe\n",
        )],
        "acme.yaml:6:19",
        "expected `true` or `false`",
        None,
    );
}

#[test]
fn a_yaml_syntax_error() {
    expect_error(
        &[("acme.yaml", "events:\n  - name: \"Order Completed\n")],
        "acme.yaml:2:11",
        "unclosed quote",
        None,
    );
}

#[test]
fn a_bad_origin() {
    expect_error(
        &[(
            "acme.yaml",
            "events:\n  - name: Cart Shared\n    properties:\n      - name: cart_id\n        type: string\n        origin: specification\n",
        )],
        "acme.yaml:6:17",
        "unknown origin `specification`",
        None,
    );
}

#[test]
fn every_error_is_reported_in_one_run() {
    let dir = dir_with(&[(
        "acme.yaml",
        "use_cases:\n  - name: A\n    events: [Nope]\n  - name: B\n    events: [Neither]\n",
    )]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "acme.yaml", "list", "events"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("acme.yaml:3:14: error: unknown event `Nope`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("acme.yaml:5:14: error: unknown event `Neither`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
}

#[test]
fn names_that_collide_only_after_case_conversion_are_legal() {
    let dir = dir_with(&[(
        "acme.yaml",
        "events:\n  - name: Cart Viewed\n  - name: cart_viewed\n    properties:\n      - name: Cart ID\n        type: string\n      - name: cart_id\n        type: string\n",
    )]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "acme.yaml", "list", "events"],
    )
    .success();
    assert!(run.stdout.contains("Cart Viewed"));
    assert!(run.stdout.contains("cart_viewed"));
}

#[test]
fn a_missing_catalog_file() {
    let dir = dir_with(&[]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "missing.yaml", "list", "events"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("missing.yaml: error: cannot read file: no such file or directory"),
        "{}",
        run.stderr
    );
}

/// Problems found at different stages (an unknown key while reading, an unknown type and an
/// unknown event while resolving) are all reported in one run, in the order of the stages.
#[test]
fn an_unknown_key_an_unknown_type_and_an_unknown_event_are_reported_together() {
    let dir = dir_with(&[(
        "acme.yaml",
        "events:\n  - name: Coupon Applied\n    properties:\n      - name: coupon\n        type: string\n        requried: true\n        description: |\n          Set aside with the key above.\n      - name: tier\n        type: strin\nuse_cases:\n  - name: Reward coupon hunters\n    summary: Follow up.\n    events: [Coupon Applied, Order Complted]\n    sumary: typo\n",
    )]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "acme.yaml", "list", "events"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let firsts: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("acme.yaml:"))
        .collect();
    assert_eq!(
        firsts,
        [
            "acme.yaml:6:9: error: unknown key `requried`",
            "acme.yaml:15:5: error: unknown key `sumary`",
            "acme.yaml:10:15: error: unknown type `strin`",
            "acme.yaml:14:30: error: unknown event `Order Complted` in use case `Reward coupon hunters`",
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with("\n4 errors\n"), "{}", run.stderr);
    // A key that starts a list item cannot be set aside without changing the list: reading
    // stops there, as before, and what follows is not guessed at.
    let dir = dir_with(&[(
        "acme.yaml",
        "events:\n  - nmae: Coupon Applied\n    properties: []\nuse_cases:\n  - name: X\n    events: [Nope]\n",
    )]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "acme.yaml", "list", "events"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("acme.yaml:2:5: error: unknown key `nmae`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Nope"), "{}", run.stderr);
}
