//! `tracktype pull` and `tracktype push` against a loopback stand-in for Segment's Public API:
//! pages, every rule type, retries, errors, timeouts, the exact requests push sends, and a
//! token that shows up nowhere but in the `Authorization` header.

use std::path::Path;

use serde_json::{Value, json};

use crate::mock_api::{FakePlan, MockApi, Reply};
use crate::support::{self, Run, path_of};

const TOKEN: &str = "sgp_TEST_tok3n_5f2c9a71e0";
const PLAN: &str = "tp_acme_web_1";

/// `pull` of the test plan into `plan.json`, and the same with `--check`.
const PULL: &[&str] = &["pull", "--tracking-plan", PLAN, "-o", "plan.json"];
const PULL_CHECK: &[&str] = &[
    "pull",
    "--tracking-plan",
    PLAN,
    "-o",
    "plan.json",
    "--check",
];

/// Runs tracktype in `dir` against `api`, with the token in the environment and timeouts and
/// waits made short through their documented variables.
fn tracktype(dir: &Path, api: &MockApi, args: &[&str]) -> Run {
    let mut all = args.to_vec();
    all.extend(["--api-url", api.url()]);
    support::run(
        support::command(Some(dir), &all)
            .env("SEGMENT_TOKEN", TOKEN)
            .env("TRACKTYPE_API_TIMEOUT_MS", "5000")
            .env("TRACKTYPE_API_BACKOFF_MS", "1"),
    )
}

#[track_caller]
fn assert_has(text: &str, expected: &str) {
    assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
}

/// The token is in no output and no file under `dir`.
#[track_caller]
fn assert_token_hidden(run: &Run, dir: &Path) {
    assert!(
        !run.stdout.contains(TOKEN),
        "token in stdout:\n{}",
        run.stdout
    );
    assert!(
        !run.stderr.contains(TOKEN),
        "token in stderr:\n{}",
        run.stderr
    );
    for entry in walk(dir) {
        let text = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&text).contains(TOKEN),
            "token in {}",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn rule(rule_type: &str, key: Option<&str>, version: u64, schema: Value) -> Value {
    let mut r = json!({ "type": rule_type, "version": version, "jsonSchema": schema });
    if let Some(key) = key {
        r["key"] = json!(key);
    }
    r
}

/// One rule of each of the six types, and two versions of one event.
fn every_rule_type() -> Vec<Value> {
    let props = |name: &str| json!({"type": "object", "properties": {"properties": {"type": "object", "properties": {name: {"type": "string"}}}}});
    vec![
        rule("TRACK", Some("Order Completed"), 1, props("order_id")),
        rule("TRACK", Some("Order Completed"), 2, props("order_ref")),
        rule(
            "IDENTIFY",
            None,
            1,
            json!({"type": "object", "properties": {"traits": {"type": "object"}}}),
        ),
        rule(
            "GROUP",
            None,
            1,
            json!({"type": "object", "properties": {"traits": {"type": "object"}}}),
        ),
        rule("PAGE", Some("Home"), 1, props("path")),
        rule("SCREEN", Some("Cart"), 1, props("name")),
        rule(
            "COMMON",
            None,
            1,
            json!({"type": "object", "required": ["context"]}),
        ),
    ]
}

/// The rule `export` wrote for `key`.
fn exported_rule(exported: &Value, key: &str) -> Value {
    let rules = exported["rules"].as_array().expect("rules");
    rules
        .iter()
        .find(|r| r["key"] == key)
        .expect("exported")
        .clone()
}

fn exported(selection: &[&str]) -> Value {
    let mut args = vec!["export", "--format", "segment-plan"];
    args.extend(selection);
    let run = support::tracktype(&args).success();
    serde_json::from_str(&run.stdout).expect("export writes JSON")
}

#[test]
fn pull_follows_every_page_and_writes_every_rule_type_canonically() {
    let mut plan = FakePlan::new(PLAN, TOKEN, every_rule_type());
    plan.page_size = 2;
    let (api, _) = plan.serve();
    let dir = tempfile::tempdir().unwrap();
    let run = tracktype(dir.path(), &api, PULL).success();
    assert_has(&run.stdout, "wrote plan.json");
    assert_has(
        &run.stdout,
        "tracking plan tp_acme_web_1 (Acme Web): 7 rules",
    );

    let requests = api.requests();
    let lines: Vec<String> = requests.iter().map(|r| r.line()).collect();
    let rules_path = format!("GET /tracking-plans/{PLAN}/rules");
    assert_eq!(
        lines,
        [
            format!("GET /tracking-plans/{PLAN}"),
            rules_path.clone(),
            rules_path.clone(),
            rules_path.clone(),
            rules_path
        ]
    );
    let cursors: Vec<Option<&str>> = requests[1..]
        .iter()
        .map(|r| r.query("pagination[cursor]"))
        .collect();
    assert_eq!(
        cursors,
        [None, Some("page-2"), Some("page-4"), Some("page-6")]
    );
    for r in &requests {
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert!(
            r.header("user-agent")
                .is_some_and(|ua| ua.starts_with("tracktype/"))
        );
    }
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.query("pagination[count]") == Some("200"))
    );

    let text = std::fs::read_to_string(dir.path().join("plan.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let types: Vec<&str> = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "COMMON", "GROUP", "IDENTIFY", "PAGE", "SCREEN", "TRACK", "TRACK"
        ]
    );
    assert_eq!(doc["rules"][6]["version"], 2, "versions in order");
    assert_eq!(
        doc["trackingPlan"],
        json!({"id": PLAN, "name": "Acme Web", "slug": "acme-web", "description": "The web app's events.", "type": "LIVE"})
    );
    assert!(
        !text.contains("createdAt")
            && !text.contains("updatedAt")
            && !text.contains("deprecatedAt")
    );
    assert!(
        text.starts_with("{\n  \"rules\": [\n    {\n      \"jsonSchema\": {\n"),
        "{text}"
    );
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert_token_hidden(&run, dir.path());

    // Another order of rules and of keys gives the same bytes; pulling again touches nothing.
    let mut reordered: Vec<Value> = every_rule_type()
        .into_iter()
        .rev()
        .map(|r| json!({"jsonSchema": r["jsonSchema"], "version": r["version"], "type": r["type"], "key": r.get("key").cloned().unwrap_or(Value::Null)}))
        .collect();
    for r in &mut reordered {
        if r["key"].is_null() {
            r.as_object_mut().unwrap().remove("key");
        }
    }
    let (api2, _) = FakePlan::new(PLAN, TOKEN, reordered).serve();
    let again = tracktype(dir.path(), &api2, PULL).success();
    assert_has(&again.stdout, "unchanged plan.json");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.json")).unwrap(),
        text
    );
}

