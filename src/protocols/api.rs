//! The Public API's shapes, as its documentation and Segment's SDKs describe them
//! (`TrackingPlanV1`, `RuleV1`, `UpsertRuleV1`, `RemoveRuleV1`, `PaginationOutput`), read from
//! JSON with a precise complaint about anything else.

use std::cmp::Ordering;
use std::fmt;

use serde_json::{Map, Number, Value, json};

use super::settings::PlanId;

/// Rules asked for per page: the most the API documents for every version of it.
pub const PAGE_SIZE: u32 = 200;

/// `GET /tracking-plans/{id}` and the rules paths under it.
pub fn plan_path(id: &PlanId) -> String {
    format!("/tracking-plans/{id}")
}

pub fn rules_path(id: &PlanId) -> String {
    format!("/tracking-plans/{id}/rules")
}

/// The query of one page of rules: `pagination[count]`, and the cursor of any page after the
/// first (deep-object style, as Segment's SDKs send it).
pub fn page_query(cursor: Option<&str>) -> Vec<(String, String)> {
    let mut query = vec![("pagination[count]".to_owned(), PAGE_SIZE.to_string())];
    if let Some(cursor) = cursor {
        query.push(("pagination[cursor]".to_owned(), cursor.to_owned()));
    }
    query
}

/// A tracking plan's description (`TrackingPlanV1`), without its timestamps: they change
/// whenever anything is touched and would make a committed copy noisy.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackingPlan {
    pub id: String,
    pub name: Option<String>,
    /// Everything else the API says about the plan and a committed copy keeps.
    pub details: Map<String, Value>,
}

/// Keys of `TrackingPlanV1` kept in the pulled file besides `id` and `name`.
const PLAN_DETAILS: [&str; 3] = ["slug", "description", "type"];

impl TrackingPlan {
    /// `tracking plan tp_… (Name)`, for messages.
    pub fn title(&self) -> String {
        match &self.name {
            Some(name) => format!("tracking plan {} ({name})", self.id),
            None => format!("tracking plan {}", self.id),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("id".into(), json!(self.id));
        if let Some(name) = &self.name {
            out.insert("name".into(), json!(name));
        }
        out.extend(self.details.clone());
        Value::Object(out)
    }
}

/// A rule's identity: its type and key. A plan holds one or more versions of each.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleKey {
    pub rule_type: String,
    pub key: Option<String>,
}

impl fmt::Display for RuleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "{} `{key}`", self.rule_type),
            None => f.write_str(&self.rule_type),
        }
    }
}

/// One version of a rule (`RuleV1`), without the timestamps of its creation and last change.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: RuleKey,
    pub version: Number,
    pub json_schema: Value,
    /// When the rule was deprecated; absent for a live rule.
    pub deprecated_at: Option<String>,
}

impl Rule {
    /// The rule as the pulled file and `RuleV1` write it.
    pub fn to_json(&self) -> Value {
        let mut out = self.upsert();
        if let (Some(at), Value::Object(map)) = (&self.deprecated_at, &mut out) {
            map.insert("deprecatedAt".into(), json!(at));
        }
        out
    }

    /// The rule as `PATCH /tracking-plans/{id}/rules` takes it (`UpsertRuleV1`).
    pub fn upsert(&self) -> Value {
        let mut out = Map::new();
        out.insert("type".into(), json!(self.id.rule_type));
        if let Some(key) = &self.id.key {
            out.insert("key".into(), json!(key));
        }
        out.insert("version".into(), Value::Number(self.version.clone()));
        out.insert("jsonSchema".into(), self.json_schema.clone());
        Value::Object(out)
    }

    /// Orders rules by type, key, then version.
    pub fn order(a: &Rule, b: &Rule) -> Ordering {
        a.id.cmp(&b.id)
            .then_with(|| version_order(&a.version, &b.version))
    }
}

pub fn version_order(a: &Number, b: &Number) -> Ordering {
    let f = |n: &Number| n.as_f64().unwrap_or(0.0);
    f(a).total_cmp(&f(b))
}

