//! `tracktype pull` and `tracktype push` against a loopback stand-in for Segment's Public API
//! (`crate::mock_api`): pages, every rule type, retries, errors, timeouts, the exact requests
//! push sends, and a token that shows up nowhere but in the `Authorization` header.

mod failures;
mod pull;
mod push;

use std::path::Path;

use serde_json::{Value, json};

use crate::mock_api::{MockApi, Reply};
use crate::support::{self, Run};

pub const TOKEN: &str = "sgp_TEST_tok3n_5f2c9a71e0";
pub const PLAN: &str = "tp_acme_web_1";

/// `pull` of the test plan into `plan.json`, and the same with `--check`.
pub const PULL: &[&str] = &["pull", "--tracking-plan", PLAN, "-o", "plan.json"];
pub const PULL_CHECK: &[&str] = &[
    "pull",
    "--tracking-plan",
    PLAN,
    "-o",
    "plan.json",
    "--check",
];

/// Runs tracktype in `dir` against `api`, with the token in the environment and timeouts and
/// waits made short through their documented variables.
pub fn tracktype(dir: &Path, api: &MockApi, args: &[&str]) -> Run {
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
pub fn assert_has(text: &str, expected: &str) {
    assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
}

/// The token is in no output and no file under `dir`.
#[track_caller]
pub fn assert_token_hidden(run: &Run, dir: &Path) {
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

pub fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
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

pub fn rule(rule_type: &str, key: Option<&str>, version: u64, schema: Value) -> Value {
    let mut r = json!({ "type": rule_type, "version": version, "jsonSchema": schema });
    if let Some(key) = key {
        r["key"] = json!(key);
    }
    r
}

/// One rule of each of the six types, and two versions of one event.
pub fn every_rule_type() -> Vec<Value> {
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
pub fn exported_rule(exported: &Value, key: &str) -> Value {
    let rules = exported["rules"].as_array().expect("rules");
    rules
        .iter()
        .find(|r| r["key"] == key)
        .expect("exported")
        .clone()
}

/// The rules `export` writes, as Protocols keeps them: a rule without a key (IDENTIFY, GROUP)
/// has none, where export writes `""`.
pub fn exported(selection: &[&str]) -> Value {
    let mut args = vec!["export", "--format", "segment-plan"];
    args.extend(selection);
    let run = support::tracktype(&args).success();
    let mut doc: Value = serde_json::from_str(&run.stdout).expect("export writes JSON");
    for rule in doc["rules"].as_array_mut().expect("rules") {
        if rule["key"] == "" {
            rule.as_object_mut().unwrap().remove("key");
        }
    }
    doc
}

/// The exported rule of a type that has no key.
pub fn exported_keyless(exported: &Value, rule_type: &str) -> Value {
    let rules = exported["rules"].as_array().expect("rules");
    rules
        .iter()
        .find(|r| r["type"] == rule_type && r.get("key").is_none())
        .expect("exported")
        .clone()
}

pub fn plan_reply() -> Reply {
    Reply::json(
        200,
        json!({"data": {"trackingPlan": {"id": PLAN, "name": "Acme Web", "type": "LIVE"}}}),
    )
}

pub fn rules_reply(rules: Vec<Value>) -> Reply {
    Reply::json(
        200,
        json!({"data": {"rules": rules, "pagination": {"current": "MA==", "next": null}}}),
    )
}