#[test]
fn pull_then_gen_generates_what_gen_plan_generates_from_the_same_rules() {
    let fixture = support::root().join("tests/data/plans/public-api.json");
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    let mut plan = FakePlan::new(PLAN, TOKEN, original["rules"].as_array().unwrap().clone());
    plan.page_size = 10;
    let (api, _) = plan.serve();
    let dir = tempfile::tempdir().unwrap();
    tracktype(
        dir.path(),
        &api,
        &["pull", "--tracking-plan", PLAN, "-o", "pulled.json"],
    )
    .success();
    let pulled = path_of(&dir.path().join("pulled.json"));
    for lang in ["ts", "rust", "swift"] {
        let from_pull = dir.path().join(format!("from-pull-{lang}"));
        let from_plan = dir.path().join(format!("from-plan-{lang}"));
        support::tracktype(&[
            "--plan",
            &pulled,
            "gen",
            "--lang",
            lang,
            "--out",
            &path_of(&from_pull),
        ])
        .success();
        support::tracktype(&[
            "--plan",
            &path_of(&fixture),
            "gen",
            "--lang",
            lang,
            "--out",
            &path_of(&from_plan),
        ])
        .success();
        let files = walk(&from_plan);
        assert!(!files.is_empty());
        for file in files {
            let relative = file.strip_prefix(&from_plan).unwrap();
            assert_eq!(
                std::fs::read_to_string(from_pull.join(relative)).unwrap(),
                std::fs::read_to_string(&file).unwrap(),
                "{lang}: {}",
                relative.display()
            );
        }
        assert_eq!(walk(&from_pull).len(), walk(&from_plan).len(), "{lang}");
    }
}

