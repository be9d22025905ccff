//! The HTML index's search: every goal, use case, event, property, type and trait, with the
//! page it is on, as JSON inlined in the page, which a small script filters as the reader
//! types. Only the index carries it, so the site's size grows with the plan, not with its
//! square.

use serde_json::{Value, json};

use super::markup::Html;
use super::model::{PagePath, Site};
use super::rows::{PropertyRow, plain};

/// The search entries: `[kind, name, where, link]`, links relative to the index.
pub fn entries(site: &Site<'_>) -> Value {
    let index = Site::index_path();
    let href = |p: &PagePath| p.href(&index, <Html as super::markup::Markup>::EXT);
    let mut out: Vec<Value> = Vec::new();
    for g in &site.goals {
        out.push(json!(["goal", g.goal.name, g.goal.summary, href(&g.path)]));
    }
    for u in &site.use_cases {
        out.push(json!([
            "use case",
            u.use_case.name,
            u.use_case.summary,
            href(&u.path)
        ]));
    }
    let mut properties = |rows: &[PropertyRow<'_>], owner: &str, page: &PagePath| {
        for r in rows {
            out.push(json!([
                "property",
                r.path,
                format!("{} of {owner}", plain(&r.ty)),
                format!("{}#p-{}", href(page), anchor(&r.path)),
            ]));
        }
    };
    for e in &site.events {
        properties(&e.rows, &e.event.name, &e.path);
    }
    for t in &site.types {
        properties(&t.rows, &t.named.name, &t.path);
    }
    for t in &site.traits {
        properties(&t.rows, &format!("{} traits", t.call.as_str()), &t.path);
    }
    for e in &site.events {
        out.push(json!([
            "event",
            e.event.name,
            format!("{} call", e.event.call.as_str()),
            href(&e.path)
        ]));
    }
    for t in &site.types {
        out.push(json!([
            "type",
            t.named.name,
            t.named.schema.type_word(),
            href(&t.path)
        ]));
    }
    Value::Array(out)
}

/// The JSON for inside a `<script>` element: `<` escaped, so no text can close the element.
pub fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The id of a property's row: its path with anything but letters, digits, `-` and `_` as
/// `.`, so it is a valid fragment.
pub fn anchor(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '.'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_end_the_script() {
        let v = json!(["</script><!--"]);
        assert_eq!(script_json(&v), "[\"\\u003c/script>\\u003c!--\"]");
    }

    #[test]
    fn anchors_are_plain() {
        assert_eq!(anchor("products[].sku"), "products...sku");
        assert_eq!(anchor("order id"), "order.id");
    }
}
