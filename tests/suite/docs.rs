//! `tracktype docs` and documentation targets: the committed Markdown says what the catalog
//! says; the command writes through the writer, deterministically; bad input is a located
//! error that writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::docs_facts::{
    EventPage, assert_event_pages_match, assert_goal_pages_match, assert_rows_match, catalog_json,
};
use crate::support::{dir_with, root, tracktype, tracktype_in};

fn markdown_dir() -> std::path::PathBuf {
    root().join("generated-examples/docs/markdown")
}

/// A Markdown cell or line as a reader sees it: links as their text, code spans without
/// their backticks, escapes undone.
fn plain(md: &str) -> String {
    let chars: Vec<char> = md.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let fence: String = "`".repeat(run);
                let rest: String = chars[i + run..].iter().collect();
                match rest.find(&fence) {
                    Some(end) => {
                        out.push_str(rest[..end].trim_matches(' '));
                        i += run + rest[..end].chars().count() + run;
                    }
                    None => {
                        out.push_str(&fence);
                        i += run;
                    }
                }
            }
            '[' => {
                let rest: String = chars[i + 1..].iter().collect();
                match rest
                    .find("](")
                    .and_then(|mid| rest[mid..].find(')').map(|close| (mid, mid + close)))
                {
                    Some((mid, close)) => {
                        out.push_str(&plain(&rest[..mid]));
                        i += 1 + rest[..=close].chars().count();
                    }
                    None => {
                        out.push('[');
                        i += 1;
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.trim().to_owned()
}

#[test]
fn plain_reads_markdown_as_a_reader_would() {
    assert_eq!(
        plain("[Order](../events/o.md), `^[A-Z]{3}$` a\\_b"),
        "Order, ^[A-Z]{3}$ a_b"
    );
    assert_eq!(plain("``a`b``"), "a`b");
}

/// The cells of a Markdown table row, split on unescaped pipes.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            // GitHub unescapes `\|` before anything else, inside code spans too.
            cells.push(plain(&cell.replace("\\|", "|")));
            cell.clear();
        } else {
            cell.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells.push(plain(&cell.replace("\\|", "|")));
    cells
}

/// The rows of the table under a `## heading`.
fn table_under(text: &str, heading: &str) -> Vec<Vec<String>> {
    let mut lines = text.lines().skip_while(|l| *l != heading).skip(1);
    let rows: Vec<&str> = lines
        .by_ref()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    rows.iter().skip(2).map(|l| cells(l)).collect()
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every file under `dir`, by path relative to it, with its contents.
fn walk(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

fn title(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(plain)
        .unwrap_or_default()
}

#[test]
fn markdown_event_pages_say_what_the_catalog_says() {
    let catalog = catalog_json();
    let pages: Vec<EventPage> = read_dir(&markdown_dir().join("events"))
        .into_iter()
        .map(|(_, text)| {
            let facts = text
                .lines()
                .filter_map(|l| l.strip_prefix("- **"))
                .filter_map(|l| l.split_once(":** "))
                .map(|(k, v)| (k.to_owned(), plain(v)))
                .collect();
            EventPage {
                title: title(&text),
                facts,
                rows: table_under(&text, "## Properties"),
            }
        })
        .collect();
    assert_event_pages_match(&catalog, &pages, "markdown");
}

#[test]
fn markdown_traits_pages_say_what_the_catalog_says() {
    let catalog = catalog_json();
    for call in ["identify", "group"] {
        let Some(traits) = catalog[call].as_object() else {
            assert!(!markdown_dir().join(format!("{call}.md")).exists());
            continue;
        };
        let text = std::fs::read_to_string(markdown_dir().join(format!("{call}.md"))).unwrap();
        let rows = table_under(&text, "## Traits");
        assert_rows_match(
            &catalog,
            &rows,
            &traits["traits"],
            &format!("markdown: {call}"),
        );
    }
}

#[test]
fn markdown_goal_pages_give_each_pair_its_recommendation() {
    let catalog = catalog_json();
    let goals: BTreeMap<String, Vec<Vec<String>>> = read_dir(&markdown_dir().join("goals"))
        .into_iter()
        .map(|(_, text)| (title(&text), table_under(&text, "## Use cases")))
        .collect();
    assert_goal_pages_match(&catalog, &goals, "markdown");
}

#[test]
fn markdown_use_case_pages_list_their_events_and_how_to_send_them() {
    let catalog = catalog_json();
    let pages: BTreeMap<String, String> = read_dir(&markdown_dir().join("use-cases"))
        .into_iter()
        .map(|(_, text)| (title(&text), text))
        .collect();
    for u in catalog["use_cases"].as_array().unwrap() {
        let name = u["name"].as_str().unwrap();
        let text = &pages[name];
        let events: Vec<String> = table_under(text, "## Events")
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        let expected: Vec<&str> = u["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert_eq!(events, expected, "{name}: its events, in order");
        assert!(
            text.contains(&plain(u["summary"].as_str().unwrap())),
            "{name}: summary"
        );
        for lang in ["```ts\n", "```rust\n", "```swift\n"] {
            assert_eq!(text.matches(lang).count(), expected.len(), "{name}: {lang}");
        }
    }
}

#[test]
fn docs_writes_every_page_once_and_then_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let out_s = out.to_str().unwrap();
    let pages = walk(&root().join("generated-examples/docs/html")).len();
    let first = tracktype(&["docs", "--format", "html", "--out", out_s]).success();
    assert!(
        first
            .stdout
            .contains(&format!("{pages} written, 0 unchanged, 0 removed")),
        "{}",
        first.stdout
    );
    let second = tracktype(&["docs", "--format", "html", "--out", out_s]).success();
    assert!(
        second
            .stdout
            .contains(&format!("0 written, {pages} unchanged, 0 removed")),
        "{}",
        second.stdout
    );
    assert_eq!(
        walk(&out),
        walk(&root().join("generated-examples/docs/html")),
        "the command and the project target write the same bytes"
    );
    // A smaller selection removes the pages it no longer has.
    let third = tracktype(&[
        "docs",
        "--format",
        "html",
        "--use-case",
        "mitigate-cart-abandonment",
        "--out",
        out_s,
    ])
    .success();
    assert!(third.stdout.contains("removed"), "{}", third.stdout);
    let events: Vec<String> = read_dir(&out.join("events"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(events, ["checkout-started.html", "order-completed.html"]);
    let goals = read_dir(&out.join("goals"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Mitigate cart abandonment"));
    assert!(
        !index.contains("Accelerate signup"),
        "use cases the selection does not cover are left out"
    );
    assert!(!goals.is_empty());
}

#[test]
fn docs_defaults_to_markdown_in_generated_docs() {
    let dir = tempfile::tempdir().unwrap();
    tracktype_in(Some(dir.path()), &["docs", "--event", "Order Completed"]).success();
    let index = dir.path().join("generated/docs/markdown/index.md");
    let text = std::fs::read_to_string(index).unwrap();
    assert!(text.starts_with("<!-- @generated by tracktype "), "{text}");
    assert!(text.contains("Selection: --event 'Order Completed'"));
}

#[test]
fn unknown_names_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = tracktype(&[
        "docs",
        "--use-case",
        "mitigate-cart-abandon",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("did you mean `mitigate-cart-abandonment`?"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_bad_catalog_is_located_and_writes_nothing() {
    let dir = dir_with(&[("bad.yaml", "events:\n  - name: Thing\n    propertys: []\n")]);
    let out = dir.path().join("site");
    let run = tracktype_in(
        Some(dir.path()),
        &["--catalog", "bad.yaml", "docs", "--out", "site"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("bad.yaml:3:5"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn project_docs_targets_are_checked_like_sdks() {
    let project = "targets:\n  - name: plan\n    lang: docs\n    format: html\n    use_cases: [mitigate-cart-abandonment]\n    out: docs\n";
    let dir = dir_with(&[("tracktype.yaml", project)]);
    tracktype_in(Some(dir.path()), &["gen"]).success();
    assert!(dir.path().join("docs/index.html").exists());
    tracktype_in(Some(dir.path()), &["gen", "--check"]).success();
    std::fs::write(
        dir.path().join("docs/events/order-completed.html"),
        "<!-- @generated by tracktype; edited -->",
    )
    .unwrap();
    let drift = tracktype_in(Some(dir.path()), &["gen", "--check"]);
    assert_eq!(drift.code, 1, "{}", drift.stdout);
    assert!(
        drift
            .stdout
            .contains("docs/events/order-completed.html (changed)"),
        "{}",
        drift.stdout
    );
}

#[test]
fn project_docs_targets_reject_misplaced_and_unknown_keys() {
    let project = "targets:\n  - name: plan\n    lang: docs\n    format: pdf\n    sdk: analytics-node\n    all: true\n    out: docs\n  - name: web\n    lang: ts\n    format: html\n    all: true\n    out: web\n";
    let dir = dir_with(&[("tracktype.yaml", project)]);
    let run = tracktype_in(Some(dir.path()), &["gen"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for expected in [
        "tracktype.yaml:4:13: error: unknown documentation format `pdf`",
        "hint: use markdown or html",
        "tracktype.yaml:5:10: error: `sdk` applies to SDK targets only",
        "tracktype.yaml:10:13: error: `format` applies to documentation (`lang: docs`) targets only",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!dir.path().join("docs").exists() && !dir.path().join("web").exists());
}

#[test]
fn hostile_names_stay_text() {
    let catalog = r#"events:
  - name: "Pipe | <script>alert(1)</script> `tick` [link](x) \"quote\" #hash"
    description: "Says `a|b` and <b>bold</b>."
    properties:
      - name: "weird|key"
        type: string
        required: true
        required_reason: "Because | pipes."
use_cases:
  - name: "Odd [use] case"
    summary: "An *odd* one."
    events: ["Pipe | <script>alert(1)</script> `tick` [link](x) \"quote\" #hash"]
goals:
  - name: "Goal \"quoted\""
    use_cases:
      - use_case: odd-use-case
        sources: ["Web <site>"]
        destinations: ["A & B"]
"#;
    let dir = dir_with(&[("odd.yaml", catalog)]);
    for format in ["markdown", "html"] {
        tracktype_in(
            Some(dir.path()),
            &[
                "--catalog",
                "odd.yaml",
                "docs",
                "--format",
                format,
                "--use-case",
                "odd-use-case",
                "--out",
                format,
            ],
        )
        .success();
    }
    let md = std::fs::read_to_string(
        dir.path()
            .join("markdown/events/pipe-script-alert-1-script-tick-link-x-quote-hash.md"),
    )
    .unwrap();
    let row = md.lines().find(|l| l.contains("weird")).unwrap();
    assert_eq!(cells(row).len(), 6, "pipes in cells are escaped: {row}");
    assert_eq!(cells(row)[0], "weird|key");
    let html = std::fs::read_to_string(dir.path().join("html/index.html")).unwrap();
    assert!(!html.contains("<script>alert"), "names are escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn identify_and_group_traits_get_pages_of_their_own() {
    let catalog = "events:\n  - name: Thing Done\n    description: A thing was done.\nidentify:\n  description: Who the user is.\n  traits:\n    - name: email\n      type: string\n      format: email\n      required: true\n      required_reason: Email campaigns need it.\n    - name: plan\n      enum: [free, pro]\ngroup:\n  traits:\n    - name: employees\n      type: integer\n      minimum: 1\n";
    let dir = dir_with(&[("traits.yaml", catalog)]);
    tracktype_in(
        Some(dir.path()),
        &[
            "--no-default-catalog",
            "--catalog",
            "traits.yaml",
            "docs",
            "--out",
            "md",
        ],
    )
    .success();
    let identify = std::fs::read_to_string(dir.path().join("md/identify.md")).unwrap();
    assert!(identify.contains("# Identify traits"), "{identify}");
    let rows = table_under(&identify, "## Traits");
    assert_eq!(
        rows[0][..3],
        ["email", "string", "yes: Email campaigns need it."]
    );
    assert!(rows[0][3].contains("Format: email."), "{:?}", rows[0]);
    assert_eq!(rows[1][..3], ["plan", "one of \"free\", \"pro\"", "no"]);
    let group = std::fs::read_to_string(dir.path().join("md/group.md")).unwrap();
    assert_eq!(
        table_under(&group, "## Traits")[0][..2],
        ["employees", "integer"]
    );
    let index = std::fs::read_to_string(dir.path().join("md/index.md")).unwrap();
    assert!(index.contains("[Identify traits](identify.md)"), "{index}");
    assert!(index.contains("[Group traits](group.md)"), "{index}");
}
