//! What the documentation says, compared with `tracktype catalog --format json`: the same
//! checks for the Markdown (read here) and the HTML (read by the browser test). The expected
//! text is derived from the catalog's JSON independently of the generator: types from the JSON
//! Schema fragments, constraints from their keywords.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::tracktype;

/// An event page as a reader sees it, in plain text.
#[derive(Debug)]
pub struct EventPage {
    pub title: String,
    /// The facts list: `Call`, `Needed by`, ...
    pub facts: BTreeMap<String, String>,
    /// The property table: property, type, required, constraints, origin, description.
    pub rows: Vec<Vec<String>>,
}

pub fn catalog_json() -> Value {
    let run = tracktype(&["catalog", "--format", "json"]).success();
    serde_json::from_str(&run.stdout).expect("catalog output is JSON")
}

fn use_case_name<'a>(catalog: &'a Value, slug: &str) -> &'a str {
    catalog["use_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["slug"] == slug)
        .and_then(|u| u["name"].as_str())
        .unwrap_or_else(|| panic!("no use case {slug}"))
}

/// Every event of the catalog has exactly one page, whose facts and property table say what
/// the catalog says.
pub fn assert_event_pages_match(catalog: &Value, pages: &[EventPage], format: &str) {
    let events = catalog["events"].as_array().unwrap();
    let mut titles: Vec<&str> = pages.iter().map(|p| p.title.as_str()).collect();
    titles.sort_unstable();
    let mut names: Vec<&str> = events.iter().map(|e| e["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(titles, names, "{format}: one page per event");
    for event in events {
        let name = event["name"].as_str().unwrap();
        let page = pages.iter().find(|p| p.title == name).unwrap();
        let call = page.facts.get("Call").map(String::as_str).unwrap_or("");
        assert_eq!(
            call.split(',').next().unwrap(),
            event["call"]["type"].as_str().unwrap(),
            "{format}: {name}: call"
        );
        let needed: Vec<&str> = event["use_cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| use_case_name(catalog, s.as_str().unwrap()))
            .collect();
        let expected_needed = if needed.is_empty() {
            "no use case".to_owned()
        } else {
            needed.join(", ")
        };
        assert_eq!(
            page.facts.get("Needed by"),
            Some(&expected_needed),
            "{format}: {name}: needed by"
        );
        let spec = event["spec"]
            .as_str()
            .unwrap_or("not defined by a Segment Spec");
        assert_eq!(
            page.facts.get("Segment Spec").map(String::as_str),
            Some(spec),
            "{format}: {name}: spec"
        );
        assert_rows_match(
            catalog,
            &page.rows,
            &event["properties"],
            &format!("{format}: {name}"),
        );
    }
}

/// A property table says, row by row, what the catalog says of each property (or trait).
pub fn assert_rows_match(catalog: &Value, rows: &[Vec<String>], properties: &Value, at: &str) {
    let properties = properties.as_array().unwrap();
    assert_eq!(rows.len(), properties.len(), "{at}: one row per property");
    for (row, p) in rows.iter().zip(properties) {
        let pname = p["name"].as_str().unwrap();
        let at = format!("{at}.{pname}");
        assert_eq!(row[0], pname, "{at}: name, in order");
        assert_eq!(row[1], type_words(catalog, &p["schema"]), "{at}: type");
        let required = match (
            p["required"].as_bool().unwrap(),
            p["required_reason"].as_str(),
        ) {
            (true, Some(reason)) => format!("yes: {}", prose(reason)),
            (true, None) => "yes".to_owned(),
            (false, _) => "no".to_owned(),
        };
        assert_eq!(row[2], required, "{at}: required and why");
        for sentence in constraint_sentences(&p["schema"]) {
            assert!(
                row[3].contains(&sentence),
                "{at}: constraints {:?} lack {sentence:?}",
                row[3]
            );
        }
        assert_eq!(row[4], p["origin"].as_str().unwrap_or(""), "{at}: origin");
        let description = p["schema"]["description"].as_str().unwrap_or("");
        assert_eq!(row[5], prose(description), "{at}: description");
    }
}

/// Catalog prose as a reader sees it: whitespace collapsed, code spans without backticks.
pub fn prose(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.matches('`').count() % 2 == 0 {
        flat.replace('`', "")
    } else {
        flat
    }
}

/// A JSON Schema fragment's type in the documentation's words.
pub fn type_words(catalog: &Value, schema: &Value) -> String {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        assert!(
            catalog["types"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["name"] == name),
            "a reference to a type the catalog has"
        );
        return name.to_owned();
    }
    if let Some(values) = schema["enum"].as_array() {
        let shown: Vec<String> = values
            .iter()
            .filter(|v| !v.is_null())
            .map(Value::to_string)
            .collect();
        let nullable = values.iter().any(Value::is_null);
        return format!(
            "one of {}{}",
            shown.join(", "),
            if nullable { " or null" } else { "" }
        );
    }
    let (bases, nullable) = match &schema["type"] {
        Value::String(t) => (vec![t.as_str()], false),
        Value::Array(ts) => {
            let others: Vec<&str> = ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            let nullable = others.len() < ts.len();
            (others, nullable)
        }
        other => panic!("the oracle does not read this type: {other} in {schema}"),
    };
    let words = bases
        .iter()
        .map(|base| match *base {
            "array" => format!("array of {}", type_words(catalog, &schema["items"])),
            "string" | "number" | "integer" | "boolean" | "object" => (*base).to_owned(),
            other => panic!("the oracle does not read type {other}"),
        })
        .collect::<Vec<_>>()
        .join(" or ");
    if nullable {
        format!("{words} or null")
    } else {
        words
    }
}

/// The sentences the constraints column must hold for a fragment's keywords.
fn constraint_sentences(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (key, word) in [("minimum", "Minimum"), ("maximum", "Maximum")] {
        if let Some(v) = schema.get(key) {
            out.push(format!("{word}: {v}."));
        }
    }
    if let Some(f) = schema["format"].as_str() {
        out.push(format!("Format: {f}."));
    }
    if let Some(p) = schema["pattern"].as_str() {
        out.push(format!("Pattern: {p}."));
    }
    out
}

/// Each goal page's use cases, with the recommendation for the pair, as the catalog has them.
pub fn assert_goal_pages_match(
    catalog: &Value,
    goals: &BTreeMap<String, Vec<Vec<String>>>,
    format: &str,
) {
    let expected = catalog["goals"].as_array().unwrap();
    assert_eq!(goals.len(), expected.len(), "{format}: one page per goal");
    for goal in expected {
        let name = goal["name"].as_str().unwrap();
        let rows = goals
            .get(name)
            .unwrap_or_else(|| panic!("{format}: no page for goal {name}"));
        let pairs = goal["use_cases"].as_array().unwrap();
        assert_eq!(rows.len(), pairs.len(), "{format}: {name}: its use cases");
        for (row, pair) in rows.iter().zip(pairs) {
            let list = |key: &str| {
                pair[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let use_case = pair["slug"].as_str().unwrap();
            assert_eq!(row[0], use_case_name(catalog, use_case), "{format}: {name}");
            assert_eq!(
                row[2],
                list("sources"),
                "{format}: {name} / {use_case}: sources"
            );
            assert_eq!(
                row[3],
                list("destinations"),
                "{format}: {name} / {use_case}: destinations"
            );
        }
    }
}
