//! What goes wrong: retries on 429 and 5xx, refused tokens, unknown plans, answers that are
//! not what the API documents, slow or absent servers, missing tokens and bad flags.

use serde_json::{Value, json};

use crate::mock_api::{MockApi, Reply};
use crate::support;

use super::*;

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
