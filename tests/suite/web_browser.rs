//! The web path end to end: the generated TypeScript (`--all`, analytics-next), type-checked by
//! tsc and bundled by esbuild with the real `@segment/analytics-next`, in Debian's headless
//! Chromium, driven by `tests/browser/analytics-next.mjs`. Every method is called once through
//! `AnalyticsBrowser` and once through the `window.analytics` snippet; the loopback collector
//! must receive exactly the expected messages and nothing else. Also: the README's "In the
//! browser" section shows the pages' own code and the bundle sizes `bench/bundle-size.mjs`
//! measures.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

use crate::browser::{chromium, ensure_node_modules, project};
use crate::docs_facts::catalog_json;
use crate::support::{path_of, require_tool, root, run_ok, tracktype};

const PURPOSE: &str = "the generated TypeScript's browser test";

/// The README's section on the browser path.
fn readme_section() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("\n## In the browser\n")
        .expect("the README has an \"In the browser\" section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_owned()
}

/// The bodies of the section's fenced blocks in `lang` (whatever else their fence says).
fn blocks(section: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}");
    section
        .split(&fence)
        .skip(1)
        .filter(|b| b.starts_with([' ', '\n']))
        .map(|b| {
            let body = &b[b.find('\n').expect("a fence line") + 1..];
            body[..body.find("```").expect("a closed block")].to_owned()
        })
        .collect()
}

/// The parts of a page marked for the README.
fn marked(file: &str) -> String {
    let text = std::fs::read_to_string(project().join("web").join(file)).unwrap();
    let start = text.find("// README: In the browser\n").expect(file) + 26;
    let end = text.find("// end README\n").expect(file);
    text[start..end].to_owned()
}

#[test]
fn the_generated_typescript_sends_exactly_its_calls_through_analytics_next_in_chromium() {
    let Some(node) = require_tool("node", &[], PURPOSE) else {
        return;
    };
    let Some(npm) = require_tool("npm", &[], PURPOSE) else {
        return;
    };
    let Some(chromium) = chromium(PURPOSE) else {
        return;
    };
    ensure_node_modules(&npm);
    crate::typescript::ensure_node_modules(&npm);

    let web = project().join("web");
    let module = web.join("tracking");
    let _ = std::fs::remove_dir_all(&module);
    tracktype(&[
        "gen",
        "--all",
        "--lang",
        "ts",
        "--sdk",
        "analytics-next",
        "--out",
        &path_of(&module),
    ])
    .success();
    // esbuild strips types without checking them: tsc checks the pages against the module.
    run_ok(
        Command::new(crate::typescript::project().join("node_modules/.bin/tsc"))
            .args(["-p", &path_of(&web)]),
        "tsc on tests/browser/web",
    );

    let output = run_ok(
        Command::new(node)
            .args(["analytics-next.mjs", "--version", env!("CARGO_PKG_VERSION")])
            .env("CHROMIUM", &chromium)
            .current_dir(project()),
        "node tests/browser/analytics-next.mjs",
    );
    let report: Value = serde_json::from_str(&output).expect("the browser report is JSON");
    assert_eq!(
        report["blocked"],
        serde_json::json!([]),
        "nothing leaves the machine"
    );
    assert_eq!(report["scriptErrors"], serde_json::json!([]));

    // One call per track, page and screen event of the catalog's use cases, plus identify,
    // group, the generic track and one call that breaks the plan; the driver checked each
    // message, what onViolation received, and that no method is left.
    let catalog = catalog_json();
    let events: BTreeSet<&str> = catalog["use_cases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|u| u["events"].as_array().unwrap())
        .map(|e| e.as_str().unwrap())
        .collect();
    let calls = events.len() as u64 + 4;
    for flavour in ["AnalyticsBrowser", "snippet"] {
        assert_eq!(report["flavours"][flavour]["calls"], calls, "{flavour}");
        assert_eq!(report["flavours"][flavour]["messages"], calls, "{flavour}");
    }

    // What the pages asked of the server: Segment's CDN and API, nothing else.
    let requests: Vec<&str> = report["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let posts = requests.iter().filter(|r| r.starts_with("POST ")).count();
    assert_eq!(posts as u64, 2 * calls, "{requests:?}");
    for request in &requests {
        let known = matches!(
            *request,
            "POST /v1/t" | "POST /v1/p" | "POST /v1/s" | "POST /v1/i" | "POST /v1/g"
        ) || matches!(
            *request,
            "GET /analytics-browser.html"
                | "GET /analytics-browser.js"
                | "GET /snippet.html"
                | "GET /snippet.js"
                | "GET /favicon.ico"
                | "GET /v1/projects/npm-key/settings"
                | "GET /v1/projects/snippet-key/settings"
                | "GET /analytics.js/v1/snippet-key/analytics.min.js"
        ) || request.starts_with("GET /analytics-next/bundles/");
        assert!(known, "an unexpected request: {request}");
    }

    // The README's code is the pages' own.
    let section = readme_section();
    assert_eq!(
        blocks(&section, "ts"),
        vec![marked("analytics-browser.ts"), marked("snippet.ts")],
        "the README's \"In the browser\" blocks are the marked parts of tests/browser/web's pages"
    );
}

#[test]
fn the_readme_shows_the_bundle_sizes_the_benchmark_measures() {
    let Some(node) = require_tool("node", &[], "the bundle-size benchmark") else {
        return;
    };
    let Some(npm) = require_tool("npm", &[], "the bundle-size benchmark") else {
        return;
    };
    ensure_node_modules(&npm);
    let table = run_ok(
        Command::new(&node)
            .arg("bench/bundle-size.mjs")
            .env("TRACKTYPE", env!("CARGO_BIN_EXE_tracktype"))
            .current_dir(root()),
        "node bench/bundle-size.mjs",
    );
    let section = readme_section();
    for line in table.lines().filter(|l| !l.is_empty()) {
        assert!(
            section.contains(line),
            "the README's \"In the browser\" section lacks this measured line (run `node bench/bundle-size.mjs`):\n{line}"
        );
    }
    let sizes: Value = serde_json::from_str(&run_ok(
        Command::new(&node)
            .args(["bench/bundle-size.mjs", "--json"])
            .env("TRACKTYPE", env!("CARGO_BIN_EXE_tracktype"))
            .current_dir(root()),
        "node bench/bundle-size.mjs --json",
    ))
    .unwrap();
    // The goal is for the tracker alone: one use case, without run-time validation.
    let one = &sizes["rows"][2];
    assert!(
        one["selection"]
            .as_str()
            .unwrap()
            .contains("--validate off")
    );
    let gzipped = one["added"]["gzipped"].as_u64().unwrap();
    assert!(
        gzipped < 1024,
        "one use case without validation adds {gzipped} B gzipped: the goal is under 1 KB"
    );
}
