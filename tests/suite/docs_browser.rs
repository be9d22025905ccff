//! The HTML documentation in a real browser: Debian's headless Chromium, offline, driven by
//! `tests/browser/docs-site.mjs`. Every page is reachable from the index, each event page's
//! facts match the catalog, the search finds `order_id`, the SVG diagram has a node per goal,
//! use case and event and an edge per membership, text is readable in light and dark schemes,
//! and every Mermaid block of the Markdown parses with Mermaid's own parser.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use crate::browser::{chromium, ensure_node_modules, project};
use crate::docs_facts::{
    EventPage, assert_event_pages_match, assert_goal_pages_match, catalog_json,
};
use crate::support::{dir_with, require_tool, root, run_ok, tracktype_in};

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_owned())
        .collect()
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_html_docs_work_offline_in_chromium() {
    let Some(node) = require_tool("node", &[], "the HTML documentation's browser test") else {
        return;
    };
    let Some(npm) = require_tool("npm", &[], "the HTML documentation's browser test") else {
        return;
    };
    let Some(chromium) = chromium("the HTML documentation's browser test") else {
        return;
    };
    ensure_node_modules(&npm);

    // Names full of Mermaid syntax, for the parser to read.
    let hostile = dir_with(&[(
        "odd.yaml",
        "events:\n  - name: 'Quote \" hash # [bracket] (paren) {brace} | pipe ; semi --> arrow'\n    description: x\nuse_cases:\n  - name: 'Use: \"case\" <b>'\n    summary: s\n    events: ['Quote \" hash # [bracket] (paren) {brace} | pipe ; semi --> arrow']\ngoals:\n  - name: 'Goal %% comment & amp'\n    use_cases:\n      - use_case: use-case-b\n        sources: ['end']\n        destinations: ['subgraph']\n",
    )]);
    tracktype_in(
        Some(hostile.path()),
        &[
            "--catalog",
            "odd.yaml",
            "docs",
            "--use-case",
            "use-case-b",
            "--out",
            "md",
        ],
    )
    .success();

    let shots = root().join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    let screenshot = shots.join("docs-index.png");
    let _ = std::fs::remove_file(&screenshot);
    let html = root().join("generated-examples/docs/html");
    let output = run_ok(
        Command::new(node)
            .arg("docs-site.mjs")
            .args(["--html", html.to_str().unwrap()])
            .args([
                "--markdown",
                root()
                    .join("generated-examples/docs/markdown")
                    .to_str()
                    .unwrap(),
            ])
            .args(["--markdown", hostile.path().join("md").to_str().unwrap()])
            .args(["--screenshot", screenshot.to_str().unwrap()])
            .env("CHROMIUM", &chromium)
            .current_dir(project()),
        "node tests/browser/docs-site.mjs",
    );
    let report: Value = serde_json::from_str(&output).expect("the browser report is JSON");
    let catalog = catalog_json();

    assert_eq!(
        strings(&report["blocked"]),
        Vec::<String>::new(),
        "nothing leaves the machine"
    );
    assert_eq!(strings(&report["scriptErrors"]), Vec::<String>::new());
    assert_eq!(strings(&report["accessibility"]), Vec::<String>::new());

    // Every page of the site is reachable from the index.
    let reached: BTreeSet<String> = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap().to_owned())
        .collect();
    let mut files = BTreeSet::new();
    for dir in ["", "goals", "use-cases", "events", "types"] {
        for entry in std::fs::read_dir(html.join(dir)).unwrap().flatten() {
            if entry.path().is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                files.insert(if dir.is_empty() {
                    name
                } else {
                    format!("{dir}/{name}")
                });
            }
        }
    }
    assert_eq!(reached, files, "every page, and only pages that exist");

    // Each event page's facts and properties.
    let pages: Vec<EventPage> = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| EventPage {
            title: e["title"].as_str().unwrap().to_owned(),
            facts: e["facts"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
            rows: e["tables"]["Properties of the event"]
                .as_array()
                .map(|rows| rows.iter().map(strings).collect())
                .unwrap_or_default(),
        })
        .collect();
    assert_event_pages_match(&catalog, &pages, "html");
    let goals: BTreeMap<String, Vec<Vec<String>>> = report["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let rows = g["tables"]
                .as_object()
                .and_then(|t| t.values().next().cloned())
                .unwrap_or(Value::Null);
            (g["title"].as_str().unwrap().to_owned(), rows)
        })
        .map(|(t, rows)| {
            (
                t,
                rows.as_array()
                    .map(|r| r.iter().map(strings).collect())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_goal_pages_match(&catalog, &goals, "html");

    // The search finds order_id on every event that has it, and its link leads to the row.
    let with_order_id: BTreeSet<String> = catalog["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["properties"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == "order_id")
        })
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(!with_order_id.is_empty());
    let found: BTreeSet<String> = report["search"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0] == "property" && r[1] == "order_id")
        .map(|r| {
            r[2].as_str()
                .unwrap()
                .trim_start_matches("string of ")
                .to_owned()
        })
        .collect();
    assert_eq!(
        found, with_order_id,
        "the search finds order_id wherever it is"
    );
    assert!(
        report["searchTarget"]["row"]
            .as_str()
            .is_some_and(|r| r.starts_with("order_id")),
        "{}",
        report["searchTarget"]
    );

    // The index's diagram: a node per goal, use case and event, an edge per membership.
    let diagram = &report["diagram"];
    let nodes_of = |kind: &str| -> BTreeSet<String> {
        diagram["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n[0] == kind)
            .map(|n| n[1].as_str().unwrap().to_owned())
            .collect()
    };
    let goal_names: BTreeSet<String> = names(&catalog["goals"]).into_iter().collect();
    let use_case_names: BTreeSet<String> = names(&catalog["use_cases"]).into_iter().collect();
    let events_in_use_cases: BTreeSet<String> = catalog["use_cases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|u| strings(&u["events"]))
        .collect();
    assert_eq!(nodes_of("goal"), goal_names);
    assert_eq!(nodes_of("use-case"), use_case_names);
    assert_eq!(nodes_of("event"), events_in_use_cases);
    let count = |kind: &str| {
        diagram["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n[0] == kind)
            .count()
    };
    assert_eq!(
        count("goal") + count("use-case") + count("event"),
        goal_names.len() + use_case_names.len() + events_in_use_cases.len(),
        "each once"
    );
    let slug_name: BTreeMap<String, String> = catalog["use_cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["slug"].as_str().unwrap().to_owned(),
                u["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut expected_edges = BTreeSet::new();
    for g in catalog["goals"].as_array().unwrap() {
        for pair in g["use_cases"].as_array().unwrap() {
            let u = &slug_name[pair["slug"].as_str().unwrap()];
            expected_edges.insert((g["name"].as_str().unwrap().to_owned(), u.clone()));
        }
    }
    for u in catalog["use_cases"].as_array().unwrap() {
        for e in strings(&u["events"]) {
            expected_edges.insert((u["name"].as_str().unwrap().to_owned(), e));
        }
    }
    let member_edges: Vec<(String, String)> = diagram["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e[0] == "member")
        .map(|e| {
            (
                e[1][1].as_str().unwrap().to_owned(),
                e[2][1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        member_edges.len(),
        expected_edges.len(),
        "one edge per membership"
    );
    assert_eq!(
        member_edges.into_iter().collect::<BTreeSet<_>>(),
        expected_edges
    );
    assert!(
        diagram["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n[0] == "goal" || n[0] == "use-case" || n[0] == "event")
            .all(|n| n[2] == true),
        "every goal, use case and event node links to its page"
    );

    // Readable in both schemes; the print stylesheet drops the controls.
    for scheme in ["light", "dark"] {
        for (what, ratio) in report["contrast"][scheme].as_object().unwrap() {
            let ratio = ratio.as_f64().unwrap();
            assert!(ratio >= 4.5, "{scheme}: {what} has contrast {ratio} < 4.5");
        }
    }
    assert_eq!(report["print"]["searchHidden"], true);
    assert_eq!(report["print"]["navHidden"], true);

    // Every Mermaid block parses: the index and each goal, and the hostile names' two.
    let blocks = 1 + catalog["goals"].as_array().unwrap().len() + 2;
    assert_eq!(strings(&report["mermaid"]["errors"]), Vec::<String>::new());
    assert_eq!(report["mermaid"]["parsed"].as_u64(), Some(blocks as u64));

    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}
