//! The rules of a plan in each format, one at a time: a Public-API rule (`{type, key,
//! jsonSchema, version}`), a Config-API or RudderStack event (`{name, rules, eventType?}`),
//! and the Config API's common, identify and group schemas beside its events.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::yaml::Sp;

use super::super::json::{Json, Value};

/// What a rule describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleKind {
    Track,
    Page,
    Screen,
    Identify,
    Group,
    Common,
}

/// One rule of a plan, whatever its format.
pub struct Rule<'a> {
    pub kind: RuleKind,
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    /// The rule's JSON Schema (of the whole message, or unwrapped).
    pub schema: &'a Json,
    /// Where `schema` is in the file, as a JSON pointer.
    pub pointer: String,
    pub version: f64,
    pub deprecated: bool,
    /// The rule has no schema at all (a Config-API event without `rules`).
    pub bare: bool,
}

/// A Public-API rule, the item at `at` of the `rules` list.
pub fn public<'a>(rule: &'a Json, at: &str) -> Result<Rule<'a>, Diagnostic> {
    let kind = match rule.get("type").and_then(Json::as_str) {
        Some("TRACK") => RuleKind::Track,
        Some("PAGE") => RuleKind::Page,
        Some("SCREEN") => RuleKind::Screen,
        Some("IDENTIFY") => RuleKind::Identify,
        Some("GROUP") => RuleKind::Group,
        Some("COMMON") => RuleKind::Common,
        Some(other) => {
            let loc = rule.get("type").map_or(&rule.loc, |t| &t.loc);
            return Err(Diagnostic::at(loc, format!("unknown rule type `{other}`"))
                .with_hint("Public-API rules are TRACK, PAGE, SCREEN, IDENTIFY, GROUP or COMMON"));
        }
        None => return Err(Diagnostic::at(&rule.loc, "a rule has no `type`")),
    };
    let Some(schema) = rule.get("jsonSchema").filter(|s| s.is_object()) else {
        return Err(Diagnostic::at(
            &rule.loc,
            format!(
                "a {} rule has no `jsonSchema` object",
                rule.get("type").and_then(Json::as_str).unwrap_or("")
            ),
        ));
    };
    let metadata_name = schema.get("eventMetadata").and_then(|m| m.get("name"));
    let name = rule
        .get("key")
        .filter(|k| k.as_str().is_some_and(|s| !s.is_empty()))
        .or(metadata_name)
        .and_then(|n| n.as_str().map(|s| Sp::new(s.to_owned(), n.loc.clone())));
    if name.is_none() && kind == RuleKind::Track {
        return Err(Diagnostic::at(
            &rule.loc,
            "a TRACK rule has no `key` naming its event",
        ));
    }
    // Protocols writes `deprecatedAt` as the zero date for rules that are not deprecated.
    let deprecated = rule
        .get("deprecatedAt")
        .and_then(Json::as_str)
        .is_some_and(|d| !d.is_empty() && !d.starts_with("0001-"));
    Ok(Rule {
        kind,
        name,
        description: text(schema.get("description")),
        schema,
        pointer: format!("{at}/jsonSchema"),
        version: version(rule.get("version")),
        deprecated,
        bare: false,
    })
}

/// A Config-API event, or a RudderStack one (its `eventType` says its call), the item at `at`
/// of `rules.events`; `None` for an untyped RudderStack rule without a name, which is no
/// event.
pub fn config_event<'a>(e: &'a Json, at: &str) -> Result<Option<Rule<'a>>, Diagnostic> {
    let kind = match e.get("eventType") {
        None => RuleKind::Track,
        Some(t) => match t.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some("track") => RuleKind::Track,
            Some("page") => RuleKind::Page,
            Some("screen") => RuleKind::Screen,
            Some("identify") => RuleKind::Identify,
            Some("group") => RuleKind::Group,
            _ => {
                return Err(Diagnostic::at(&t.loc, "unknown `eventType`").with_hint(
                    "RudderStack's event types are track, page, screen, identify and group",
                ));
            }
        },
    };
    let name = text(e.get("name"));
    if name.is_none() && kind == RuleKind::Track {
        return Err(Diagnostic::at(
            &e.loc,
            "an event of `rules.events` has no `name`",
        ));
    }
    // An event without a schema says nothing about its properties: its own entry stands in,
    // and it has none.
    let Some(schema) = e.get("rules") else {
        return Ok(name.map(|name| Rule {
            kind,
            name: Some(name),
            description: text(e.get("description")),
            schema: e,
            pointer: at.to_owned(),
            version: version(e.get("version")),
            deprecated: false,
            bare: true,
        }));
    };
    Ok(Some(Rule {
        kind,
        name,
        description: text(e.get("description")).or_else(|| text(schema.get("description"))),
        schema,
        pointer: format!("{at}/rules"),
        version: version(e.get("version")),
        deprecated: false,
        bare: false,
    }))
}

