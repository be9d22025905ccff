//! Segment tracking plans: both formats, Typewriter's own plans, import and export.

use std::fs;

use serde_json::Value;

use crate::support::{dir_with, fixture_plans, path_of, tracktype, tracktype_in, typewriter_plans};

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

#[test]
fn both_formats_of_our_fixture_give_the_same_catalog() {
    let [(_, config), (_, public)] = <[_; 2]>::try_from(fixture_plans()).unwrap();
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
        let rule = &plan["rules"][0];
        assert_eq!(rule["type"], "TRACK");
        assert_eq!(
            rule["jsonSchema"]["$schema"],
            "http://json-schema.org/draft-07/schema#"
        );
        assert!(
            rule["jsonSchema"]["properties"]["properties"].is_object(),
            "properties at properties.properties"
        );

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
            let by_name = |e: &Value| -> Vec<(String, Value, Value)> {
                let mut v: Vec<(String, Value, Value)> = e["properties"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        (
                            p["name"].as_str().unwrap().to_owned(),
                            p["required"].clone(),
                            p["schema"].clone(),
                        )
                    })
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
        let types = |c: &Value| c["types"].clone();
        assert_eq!(types(&round), types(&original), "{name}: named types");
    }
}