/// One page of `GET /tracking-plans/{id}/rules`.
#[derive(Debug)]
pub struct RulesPage {
    pub rules: Vec<Rule>,
    /// The cursor of the next page; absent on the last.
    pub next: Option<String>,
}

/// `{data: {trackingPlan: TrackingPlanV1}}`.
pub fn read_plan(body: &Value) -> Result<TrackingPlan, String> {
    let plan = field(body, "data", "")
        .and_then(|d| field(d, "trackingPlan", "data"))
        .and_then(|p| object(p, "data.trackingPlan"))?;
    let text = |key: &str| -> Result<Option<String>, String> {
        match plan.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!(
                "`data.trackingPlan.{key}` is {}, not a string",
                kind(other)
            )),
        }
    };
    let id = text("id")?.ok_or("`data.trackingPlan.id` is missing")?;
    let name = text("name")?;
    let mut details = Map::new();
    for key in PLAN_DETAILS {
        if let Some(value) = text(key)? {
            details.insert(key.to_owned(), json!(value));
        }
    }
    Ok(TrackingPlan { id, name, details })
}

/// `{data: {rules: [RuleV1], pagination: {current, next?}}}`.
pub fn read_rules_page(body: &Value) -> Result<RulesPage, String> {
    let data = field(body, "data", "")?;
    let rules = read_rules(field(data, "rules", "data")?, "data.rules")?;
    let pagination =
        field(data, "pagination", "data").and_then(|p| object(p, "data.pagination"))?;
    let next = match pagination.get("next") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(format!(
                "`data.pagination.next` is {}, not a string",
                kind(other)
            ));
        }
    };
    Ok(RulesPage { rules, next })
}

/// A list of `RuleV1` at `path` (for messages).
pub fn read_rules(list: &Value, path: &str) -> Result<Vec<Rule>, String> {
    let Value::Array(items) = list else {
        return Err(format!("`{path}` is {}, not a list", kind(list)));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read_rule(item, &format!("{path}[{i}]")))
        .collect()
}

fn read_rule(value: &Value, path: &str) -> Result<Rule, String> {
    let rule = object(value, path)?;
    let rule_type = match rule.get("type") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        Some(other) => return Err(format!("`{path}.type` is {}, not a rule type", kind(other))),
        None => return Err(format!("`{path}.type` is missing")),
    };
    // IDENTIFY, GROUP and COMMON rules, and a PAGE or SCREEN rule for every page, have no key:
    // written as "" or left out, it is the same rule.
    let key = match rule.get("key") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) if k.is_empty() => None,
        Some(Value::String(k)) => Some(k.clone()),
        Some(other) => return Err(format!("`{path}.key` is {}, not a string", kind(other))),
    };
    let version = match rule.get("version") {
        Some(Value::Number(n)) => n.clone(),
        Some(other) => return Err(format!("`{path}.version` is {}, not a number", kind(other))),
        None => return Err(format!("`{path}.version` is missing")),
    };
    let json_schema = rule
        .get("jsonSchema")
        .cloned()
        .ok_or_else(|| format!("`{path}.jsonSchema` is missing"))?;
    let deprecated_at = match rule.get("deprecatedAt") {
        // The API writes the zero time for a rule that is not deprecated.
        Some(Value::String(at)) if !at.starts_with("0001-01-01") => Some(at.clone()),
        _ => None,
    };
    Ok(Rule {
        id: RuleKey { rule_type, key },
        version,
        json_schema,
        deprecated_at,
    })
}

/// `{rules: [UpsertRuleV1]}`.
pub fn upsert_body<'a>(rules: impl IntoIterator<Item = &'a Rule>) -> Value {
    json!({ "rules": rules.into_iter().map(Rule::upsert).collect::<Vec<_>>() })
}

/// `DELETE /tracking-plans/{id}/rules` takes the `RemoveRuleV1` list as a query parameter:
/// `rules[0][type]=TRACK&rules[0][key]=…&rules[0][version]=1`.
pub fn remove_query<'a>(rules: impl IntoIterator<Item = &'a Rule>) -> Vec<(String, String)> {
    let mut query = Vec::new();
    for (i, rule) in rules.into_iter().enumerate() {
        query.push((format!("rules[{i}][type]"), rule.id.rule_type.clone()));
        if let Some(key) = &rule.id.key {
            query.push((format!("rules[{i}][key]"), key.clone()));
        }
        query.push((format!("rules[{i}][version]"), rule.version.to_string()));
    }
    query
}

