//! Same input, same bytes: across runs, across the order of `--catalog` files, the order of
//! keys inside catalog and plan files, and the order of selection flags.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::{dir_with, root, tracktype_in};

const LANGUAGES: [&str; 3] = ["ts", "rust", "swift"];

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Generates every language into `work/<name>/<lang>` with `args`, and returns the files.
fn generate(work: &Path, name: &str, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    for lang in LANGUAGES {
        let out = format!("{name}/{lang}");
        let mut full: Vec<&str> = args.to_vec();
        full.extend(["--lang", lang, "--out", &out]);
        tracktype_in(Some(work), &full).success();
        for (path, bytes) in tree(&work.join(&out)) {
            all.insert(format!("{lang}/{path}"), bytes);
        }
    }
    assert!(!all.is_empty());
    all
}

#[track_caller]
fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (path, bytes) in a {
        assert!(
            bytes == &b[path],
            "{what}: {path} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path])
        );
    }
}

const CATALOG_A: &str = r#"
events:
  - name: Order Completed
    properties:
      - name: gift_wrap
        type: boolean
        description: Whether the order is gift-wrapped.
  - name: Wishlist Shared
    description: A customer shared a wishlist.
    properties:
      - name: channel
        type: Channel
        required: true
      - name: recipients
        type: array
        items: { type: string, format: email }
types:
  - name: Channel
    type: string
    enum: [email, sms, link]
"#;

/// The same catalog, every mapping's keys in another order.
const CATALOG_A_KEYS_SHUFFLED: &str = r#"
types:
  - enum: [email, sms, link]
    type: string
    name: Channel
events:
  - properties:
      - description: Whether the order is gift-wrapped.
        type: boolean
        name: gift_wrap
    name: Order Completed
  - properties:
      - required: true
        type: Channel
        name: channel
      - items: { format: email, type: string }
        type: array
        name: recipients
    description: A customer shared a wishlist.
    name: Wishlist Shared
"#;

const CATALOG_B: &str = r#"
use_cases:
  - name: Share wishlists
    summary: Lets customers share what they want.
    events: [Wishlist Shared, Product Viewed]
events:
  - name: Product Viewed
    properties:
      - name: wishlist_id
        type: string
"#;

#[test]
fn two_runs_write_the_same_bytes() {
    let work = tempfile::tempdir().unwrap();
    let args = ["gen", "--all"];
    let first = generate(work.path(), "first", &args);
    let second = generate(work.path(), "second", &args);
    assert_same(&first, &second, "two runs");
}

#[test]
fn the_order_of_catalog_files_changes_nothing() {
    let work = dir_with(&[("a.yaml", CATALOG_A), ("b.yaml", CATALOG_B)]);
    let ab = generate(
        work.path(),
        "ab",
        &["--catalog", "a.yaml", "--catalog", "b.yaml", "gen", "--all"],
    );
    let ba = generate(
        work.path(),
        "ba",
        &["--catalog", "b.yaml", "--catalog", "a.yaml", "gen", "--all"],
    );
    assert_same(&ab, &ba, "--catalog a b against b a");
}

#[test]
fn the_order_of_keys_in_a_catalog_changes_nothing() {
    let work = dir_with(&[
        ("ordered/a.yaml", CATALOG_A),
        ("shuffled/a.yaml", CATALOG_A_KEYS_SHUFFLED),
    ]);
    // The catalog's file name is in no output, so the two directories compare equal.
    let ordered = generate(
        work.path(),
        "out-ordered",
        &[
            "--catalog",
            "ordered/a.yaml",
            "gen",
            "--use-case",
            "mitigate-cart-abandonment",
            "--event",
            "Wishlist Shared",
        ],
    );
    let shuffled = generate(
        work.path(),
        "out-shuffled",
        &[
            "--catalog",
            "shuffled/a.yaml",
            "gen",
            "--use-case",
            "mitigate-cart-abandonment",
            "--event",
            "Wishlist Shared",
        ],
    );
    assert_same(&ordered, &shuffled, "keys reordered");
}

/// Reverses the order of every JSON object's keys, except `properties` maps, whose order is
/// the order of the generated fields.
fn reverse_keys(value: &mut Value, in_properties: bool) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            if !in_properties {
                entries.reverse();
            }
            for (key, v) in entries {
                let mut v = v;
                reverse_keys(&mut v, key == "properties" && !in_properties);
                map.insert(key, v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| reverse_keys(v, false)),
        _ => {}
    }
}

#[test]
fn the_order_of_keys_in_a_plan_changes_nothing() {
    let plan = std::fs::read_to_string(root().join("tests/data/plans/config-api.json")).unwrap();
    let mut reversed: Value = serde_json::from_str(&plan).unwrap();
    reverse_keys(&mut reversed, false);
    let reversed = serde_json::to_string_pretty(&reversed).unwrap();
    assert_ne!(plan.trim(), reversed.trim(), "the test reorders something");
    let work = dir_with(&[("plan/a.json", &plan), ("reversed/a.json", &reversed)]);
    let args = |plan: &'static str| ["--no-default-catalog", "--plan", plan, "gen", "--all"];
    let original = generate(work.path(), "out-original", &args("plan/a.json"));
    let reordered = generate(work.path(), "out-reordered", &args("reversed/a.json"));
    assert_same(&original, &reordered, "plan keys reordered");
}

#[test]
fn the_order_of_selection_flags_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let one = generate(
        work.path(),
        "one",
        &[
            "gen",
            "--use-case",
            "mitigate-cart-abandonment",
            "--goal",
            "boost-retention-upsell-and-cross-sell",
            "--event",
            "Signed In",
            "--use-case",
            "acquire-paid-subscriptions",
        ],
    );
    let other = generate(
        work.path(),
        "other",
        &[
            "gen",
            "--event",
            "Signed In",
            "--use-case",
            "acquire-paid-subscriptions",
            "--goal",
            "boost-retention-upsell-and-cross-sell",
            "--use-case",
            "mitigate-cart-abandonment",
            "--use-case",
            "acquire-paid-subscriptions",
        ],
    );
    assert_same(&one, &other, "selection flags reordered and repeated");
}