#[test]
fn pull_check_notices_a_plan_that_changed_in_protocols_and_writes_nothing() {
    let (api, state) = FakePlan::new(PLAN, TOKEN, every_rule_type()).serve();
    let dir = tempfile::tempdir().unwrap();
    tracktype(dir.path(), &api, PULL).success();
    let committed = std::fs::read_to_string(dir.path().join("plan.json")).unwrap();

    let same = tracktype(dir.path(), &api, PULL_CHECK);
    assert_eq!(same.code, 0, "{}{}", same.stdout, same.stderr);
    assert!(
        same.stdout
            .starts_with("ok plan.json matches tracking plan tp_acme_web_1"),
        "{}",
        same.stdout
    );

    state
        .lock()
        .unwrap()
        .rules
        .retain(|(_, key, _), _| key != "Home");
    let changed = tracktype(dir.path(), &api, PULL_CHECK);
    assert_eq!(changed.code, 1, "{}{}", changed.stdout, changed.stderr);
    assert_has(
        &changed.stdout,
        "drift plan.json (changed): differs from tracking plan tp_acme_web_1",
    );
    assert_has(&changed.stdout, "-      \"key\": \"Home\",");
    assert_has(
        &changed.stdout,
        "to update, run:\n  tracktype pull --tracking-plan tp_acme_web_1",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.json")).unwrap(),
        committed
    );

    let missing = tracktype(
        dir.path(),
        &api,
        &[
            "pull",
            "--tracking-plan",
            PLAN,
            "-o",
            "absent.json",
            "--check",
        ],
    );
    assert_eq!(missing.code, 1);
    assert_has(&missing.stdout, "drift absent.json (missing)");
    assert!(!dir.path().join("absent.json").exists());
    assert_token_hidden(&changed, dir.path());
}

fn plan_reply() -> Reply {
    Reply::json(
        200,
        json!({"data": {"trackingPlan": {"id": PLAN, "name": "Acme Web", "type": "LIVE"}}}),
    )
}

fn rules_reply(rules: Vec<Value>) -> Reply {
    Reply::json(
        200,
        json!({"data": {"rules": rules, "pagination": {"current": "MA==", "next": null}}}),
    )
}

