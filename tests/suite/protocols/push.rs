//! push: the difference shown, exactly the requests `--apply` and `--prune` send, and the round
//! trip through pull.

use serde_json::{Value, json};

use crate::mock_api::{FakePlan, MockApi, Reply};

use super::*;

/// A plan in Protocols with one rule as tracktype exports it, one that differs, and one that
/// is not selected.
fn protocols_with_history() -> (FakePlan, Value) {
    let wanted = exported(&SELECTION);
    let by_key = |key: &str| exported_rule(&wanted, key);
    let plan = FakePlan::new(
        PLAN,
        TOKEN,
        vec![
            by_key("Order Completed"),
            rule(
                "TRACK",
                Some("Checkout Started"),
                1,
                json!({"type": "object"}),
            ),
            rule(
                "TRACK",
                Some("Checkout Started"),
                2,
                json!({"type": "object", "description": "old"}),
            ),
            rule("TRACK", Some("Legacy Event"), 1, json!({})),
        ],
    );
    (plan, wanted)
}

const SELECTION: [&str; 6] = [
    "--event",
    "Order Completed",
    "--event",
    "Checkout Started",
    "--event",
    "Signed In",
];

#[test]
fn push_shows_the_difference_and_sends_nothing_without_apply() {
    let (plan, _) = protocols_with_history();
    let (api, _) = plan.serve();
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["push", "--tracking-plan", PLAN];
    args.extend(SELECTION);
    let run = tracktype(dir.path(), &api, &args).success();
    let out = &run.stdout;
    assert!(
        out.starts_with("tracking plan tp_acme_web_1 (Acme Web): 3 to add, 1 to change, 1 not selected (kept), 1 unchanged\n"),
        "{out}"
    );
    // The identify and group traits go with every selection, as in the generated SDKs.
    assert!(
        out.contains("\n  add    GROUP (version 1)\n  add    IDENTIFY (version 1)\n  add    TRACK `Signed In` (version 1)\n"),
        "{out}"
    );
    assert!(out.contains("\n  change TRACK `Checkout Started` (version 2)\n      --- Protocols (version 2)\n      +++ tracktype\n"), "{out}");
    assert!(
        out.contains("\n      -  \"description\": \"old\",\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\n  keep   TRACK `Legacy Event` (version 1): not selected; --prune removes it\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("nothing sent (only GET requests were made); run again with --apply to send these changes\n"), "{out}");
    assert!(
        api.requests().iter().all(|r| r.method == "GET"),
        "{:?}",
        api.lines()
    );
    assert_token_hidden(&run, dir.path());

    let mut prune = args.clone();
    prune.push("--prune");
    let run = tracktype(dir.path(), &api, &prune).success();
    assert_has(&run.stdout, "1 to remove");
    assert_has(&run.stdout, "\n  remove TRACK `Legacy Event` (version 1)\n");
    assert!(
        api.requests().iter().all(|r| r.method == "GET"),
        "{:?}",
        api.lines()
    );
}

#[test]
fn push_apply_sends_exactly_the_upserts_and_prune_the_removals() {
    let (plan, wanted) = protocols_with_history();
    let (api, state) = plan.serve();
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["push", "--tracking-plan", PLAN, "--apply"];
    args.extend(SELECTION);
    let run = tracktype(dir.path(), &api, &args).success();
    assert_has(
        &run.stdout,
        "sent to tp_acme_web_1: 3 created, 1 updated, 0 removed\n",
    );
    let requests = api.requests();
    let lines: Vec<String> = requests.iter().map(|r| r.line()).collect();
    assert_eq!(
        lines,
        [
            format!("GET /tracking-plans/{PLAN}"),
            format!("GET /tracking-plans/{PLAN}/rules"),
            format!("PATCH /tracking-plans/{PLAN}/rules"),
        ]
    );
    let patch = &requests[2];
    assert_eq!(
        patch.header("content-type"),
        Some("application/vnd.segment.v1+json")
    );
    let by_key = |key: &str| exported_rule(&wanted, key);
    let mut checkout = by_key("Checkout Started");
    checkout["version"] = json!(2);
    // The new rules first, then the change, which keeps Protocols' latest version number.
    let keyless = |rule_type: &str| exported_keyless(&wanted, rule_type);
    assert_eq!(
        patch.json(),
        json!({"rules": [keyless("GROUP"), keyless("IDENTIFY"), by_key("Signed In"), checkout]})
    );
    assert_eq!(
        state.lock().unwrap().rules.len(),
        7,
        "the legacy rule stays without --prune"
    );
    assert_token_hidden(&run, dir.path());

    args.push("--prune");
    let run = tracktype(dir.path(), &api, &args).success();
    assert_has(&run.stdout, "1 to remove, 5 unchanged");
    assert_has(
        &run.stdout,
        "sent to tp_acme_web_1: 0 created, 0 updated, 1 removed\n",
    );
    let requests = api.requests();
    let delete = requests.last().unwrap();
    assert_eq!(
        delete.line(),
        format!("DELETE /tracking-plans/{PLAN}/rules")
    );
    assert_eq!(
        delete.query,
        [
            ("rules[0][type]".to_owned(), "TRACK".to_owned()),
            ("rules[0][key]".to_owned(), "Legacy Event".to_owned()),
            ("rules[0][version]".to_owned(), "1".to_owned()),
        ]
    );
    assert!(
        !requests[3..].iter().any(|r| r.method == "PATCH"),
        "nothing left to upsert"
    );
    assert!(
        !state
            .lock()
            .unwrap()
            .rules
            .keys()
            .any(|(_, key, _)| key == "Legacy Event")
    );
}

#[test]
fn push_apply_then_pull_gives_back_the_exported_rules() {
    let (api, _) = FakePlan::new(PLAN, TOKEN, vec![]).serve();
    let dir = tempfile::tempdir().unwrap();
    let selection = [
        "--use-case",
        "mitigate-cart-abandonment",
        "--use-case",
        "accelerate-onboarding",
    ];
    let mut push = vec!["push", "--tracking-plan", PLAN, "--apply"];
    push.extend(selection);
    let run = tracktype(dir.path(), &api, &push).success();
    assert_has(
        &run.stdout,
        "sent to tp_acme_web_1: 7 created, 0 updated, 0 removed",
    );

    tracktype(dir.path(), &api, PULL).success();
    let pulled: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.json")).unwrap())
            .unwrap();
    let mut wanted = exported(&selection)["rules"].as_array().unwrap().clone();
    wanted.sort_by(|a, b| {
        (a["type"].as_str(), a["key"].as_str()).cmp(&(b["type"].as_str(), b["key"].as_str()))
    });
    assert_eq!(pulled["rules"].as_array().unwrap(), &wanted);

    // Pushed again, nothing differs and nothing is sent.
    let before = api.lines().len();
    let again = tracktype(dir.path(), &api, &push).success();
    assert_has(&again.stdout, "0 to add, 0 to change, 7 unchanged");
    assert_has(&again.stdout, "nothing to send to tp_acme_web_1");
    assert!(api.requests()[before..].iter().all(|r| r.method == "GET"));
}

#[test]
fn a_push_refused_halfway_says_what_was_sent() {
    let api = MockApi::scripted(vec![
        plan_reply(),
        rules_reply(vec![]),
        Reply::error(422, "jsonSchema is not a valid JSON Schema"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let run = tracktype(
        dir.path(),
        &api,
        &[
            "push",
            "--tracking-plan",
            PLAN,
            "--event",
            "Signed In",
            "--apply",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_has(&run.stdout, "3 to add");
    assert_has(
        &run.stdout,
        "before a request failed, sent to tp_acme_web_1: 0 created, 0 updated, 0 removed",
    );
    assert_has(
        &run.stderr,
        "PATCH /tracking-plans/tp_acme_web_1/rules failed with HTTP 422: jsonSchema is not a valid JSON Schema",
    );
    assert_has(&run.stderr, "hint: Segment refused the request as invalid");
    assert_eq!(api.lines().len(), 3, "a refused request is not retried");
}