/// The Config API's common, identify and group schemas, kept beside its events in `rules`
/// (at `pointer`).
pub fn config_siblings<'a>(rules: &'a Json, pointer: &str) -> Vec<Rule<'a>> {
    let mut out = Vec::new();
    for (key, kind) in [
        ("global", RuleKind::Common),
        ("identify", RuleKind::Identify),
        ("group", RuleKind::Group),
        ("identify_traits", RuleKind::Identify),
        ("group_traits", RuleKind::Group),
    ] {
        let Some(value) = rules.get(key) else {
            continue;
        };
        let entries: Vec<(&Json, String)> = match &value.value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, format!("{pointer}/{key}/{i}")))
                .collect(),
            Value::Object(members) if members.is_empty() => Vec::new(),
            Value::Object(_) => vec![(value, format!("{pointer}/{key}"))],
            _ => Vec::new(),
        };
        for (entry, at) in entries {
            // A rule entry (`{name, rules}`) or a bare schema.
            let (schema, at) = match entry.get("rules") {
                Some(s) if s.is_object() => (s, format!("{at}/rules")),
                _ => (entry, at),
            };
            out.push(Rule {
                kind,
                // Distinct entries stay distinct: a trait list may hold several rules.
                name: text(entry.get("name"))
                    .or_else(|| Some(Sp::new(at.clone(), entry.loc.clone()))),
                description: text(entry.get("description"))
                    .or_else(|| text(schema.get("description"))),
                schema,
                pointer: at,
                version: version(entry.get("version")),
                deprecated: false,
                bare: false,
            });
        }
    }
    out
}

/// Where a plan keeps its rules, and in which format; errors for a file that is not a plan.
pub fn locate(root: &Json) -> Result<(&Json, &'static str, bool), Diagnostics> {
    if root.as_array().is_some() {
        return Err(Diagnostic::at(
            &root.loc,
            "a tracking plan is a JSON object, not a list",
        )
        .with_hint("if this is the `rules` list of a Public-API plan, write it as {\"rules\": [...]}")
        .into());
    }
    let (rules, pointer) = match (
        root.get("rules"),
        root.get("data").and_then(|d| d.get("rules")),
    ) {
        (Some(r), _) => (Some(r), "/rules"),
        (None, Some(r)) => (Some(r), "/data/rules"),
        (None, None) => (None, ""),
    };
    match rules {
        Some(r) if r.is_object() && r.get("events").is_some() => {
            let events = r.get("events").unwrap_or(r);
            if events.as_array().is_none() {
                return Err(Diagnostic::at(
                    &events.loc,
                    format!(
                        "`rules.events` must be a list of events, not {}",
                        events.kind()
                    ),
                )
                .into());
            }
            Ok((r, pointer, false))
        }
        Some(r) if r.as_array().is_some() => Ok((r, pointer, true)),
        _ => Err(Diagnostic::at(&root.loc, "not a Segment tracking plan")
            .with_hint(
                "a Config-API plan has `rules.events` (as in Typewriter's plan.json); a Public-API plan has a \
                 `rules` list of {type, key, jsonSchema, version}",
            )
            .into()),
    }
}

pub fn version(v: Option<&Json>) -> f64 {
    match v.map(|v| &v.value) {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        _ => 0.0,
    }
}

pub fn text(v: Option<&Json>) -> Option<Sp<String>> {
    v.and_then(|v| {
        v.as_str()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sp::new(s.to_owned(), v.loc.clone()))
    })
}
