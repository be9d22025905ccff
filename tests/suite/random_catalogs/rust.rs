//! The Rust batch: every case a module of `tests/random-host`, compiled with warnings denied,
//! then run.

use std::fmt::Write as _;
use std::process::Command;

use tracktype::lang::{Language, Target};

use serde_json::{Value, json};

use super::{BatchFailure, Case, Sent, cases_mentioned, hashes_for};
use crate::support::root;

/// A raw string literal of `text`.
fn raw(text: &str) -> String {
    let hashes = hashes_for(text, "\"");
    format!("r{hashes}\"{text}\"{hashes}")
}

/// The message the Tracking API receives for an event's call, without who and context: a
/// page's category is in its properties too, as analytics.js sends it.
fn expected(sent: &Sent) -> Value {
    let mut wire = json!({ "type": sent.call });
    let mut properties = sent.properties.clone();
    match sent.call {
        "track" => wire["event"] = json!(sent.name),
        call => {
            if let Some(name) = &sent.name {
                wire["name"] = json!(name);
            }
            if let Some(category) = &sent.category {
                wire["category"] = json!(category);
                if call == "page" {
                    properties["category"] = json!(category);
                }
            }
        }
    }
    wire["properties"] = properties;
    wire
}

pub fn batch(cases: &[Case]) -> Result<(), BatchFailure> {
    let dir = root().join("target/tracktype-tests/random/rust");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let target = Target::for_language(Language::Rust);
    let mut code = String::new();
    let mut checks = String::new();
    let mut count = 0;
    for (i, case) in cases.iter().enumerate() {
        let file = dir.join(format!("case_{i}.rs"));
        std::fs::write(&file, case.files(&target)[0].contents.to_text()).expect("case file");
        writeln!(
            code,
            "#[path = {:?}]\npub mod case_{i};",
            file.display().to_string()
        )
        .unwrap();
        for event in &case.events {
            writeln!(
                checks,
                "    check!(failures, {label:?}, case_{i}::{ty}, {method}, {wire:?}, {json}, {expected});",
                label = format!("case_{i}: {:?}", event.wire),
                ty = event.rust.ty,
                method = event.rust.method,
                wire = event.wire,
                json = raw(&event.sample.to_string()),
                expected = raw(&expected(&event.sent).to_string()),
            )
            .unwrap();
            count += 1;
        }
        for traits in &case.traits {
            let ty = traits.rust.as_ref().map_or_else(
                || "serde_json::Map<String, serde_json::Value>".to_owned(),
                |t| format!("case_{i}::{t}"),
            );
            let (call, args, mut wire) = match traits.call {
                "identify" => ("identify", "", json!({ "type": "identify" })),
                _ => ("group", "\"g\"", json!({ "type": "group", "groupId": "g" })),
            };
            wire["traits"] = traits.sample.clone();
            writeln!(
                checks,
                "    check_traits!(failures, {label:?}, case_{i}, {ty}, {call}({args}), {json}, {expected});",
                label = format!("case_{i}: {call}"),
                json = raw(&traits.sample.to_string()),
                expected = raw(&wire.to_string()),
            )
            .unwrap();
            count += 1;
        }
    }
    writeln!(
        code,
        "\n/// Every check; the failures. Deprecated events are checked too.\n#[allow(deprecated)]\npub fn run() -> (usize, Vec<String>) {{\n    \
         let mut failures: Vec<String> = Vec::new();\n{checks}    ({count}, failures)\n}}"
    )
    .unwrap();
    let cases_file = dir.join("cases.rs");
    std::fs::write(&cases_file, code).expect("cases file");

    let Err(output) = build_and_run(&cases_file) else {
        return Ok(());
    };
    Err(BatchFailure {
        cases: cases_mentioned(cases.len(), |i| {
            output.contains(&format!("case_{i}.rs")) || output.contains(&format!("case_{i}:"))
        }),
        output,
    })
}

/// Builds `tests/random-host` with the cases in `cases_file` and runs its check, giving what
/// failed. It builds with `cargo test --workspace --no-run`, the very units CI has compiled:
/// `cargo run -p tracktype-random-host` would resolve features for that crate alone and compile
/// serde, serde_json, regex and their macros a second time (half a minute of a cold CI run).
fn build_and_run(cases_file: &std::path::Path) -> Result<(), String> {
    let build = crate::support::cargo()
        .args([
            "test",
            "--workspace",
            "--no-run",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .env("TRACKTYPE_RANDOM_CASES", cases_file)
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&build.stdout);
    if !build.status.success() {
        return Err(format!(
            "{}{stdout}",
            String::from_utf8_lossy(&build.stderr)
        ));
    }
    let executable = stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|message| {
            message["reason"] == "compiler-artifact"
                && message["target"]["name"] == "tracktype_random_host"
                && message["profile"]["test"] == true
        })
        .and_then(|message| message["executable"].as_str().map(str::to_owned))
        .expect("cargo names the random host's test executable");
    let run = Command::new(executable)
        .args([
            "--ignored",
            "--exact",
            "tests::every_case_reads_its_sample_and_sends_it",
            "--nocapture",
        ])
        .output()
        .expect("the random host's test runs");
    if run.status.success() {
        return Ok(());
    }
    Err(format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    ))
}
