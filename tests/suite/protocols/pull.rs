//! pull: pages, every rule type, canonical files, `--check`, the project file, and the same
//! code as `gen --plan`.

use std::path::Path;

use serde_json::{Value, json};

use crate::mock_api::FakePlan;
use crate::support::{self, path_of};

use super::*;

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
    // The use case's two events, and the identify and group traits.
    assert_has(&push.stdout, "sent to tp_acme_web_1: 4 created");
    assert_eq!(state.lock().unwrap().rules.len(), 4);
    // From a subdirectory, paths are the project file's.
    let pull = in_project(&["pull"], &sub).success();
    assert_has(&pull.stdout, "wrote ../tracking/plan.json");
    let check = in_project(&["pull", "--check"], dir.path()).success();
    assert!(
        check.stdout.starts_with("ok tracking/plan.json matches"),
        "{}",
        check.stdout
    );
    // The README's workflow: pull, gen, gen --check, pull --check, push.
    let generated = in_project(&["gen"], dir.path()).success();
    assert_has(&generated.stdout, "web/index.ts");
    assert_has(
        &in_project(&["gen", "--check"], dir.path()).success().stdout,
        "ok target web",
    );
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