#[test]
fn a_429_then_success_is_retried_after_the_wait_the_server_asks() {
    let api = MockApi::scripted(vec![
        Reply::json(429, json!({"errors": [{"type": "RequestError", "message": "Too many requests", "data": {"msBeforeNext": 1}}]}))
            .with_header("Retry-After", "1"),
        plan_reply(),
        rules_reply(every_rule_type()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let run = tracktype(dir.path(), &api, PULL).success();
    assert_eq!(api.lines().len(), 3);
    assert_eq!(api.lines()[0], api.lines()[1], "the same request again");
    assert!(dir.path().join("plan.json").exists());
    assert_token_hidden(&run, dir.path());
}

#[test]
fn a_500_then_success_is_retried() {
    let api = MockApi::scripted(vec![
        plan_reply(),
        Reply::error(500, "internal error"),
        Reply::text(503, "<html>Service Unavailable</html>"),
        rules_reply(every_rule_type()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    tracktype(dir.path(), &api, PULL).success();
    let rules_path = format!("GET /tracking-plans/{PLAN}/rules");
    assert_eq!(
        &api.lines()[1..],
        [rules_path.clone(), rules_path.clone(), rules_path]
    );
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.json")).unwrap())
            .unwrap();
    assert_eq!(doc["rules"].as_array().unwrap().len(), 7);
}

#[test]
fn retries_are_bounded_and_a_failure_writes_nothing() {
    let api = MockApi::start(|_| Reply::error(502, "bad gateway"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.json"), "committed\n").unwrap();
    let run = tracktype(dir.path(), &api, PULL);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(api.lines().len(), 5, "five tries, no more");
    assert_has(
        &run.stderr,
        "GET /tracking-plans/tp_acme_web_1 failed with HTTP 502: bad gateway (after 5 tries)",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.json")).unwrap(),
        "committed\n"
    );
}

#[test]
fn a_refused_token_is_a_clear_error_that_never_shows_it() {
    let echo = format!("token Bearer {TOKEN} is not valid");
    let api = MockApi::scripted(vec![Reply::error(401, &echo)]);
    let dir = tempfile::tempdir().unwrap();
    let run = tracktype(dir.path(), &api, PULL);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: Segment's Public API refused the token (HTTP 401) for tracking plan tp_acme_web_1"),
        "{}",
        run.stderr
    );
    assert_has(&run.stderr, "check the SEGMENT_TOKEN environment variable");
    assert_eq!(api.lines().len(), 1, "a refused token is not retried");
    assert!(!dir.path().join("plan.json").exists());
    assert_token_hidden(&run, dir.path());

    let api = MockApi::scripted(vec![Reply::error(403, &echo)]);
    let run = tracktype(dir.path(), &api, &["pull", "--tracking-plan", PLAN]);
    assert_eq!(run.code, 2);
    assert_has(
        &run.stderr,
        "denied access to tracking plan tp_acme_web_1 (HTTP 403): token Bearer [redacted] is not valid",
    );
    assert_token_hidden(&run, dir.path());
}

#[test]
fn an_unknown_plan_names_the_id_and_what_to_check() {
    let api = MockApi::scripted(vec![Reply::error(404, "Resource not found")]);
    let dir = tempfile::tempdir().unwrap();
    let run = tracktype(dir.path(), &api, &["pull", "--tracking-plan", "tp_nope"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("tracking plan tp_nope was not found (HTTP 404"),
        "{}",
        run.stderr
    );
    assert_has(&run.stderr, "https://eu1.api.segmentapis.com");
    assert_eq!(run.stdout, "");
}

#[test]
fn a_malformed_answer_is_a_clear_error_and_nothing_is_written() {
    for (reply, expected) in [
        (
            Reply::json(200, json!({"data": {"rules": "nope", "pagination": {}}})),
            "GET /tracking-plans/tp_acme_web_1/rules answered with something tracktype cannot read: `data.rules` is a string, not a list",
        ),
        (
            Reply::json(
                200,
                json!({"data": {"rules": [{"type": "TRACK", "key": "A", "jsonSchema": {}}], "pagination": {}}}),
            ),
            "`data.rules[0].version` is missing",
        ),
        (
            Reply::text(200, "<html>maintenance</html>"),
            "the body is not JSON (expected value at line 1 column 1): <html>maintenance</html>",
        ),
    ] {
        let api = MockApi::scripted(vec![plan_reply(), reply]);
        let dir = tempfile::tempdir().unwrap();
        let run = tracktype(dir.path(), &api, PULL);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_has(&run.stderr, expected);
        assert_has(&run.stderr, "nothing was written");
        assert!(!dir.path().join("plan.json").exists());
    }
}

#[test]
fn a_slow_server_times_out() {
    let api = MockApi::start(|_| Reply::Hang);
    let dir = tempfile::tempdir().unwrap();
    let run = support::run(
        support::command(
            Some(dir.path()),
            &[
                "pull",
                "--tracking-plan",
                PLAN,
                "-o",
                "plan.json",
                "--api-url",
                api.url(),
            ],
        )
        .env("SEGMENT_TOKEN", TOKEN)
        .env("TRACKTYPE_API_TIMEOUT_MS", "200")
        .env("TRACKTYPE_API_BACKOFF_MS", "1"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_has(
        &run.stderr,
        "GET /tracking-plans/tp_acme_web_1 timed out after 0.2 s",
    );
    assert!(!dir.path().join("plan.json").exists());
}

#[test]
fn without_a_token_nothing_is_sent_and_the_error_says_where_to_put_one() {
    let api = MockApi::scripted(vec![]);
    let dir = tempfile::tempdir().unwrap();
    let run = support::run(
        support::command(
            Some(dir.path()),
            &["pull", "--tracking-plan", PLAN, "--api-url", api.url()],
        )
        .env_remove("SEGMENT_TOKEN"),
    );
    assert_eq!(run.code, 2);
    assert_has(
        &run.stderr,
        "no Segment Public API token: SEGMENT_TOKEN is not set",
    );
    assert_has(&run.stderr, "token_command");
    assert!(api.lines().is_empty());
}

#[test]
fn bad_flags_are_refused_before_any_request() {
    let api = MockApi::scripted(vec![]);
    let dir = tempfile::tempdir().unwrap();
    for (args, expected) in [
        (
            vec!["pull", "--tracking-plan", "tp/../x"],
            "--tracking-plan: `tp/../x` is not a tracking plan id",
        ),
        (
            vec![
                "pull",
                "--tracking-plan",
                PLAN,
                "--api-url",
                "http://api.segmentapis.com",
            ],
            "the token would travel in clear",
        ),
        (vec!["pull"], "which tracking plan should `pull` use?"),
        (
            vec!["push", "--tracking-plan", PLAN],
            "nothing selected to push",
        ),
    ] {
        let run =
            support::run(support::command(Some(dir.path()), &args).env("SEGMENT_TOKEN", TOKEN));
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    let run = support::run(
        support::command(
            Some(dir.path()),
            &["pull", "--tracking-plan", PLAN, "--api-url", api.url()],
        )
        .env("SEGMENT_TOKEN", TOKEN)
        .env("TRACKTYPE_API_TIMEOUT_MS", "soon"),
    );
    assert_eq!(run.code, 2);
    assert_has(
        &run.stderr,
        "TRACKTYPE_API_TIMEOUT_MS=soon is not a number of milliseconds",
    );
    assert!(api.lines().is_empty());
}

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
        out.starts_with("tracking plan tp_acme_web_1 (Acme Web): 1 to add, 1 to change, 1 not selected (kept), 1 unchanged\n"),
        "{out}"
    );
    assert!(
        out.contains("\n  add    TRACK `Signed In` (version 1)\n"),
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
        "sent to tp_acme_web_1: 1 created, 1 updated, 0 removed\n",
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
    // The new rule first, then the change, which keeps Protocols' latest version number.
    assert_eq!(
        patch.json(),
        json!({"rules": [by_key("Signed In"), checkout]})
    );
    assert_eq!(
        state.lock().unwrap().rules.len(),
        5,
        "the legacy rule stays without --prune"
    );
    assert_token_hidden(&run, dir.path());

    args.push("--prune");
    let run = tracktype(dir.path(), &api, &args).success();
    assert_has(&run.stdout, "1 to remove, 3 unchanged");
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
        "sent to tp_acme_web_1: 5 created, 0 updated, 0 removed",
    );

    tracktype(dir.path(), &api, PULL).success();
    let pulled: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.json")).unwrap())
            .unwrap();
    let mut wanted = exported(&selection)["rules"].as_array().unwrap().clone();
    wanted.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
    assert_eq!(pulled["rules"].as_array().unwrap(), &wanted);

    // Pushed again, nothing differs and nothing is sent.
    let before = api.lines().len();
    let again = tracktype(dir.path(), &api, &push).success();
    assert_has(&again.stdout, "0 to add, 0 to change, 5 unchanged");
    assert_has(&again.stdout, "nothing to send to tp_acme_web_1");
    assert!(api.requests()[before..].iter().all(|r| r.method == "GET"));
}

#[test]
fn in_a_project_pull_and_push_need_no_flags() {
    let (api, state) = FakePlan::new(PLAN, TOKEN, vec![]).serve();
    // The token comes from a command, as from a password manager, kept out of the project.
    let vault = tempfile::tempdir().unwrap();
    let secret = vault.path().join("token");
    std::fs::write(&secret, format!("{TOKEN}\n")).unwrap();
    let project = format!(
        "targets:\n  - name: web\n    lang: ts\n    plans: [tracking/plan.json]\n    out: web\n\
         segment:\n  api_url: {}\n  token_command: cat '{}'\n  tracking_plans:\n    - id: {PLAN}\n      file: tracking/plan.json\n      use_cases: [mitigate-cart-abandonment]\n",
        api.url(),
        secret.display()
    );
    let dir = support::dir_with(&[("tracktype.yaml", &project)]);
    let sub = dir.path().join("tracking");
    std::fs::create_dir_all(&sub).unwrap();
    let in_project = |args: &[&str], cwd: &Path| {
        support::run(
            support::command(Some(cwd), args)
                .env_remove("SEGMENT_TOKEN")
                .env("TRACKTYPE_API_BACKOFF_MS", "1"),
        )
    };
    let push = in_project(&["push", "--apply"], &sub).success();
    assert_has(&push.stdout, "sent to tp_acme_web_1: 2 created");
    assert_eq!(state.lock().unwrap().rules.len(), 2);
    // From a subdirectory, paths are the project file's.
    let pull = in_project(&["pull"], &sub).success();
    assert_has(&pull.stdout, "wrote ../tracking/plan.json");
    let check = in_project(&["pull", "--check"], dir.path()).success();
    assert!(
        check.stdout.starts_with("ok tracking/plan.json matches"),
        "{}",
        check.stdout
    );
    let generated = in_project(&["gen"], dir.path()).success();
    assert_has(&generated.stdout, "web/index.ts");
    assert_token_hidden(&pull, dir.path());
}

#[test]
fn an_invalid_segment_section_is_located() {
    let project = "targets:\n  - name: web\n    lang: ts\n    all: true\n    out: web\n\
                   segment:\n  api_url: http://example.com\n  tracking_plans:\n    - id: tp_1\n      fil: plan.json\n";
    let dir = support::dir_with(&[("tracktype.yaml", project)]);
    let run =
        support::run(support::command(Some(dir.path()), &["pull"]).env("SEGMENT_TOKEN", TOKEN));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_has(&run.stderr, "tracktype.yaml:10:7: error: unknown key `fil`");
    assert_has(&run.stderr, "did you mean `file`?");
}

#[test]
fn an_unreachable_api_is_a_clear_error() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let run = support::run(
        support::command(
            Some(dir.path()),
            &["pull", "--tracking-plan", PLAN, "--api-url", &url],
        )
        .env("SEGMENT_TOKEN", TOKEN),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_has(
        &run.stderr,
        "GET /tracking-plans/tp_acme_web_1 failed: connection refused",
    );
    assert_has(
        &run.stderr,
        &format!("check the network, and that {url} is right"),
    );
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
    assert_has(&run.stdout, "1 to add");
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