fn field<'v>(value: &'v Value, key: &str, parent: &str) -> Result<&'v Value, String> {
    let path = if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    };
    match value {
        Value::Object(map) => map.get(key).ok_or(format!("`{path}` is missing")),
        other => Err(if parent.is_empty() {
            format!("the body is {}, not an object", kind(other))
        } else {
            format!("`{parent}` is {}, not an object", kind(other))
        }),
    }
}

fn object<'v>(value: &'v Value, path: &str) -> Result<&'v Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("`{path}` is {}, not an object", kind(value)))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_rules_reads_every_field_and_drops_timestamps() {
        let body = json!({"data": {
            "rules": [
                {"type": "TRACK", "key": "Order Completed", "version": 2, "jsonSchema": {"type": "object"},
                 "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-02-01T00:00:00Z",
                 "deprecatedAt": "0001-01-01T00:00:00.000Z"},
                {"type": "IDENTIFY", "version": 1, "jsonSchema": null, "deprecatedAt": "2024-03-01T00:00:00Z"}
            ],
            "pagination": {"current": "MA==", "next": "Mg==", "totalEntries": 4}
        }});
        let page = read_rules_page(&body).unwrap();
        assert_eq!(page.next.as_deref(), Some("Mg=="));
        assert_eq!(
            page.rules[0].to_json(),
            json!({"type": "TRACK", "key": "Order Completed", "version": 2, "jsonSchema": {"type": "object"}})
        );
        assert_eq!(
            page.rules[1].to_json(),
            json!({"type": "IDENTIFY", "version": 1, "jsonSchema": null, "deprecatedAt": "2024-03-01T00:00:00Z"})
        );
        let last = json!({"data": {"rules": [], "pagination": {"current": "Mg==", "next": null}}});
        assert_eq!(read_rules_page(&last).unwrap().next, None);
    }

    #[test]
    fn malformed_pages_say_where() {
        for (body, expected) in [
            (json!([]), "the body is a list, not an object"),
            (
                json!({"data": {"rules": "x", "pagination": {}}}),
                "`data.rules` is a string, not a list",
            ),
            (
                json!({"data": {"rules": [{"type": "TRACK", "jsonSchema": {}}], "pagination": {}}}),
                "`data.rules[0].version` is missing",
            ),
            (
                json!({"data": {"rules": [{"type": 3, "version": 1, "jsonSchema": {}}], "pagination": {}}}),
                "`data.rules[0].type` is a number, not a rule type",
            ),
            (
                json!({"data": {"rules": []}}),
                "`data.pagination` is missing",
            ),
            (
                json!({"data": {"rules": [], "pagination": {"next": 5}}}),
                "`data.pagination.next` is a number, not a string",
            ),
        ] {
            assert_eq!(read_rules_page(&body).unwrap_err(), expected, "{body}");
        }
        assert_eq!(
            read_plan(&json!({"data": {"trackingPlan": {"name": "x"}}})).unwrap_err(),
            "`data.trackingPlan.id` is missing"
        );
    }

    #[test]
    fn removals_are_a_deep_object_query() {
        let rule = |t: &str, k: Option<&str>, v: u64| Rule {
            id: RuleKey {
                rule_type: t.into(),
                key: k.map(Into::into),
            },
            version: v.into(),
            json_schema: json!({}),
            deprecated_at: None,
        };
        let q = remove_query(&[rule("TRACK", Some("A b"), 2), rule("COMMON", None, 1)]);
        let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            q,
            [
                ("rules[0][type]", "TRACK"),
                ("rules[0][key]", "A b"),
                ("rules[0][version]", "2"),
                ("rules[1][type]", "COMMON"),
                ("rules[1][version]", "1"),
            ]
        );
    }
}
