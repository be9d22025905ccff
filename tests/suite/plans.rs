//! Segment tracking plans: both formats, Typewriter's own plans, import and export.

use std::fs;

use serde_json::Value;

use crate::support::{
    dir_with, fixture_plans, path_of, root, tracktype, tracktype_in, typewriter_plans,
};

fn catalog_of(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--no-default-catalog", "catalog"]);
    serde_json::from_str(&tracktype(&all).success().stdout).unwrap()
}

fn events_of(catalog: &Value) -> Vec<&str> {
    catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect()
}

/// Every plan we test: ours always, Typewriter's where `../shared` is.
fn all_plans() -> Vec<(&'static str, std::path::PathBuf)> {
    let mut plans = fixture_plans();
    plans.extend(typewriter_plans().unwrap_or_default());
    plans
}

fn fixture(name: &str) -> std::path::PathBuf {
    fixture_plans()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| p)
        .unwrap()
}

#[test]
fn both_formats_of_our_fixture_give_the_same_catalog() {
    let (config, public) = (fixture("config-api"), fixture("public-api"));
    let a = catalog_of(&["--plan", &path_of(&config)]);
    let b = catalog_of(&["--plan", &path_of(&public)]);
    assert_eq!(a, b);
    assert_eq!(events_of(&a).len(), 24);
}

#[test]
fn the_highest_version_wins() {
    let (_, public) = &fixture_plans()[1];
    let catalog = catalog_of(&["--plan", &path_of(public)]);
    let versioned = catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Versioned Event")
        .unwrap();
    let names: Vec<&str> = versioned["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["new"]);
}

#[test]
fn an_event_with_a_property_named_properties_is_told_from_the_wrapped_form() {
    let (_, public) = &fixture_plans()[1];
    let catalog = catalog_of(&["--plan", &path_of(public)]);
    let event = catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Has Properties Property")
        .unwrap();
    let props = event["properties"].as_array().unwrap();
    let inner = props.iter().find(|p| p["name"] == "properties").unwrap();
    assert_eq!(inner["required"], true);
    assert_eq!(inner["schema"]["properties"]["inner"]["type"], "string");
    assert!(props.iter().any(|p| p["name"] == "context"));
}

#[test]
fn typewriters_plans_are_read_in_all_three_forms() {
    let Some(plans) = typewriter_plans() else {
        return;
    };
    for (name, plan) in plans {
        let catalog = catalog_of(&["--plan", &path_of(&plan)]);
        let events = events_of(&catalog);
        assert!(
            events.contains(&"Every Nullable Required Type"),
            "{name}: {events:?}"
        );
        assert!(
            events.contains(&"42_--terrible==\\\"event'++name~!3"),
            "{name}"
        );
        let required = catalog["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "Every Required Type")
            .unwrap();
        assert_eq!(
            required["properties"].as_array().unwrap().len(),
            10,
            "{name}: properties unwrapped"
        );
    }
}

#[test]
fn a_plan_replaces_the_embedded_event_and_gen_selects_the_plans_events() {
    let plan = r#"{"rules": [{"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": {
        "properties": {"context": {}, "traits": {"type": "object"}, "properties": {"type": "object",
        "properties": {"order_ref": {"type": "string"}}, "required": ["order_ref"]}}}}]}"#;
    let dir = dir_with(&[("plan.json", plan)]);
    let run = tracktype_in(
        Some(dir.path()),
        &[
            "--plan",
            "plan.json",
            "show",
            "mitigate-cart-abandonment",
            "--format",
            "json",
        ],
    )
    .success();
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let order = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Order Completed")
        .unwrap();
    assert_eq!(
        order["properties"].as_array().unwrap().len(),
        1,
        "the plan's definition replaces the embedded one"
    );

    tracktype_in(
        Some(dir.path()),
        &["--plan", "plan.json", "gen", "--lang", "ts", "--out", "out"],
    )
    .success();
    let ts = fs::read_to_string(dir.path().join("out/index.ts")).unwrap();
    assert!(
        ts.contains("export type EventName = \"Order Completed\";"),
        "only the plan's events"
    );
    assert!(ts.contains("// Selection: (the events of the plans)"));
}

#[test]
fn two_plans_that_disagree_are_an_error_naming_both() {
    let a = r#"{"rules": [{"type": "TRACK", "key": "X", "version": 1, "jsonSchema": {"properties": {"n": {"type": "string"}}}}]}"#;
    let b = r#"{"rules": [{"type": "TRACK", "key": "X", "version": 1, "jsonSchema": {"properties": {"n": {"type": "integer"}}}}]}"#;
    let dir = dir_with(&[("a.json", a), ("b.json", b), ("same.json", a)]);
    let run = tracktype_in(
        Some(dir.path()),
        &["--plan", "b.json", "--plan", "a.json", "list", "events"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("b.json:1:37: error: event `X` is defined differently by two plans"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a.json:1:37: note: the other definition is here"),
        "{}",
        run.stderr
    );
    tracktype_in(
        Some(dir.path()),
        &["--plan", "a.json", "--plan", "same.json", "list", "events"],
    )
    .success();
}

#[test]
fn a_file_that_is_not_a_plan_is_refused_clearly() {
    let dir = dir_with(&[
        ("x.json", "{\n  \"events\": []\n}\n"),
        ("bad.json", "{\"rules\": [1, 2"),
    ]);
    let run = tracktype_in(Some(dir.path()), &["--plan", "x.json", "list", "events"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("x.json:1:1: error: not a Segment tracking plan"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: a Config-API plan has `rules.events`"),
        "{}",
        run.stderr
    );
    let run = tracktype_in(Some(dir.path()), &["--plan", "bad.json", "list", "events"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "bad.json:1:16: error: unexpected end of file inside an array: the JSON is truncated"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn generating_from_an_import_gives_the_same_code_as_from_the_plan() {
    for (name, plan) in all_plans() {
        let dir = dir_with(&[]);
        let imported = dir.path().join("imported.yaml");
        tracktype(&["import", &path_of(&plan), "-o", &path_of(&imported)]).success();
        for lang in ["ts", "rust", "swift"] {
            let from_plan = dir.path().join(format!("plan-{lang}"));
            let from_import = dir.path().join(format!("import-{lang}"));
            tracktype(&[
                "--plan",
                &path_of(&plan),
                "--no-default-catalog",
                "gen",
                "--all",
                "--lang",
                lang,
                "--out",
                &path_of(&from_plan),
            ])
            .success();
            tracktype(&[
                "--catalog",
                &path_of(&imported),
                "--no-default-catalog",
                "gen",
                "--all",
                "--lang",
                lang,
                "--out",
                &path_of(&from_import),
            ])
            .success();
            for entry in walk(&from_plan) {
                let relative = entry.strip_prefix(&from_plan).unwrap();
                assert_eq!(
                    fs::read_to_string(&entry).unwrap(),
                    fs::read_to_string(from_import.join(relative)).unwrap(),
                    "{name} {lang} {}",
                    relative.display()
                );
            }
        }
        // The import extends the embedded catalog as the plan does: its events replace.
        let with_plan = catalog_of_with_embedded(&["--plan", &path_of(&plan)]);
        let with_import = catalog_of_with_embedded(&["--catalog", &path_of(&imported)]);
        assert_eq!(with_plan["events"], with_import["events"], "{name}");
    }
}

fn catalog_of_with_embedded(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("catalog");
    serde_json::from_str(&tracktype(&all).success().stdout).unwrap()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out.sort();
    out
}

#[test]
fn export_then_import_preserves_every_type_constraint_and_description() {
    let dir = dir_with(&[]);
    // The embedded catalog, and every plan.
    let mut cases: Vec<(String, Vec<String>)> = vec![("embedded catalog".into(), vec![])];
    for (name, plan) in all_plans() {
        cases.push((
            name.into(),
            vec![
                "--plan".into(),
                path_of(&plan),
                "--no-default-catalog".into(),
            ],
        ));
    }
    for (name, inputs) in cases {
        let exported = dir.path().join(format!("{}.json", name.replace(' ', "-")));
        let mut export: Vec<&str> = inputs.iter().map(String::as_str).collect();
        export.extend(["export", "--format", "segment-plan", "--all", "-o"]);
        let out = path_of(&exported);
        export.push(&out);
        tracktype(&export).success();
        let plan: Value = serde_json::from_str(&fs::read_to_string(&exported).unwrap()).unwrap();
        for rule in plan["rules"].as_array().unwrap() {
            assert_eq!(
                rule["jsonSchema"]["$schema"],
                "http://json-schema.org/draft-07/schema#"
            );
            let part = match rule["type"].as_str().unwrap() {
                "TRACK" | "PAGE" | "SCREEN" => "properties",
                "IDENTIFY" | "GROUP" => "traits",
                "COMMON" => continue,
                other => panic!("{name}: a {other} rule"),
            };
            assert!(
                rule["jsonSchema"]["properties"][part].is_object(),
                "{name}: {part} at properties.{part}"
            );
        }

        let mut original_args: Vec<&str> = inputs.iter().map(String::as_str).collect();
        original_args.push("catalog");
        let original: Value =
            serde_json::from_str(&tracktype(&original_args).success().stdout).unwrap();
        let round: Value = serde_json::from_str(
            &tracktype(&["--plan", &out, "--no-default-catalog", "catalog"])
                .success()
                .stdout,
        )
        .unwrap();
        for event in original["events"].as_array().unwrap() {
            let back = round["events"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["name"] == event["name"])
                .unwrap_or_else(|| panic!("{name}: {} lost", event["name"]));
            assert_eq!(
                back["description"], event["description"],
                "{name}: description of {}",
                event["name"]
            );
            assert_eq!(
                back["call"]["type"], event["call"]["type"],
                "{name}: call of {}",
                event["name"]
            );
            // A page or screen call's name and category are the message's own fields in a plan:
            // they come back as the properties `name` and `category`.
            let wire = |e: &Value, p: &Value| -> String {
                let n = p["name"].as_str().unwrap();
                match (e["call"]["name"].as_str(), e["call"]["category"].as_str()) {
                    (Some(f), _) if f == n => "name".into(),
                    (_, Some(f)) if f == n => "category".into(),
                    _ => n.into(),
                }
            };
            let by_name = |e: &Value| -> Vec<(String, Value, Value)> {
                let mut v: Vec<(String, Value, Value)> = e["properties"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| (wire(e, p), p["required"].clone(), p["schema"].clone()))
                    .collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                v
            };
            assert_eq!(
                by_name(back),
                by_name(event),
                "{name}: properties of {}",
                event["name"]
            );
        }
        assert_eq!(round["types"], original["types"], "{name}: named types");
        // Traits come back sorted by name; where a property came from is not a plan's to say.
        let traits = |c: &Value, part: &str| -> Value {
            let mut t = c[part].clone();
            if let Some(list) = t["traits"].as_array_mut() {
                list.iter_mut().for_each(|p| {
                    p.as_object_mut().unwrap().remove("origin");
                });
                list.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
            }
            t
        };
        for part in ["identify", "group"] {
            assert_eq!(
                traits(&round, part),
                traits(&original, part),
                "{name}: {part}"
            );
        }
    }
}

/// The calls fixture in Segment's two formats and RudderStack's: the same track event and
/// traits (COMMON rules and `global` add to every call, as the plans spelled out in full
/// say); the Public-API and RudderStack plans also have the page and screen events, which
/// the Config API cannot express.
#[test]
fn every_kind_of_rule_reads_the_same_in_every_format() {
    let public = catalog_of(&["--plan", &path_of(&fixture("calls-public-api"))]);
    let config = catalog_of(&["--plan", &path_of(&fixture("calls-config-api"))]);
    let rudder = catalog_of(&["--plan", &path_of(&fixture("calls-rudderstack"))]);
    assert_eq!(
        events_of(&public),
        ["Pricing", "Screen Viewed", "Song Played"]
    );
    assert_eq!(events_of(&config), ["Song Played"]);
    let calls: Vec<&Value> = public["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["call"])
        .collect();
    assert_eq!(
        calls,
        [
            &serde_json::json!({ "type": "page", "name": null, "category": null }),
            &serde_json::json!({ "type": "screen", "name": "name", "category": "category" }),
            &serde_json::json!({ "type": "track" }),
        ]
    );
    // `origin: common` marks what a common rule gave; a plan spelling it out has no marks.
    fn unmarked(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .filter(|(k, _)| *k != "origin")
                    .map(|(k, v)| (k.clone(), unmarked(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(unmarked).collect()),
            other => other.clone(),
        }
    }
    for part in ["identify", "group"] {
        assert_eq!(config[part], public[part], "Config API: {part}");
        assert_eq!(
            unmarked(&rudder[part]),
            unmarked(&public[part]),
            "RudderStack: {part}"
        );
        assert!(
            public[part]["traits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["name"] == "tenant" && t["required"] == true && t["origin"] == "common")
        );
    }
    assert_eq!(config["events"][0], public["events"][2]);
    assert_eq!(unmarked(&rudder["events"]), unmarked(&public["events"]));
}

/// Import then export gives back the Public-API plan's rules exactly: each kind as its own
/// rule type, the common rule apart.
#[test]
fn export_writes_every_kind_of_rule_back_as_it_was() {
    let plan = fixture("calls-public-api");
    let original: Value = serde_json::from_str(&fs::read_to_string(&plan).unwrap()).unwrap();
    let exported: Value = serde_json::from_str(
        &tracktype(&[
            "--plan",
            &path_of(&plan),
            "--no-default-catalog",
            "export",
            "--all",
        ])
        .success()
        .stdout,
    )
    .unwrap();
    let rules = |doc: &Value| -> Vec<(String, String, Value)> {
        let mut v: Vec<(String, String, Value)> = doc["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["type"].as_str().unwrap().to_owned(),
                    r["key"].as_str().unwrap().to_owned(),
                    r["jsonSchema"].clone(),
                )
            })
            .collect();
        v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        v
    };
    assert_eq!(rules(&exported), rules(&original));
}

#[test]
fn two_page_events_named_by_the_caller_cannot_be_one_plan() {
    let dir = dir_with(&[(
        "pages.yaml",
        "events:\n  - name: Docs Page\n    call: page\n    call_name: title\n    properties:\n      - name: title\n        type: string\n",
    )]);
    let out = tracktype_in(
        Some(dir.path()),
        &[
            "--catalog",
            "pages.yaml",
            "export",
            "--event",
            "Docs Page",
            "--event",
            "Page Viewed",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`Docs Page` and `Page Viewed` are both page events named by a property"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("export them separately"),
        "{}",
        out.stderr
    );
}

/// `--plan` means one thing everywhere: the plan's events join the catalog, and a command
/// that works on a selection takes the plan's events when nothing else is selected.
#[test]
fn plan_means_the_same_on_every_command() {
    let plan = path_of(&root().join("tests/data/plans/config-api.json"));
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["--plan", plan.as_str()];
        all.extend_from_slice(args);
        serde_json::from_str(&tracktype(&all).success().stdout).unwrap()
    };
    let sorted = |names: Vec<String>| -> Vec<String> {
        let mut names = names;
        names.sort();
        names.dedup();
        names
    };
    let names = |v: &Value| -> Vec<String> {
        sorted(
            v.as_array()
                .unwrap()
                .iter()
                .map(|e| e["name"].as_str().unwrap().to_owned())
                .collect(),
        )
    };
    let plan_doc: Value = serde_json::from_str(&fs::read_to_string(&plan).unwrap()).unwrap();
    let in_plan = names(&plan_doc["rules"]["events"]);

    assert_eq!(
        names(&json(&["list", "events", "--format", "json"])),
        in_plan
    );
    let rules = json(&["export", "--format", "segment-plan"]);
    let exported = sorted(
        rules["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["type"] == "TRACK")
            .map(|r| r["key"].as_str().unwrap().to_owned())
            .collect(),
    );
    assert_eq!(exported, in_plan);
    let out = tempfile::tempdir().unwrap();
    tracktype(&["--plan", &plan, "docs", "--out", &path_of(out.path())]).success();
    let index = fs::read_to_string(out.path().join("index.md")).unwrap();
    assert!(index.contains("Order Placed"), "{index}");
    assert!(!index.contains("Order Completed"), "{index}");

    // The whole catalog still has the embedded events, and a use case still lists its own.
    let catalog = json(&["catalog", "--format", "json"]);
    assert!(names(&catalog["events"]).contains(&"Order Completed".to_owned()));
    let cart = names(&json(&[
        "list",
        "events",
        "--use-case",
        "mitigate-cart-abandonment",
        "--format",
        "json",
    ]));
    assert_eq!(cart, ["Checkout Started", "Order Completed"]);
}
