//! A tracking plan as a catalog document. Three formats are read: Segment's Config API
//! (`rules.events[]`, Typewriter v7's `plan.json`), Segment's Public API (`rules[]` of
//! `{type, key, jsonSchema, version}`), and RudderStack's (Config-API-shaped, each rule with
//! an `eventType`). Track, page and screen rules become events with their call; identify and
//! group rules type the traits; common rules add to every call. Every value keeps its place
//! in the JSON, and named types come from `definitions` and `$defs`.

mod merge;
mod schema;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::catalog::raw::{RawDocument, RawEvent, RawNode, RawTraits, TypeSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Loc, SourceFile};
use crate::yaml::Sp;

use super::json::{self, Json, Value};
use schema::{Converter, Doc, escape};

pub use schema::TYPE_WORDS;

/// Which format a plan is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `rules.events[]`, each with a `rules` JSON Schema of the whole message (Typewriter v7).
    ConfigApi,
    /// `rules[]` of `{type, key, jsonSchema, version}` (the Public API, and Typewriter v8+).
    PublicApi,
    /// RudderStack's plans: Config-API-shaped, each rule with an `eventType`.
    RudderStack,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::ConfigApi => "Segment Config-API",
            Format::PublicApi => "Segment Public-API",
            Format::RudderStack => "RudderStack",
        }
    }
}

/// A plan read into a catalog document, and what could not be kept exactly.
#[derive(Debug)]
pub struct Imported {
    pub format: Format,
    pub document: RawDocument,
    /// Located warnings.
    pub warnings: Diagnostics,
}

/// The keys of a whole message's schema: a schema whose `properties` are only these is the
/// wrapped form, with the event's properties at `properties.properties`.
const MESSAGE_KEYS: [&str; 14] = [
    "context",
    "traits",
    "properties",
    "event",
    "userId",
    "anonymousId",
    "timestamp",
    "integrations",
    "messageId",
    "type",
    "name",
    "category",
    "groupId",
    "sentAt",
];

/// What a rule describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RuleKind {
    Track,
    Page,
    Screen,
    Identify,
    Group,
    Common,
}

/// One rule of a plan, whatever its format.
struct Rule<'a> {
    kind: RuleKind,
    name: Option<Sp<String>>,
    description: Option<Sp<String>>,
    /// The rule's JSON Schema (of the whole message, or unwrapped).
    schema: &'a Json,
    /// Where `schema` is in the file, as a JSON pointer.
    pointer: String,
    version: f64,
    deprecated: bool,
    /// The rule has no schema at all (a Config-API event without `rules`).
    bare: bool,
}

/// Reads a plan file into a catalog document.
pub fn read(file: &Arc<SourceFile>) -> Result<Imported, Diagnostics> {
    let root = json::parse(file)?;
    let (format, rules) = rules(&root)?;
    let mut c = Converter::default();
    let rules = latest_versions(rules, &mut c.diags);

    let common: Vec<&Rule<'_>> = rules
        .iter()
        .filter(|r| r.kind == RuleKind::Common)
        .collect();
    let common_properties = common_part(&mut c, &common, Part::Properties);
    let common_traits = common_part(&mut c, &common, Part::Traits);
    for rule in &common {
        warn_common_context(&mut c, rule);
    }

    let mut events: Vec<RawEvent> = Vec::new();
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    for rule in rules
        .iter()
        .filter(|r| matches!(r.kind, RuleKind::Track | RuleKind::Page | RuleKind::Screen))
    {
        let Some(mut event) = event(&mut c, rule) else {
            continue;
        };
        if let Some(first) = seen.get(&event.name.value) {
            c.diags.push(
                Diagnostic::at(
                    &event.name.loc,
                    format!("event `{}` appears twice in the plan", event.name.value),
                )
                .with_note(first, "first here"),
            );
            continue;
        }
        add_common(&mut event.properties, &common_properties);
        seen.insert(event.name.value.clone(), event.name.loc.clone());
        events.push(event);
    }
    let mut identify = traits(&mut c, &rules, RuleKind::Identify, root.loc.clone());
    let mut group = traits(&mut c, &rules, RuleKind::Group, root.loc.clone());
    for t in [&mut identify, &mut group].into_iter().flatten() {
        add_common(&mut t.value.traits, &common_traits);
    }
    let mut diags = c.diags;
    let warnings = diags.take_warnings();
    if !diags.is_empty() {
        return Err(diags);
    }
    events.sort_by(|a, b| a.name.value.cmp(&b.name.value));
    let root_loc = root.loc.clone();
    let types: Vec<RawNode> = c.types.into_values().map(|(node, _)| node).collect();
    Ok(Imported {
        format,
        document: RawDocument {
            goals: None,
            use_cases: None,
            events: Some(Sp::new(events, root_loc.clone())),
            types: (!types.is_empty()).then(|| Sp::new(types, root_loc)),
            identify,
            group,
        },
        warnings: warnings.deduplicated(),
    })
}

/// The rules of a plan in any format.
fn rules(root: &Json) -> Result<(Format, Vec<Rule<'_>>), Diagnostics> {
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
        Some(r) if r.is_object() && r.get("events").is_some() => config_api(r, pointer),
        Some(r) if r.as_array().is_some() => public_api(r, pointer).map(|e| (Format::PublicApi, e)),
        _ => Err(Diagnostic::at(&root.loc, "not a Segment tracking plan")
            .with_hint(
                "a Config-API plan has `rules.events` (as in Typewriter's plan.json); a Public-API plan has a \
                 `rules` list of {type, key, jsonSchema, version}",
            )
            .into()),
    }
}

fn config_api<'a>(rules: &'a Json, pointer: &str) -> Result<(Format, Vec<Rule<'a>>), Diagnostics> {
    let events = rules.get("events").unwrap_or(rules);
    let list = events.as_array().ok_or_else(|| {
        Diagnostics::from(Diagnostic::at(
            &events.loc,
            format!(
                "`rules.events` must be a list of events, not {}",
                events.kind()
            ),
        ))
    })?;
    let rudderstack = list.iter().any(|e| e.get("eventType").is_some());
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    for (i, e) in list.iter().enumerate() {
        let at = format!("{pointer}/events/{i}");
        let kind = match e.get("eventType") {
            None => RuleKind::Track,
            Some(t) => match t.as_str().map(str::to_ascii_lowercase).as_deref() {
                Some("track") => RuleKind::Track,
                Some("page") => RuleKind::Page,
                Some("screen") => RuleKind::Screen,
                Some("identify") => RuleKind::Identify,
                Some("group") => RuleKind::Group,
                _ => {
                    diags.push(Diagnostic::at(&t.loc, "unknown `eventType`").with_hint(
                        "RudderStack's event types are track, page, screen, identify and group",
                    ));
                    continue;
                }
            },
        };
        let name = text(e.get("name"));
        if name.is_none() && kind == RuleKind::Track {
            diags.push(Diagnostic::at(
                &e.loc,
                "an event of `rules.events` has no `name`",
            ));
            continue;
        }
        // An event without a schema says nothing about its properties: its own entry stands in,
        // and it has none.
        let Some(schema) = e.get("rules") else {
            if let Some(name) = name {
                out.push(Rule {
                    kind,
                    name: Some(name),
                    description: text(e.get("description")),
                    schema: e,
                    pointer: at,
                    version: version(e.get("version")),
                    deprecated: false,
                    bare: true,
                });
            }
            continue;
        };
        out.push(Rule {
            kind,
            name,
            description: text(e.get("description")).or_else(|| text(schema.get("description"))),
            schema,
            pointer: format!("{at}/rules"),
            version: version(e.get("version")),
            deprecated: false,
            bare: false,
        });
    }
    // Segment's Config API keeps the common, identify and group schemas beside the events.
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
    if diags.is_empty() {
        let format = if rudderstack {
            Format::RudderStack
        } else {
            Format::ConfigApi
        };
        Ok((format, out))
    } else {
        Err(diags)
    }
}

fn public_api<'a>(rules: &'a Json, pointer: &str) -> Result<Vec<Rule<'a>>, Diagnostics> {
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    for (i, rule) in rules.as_array().unwrap_or_default().iter().enumerate() {
        let at = format!("{pointer}/{i}");
        let kind = match rule.get("type").and_then(Json::as_str) {
            Some("TRACK") => RuleKind::Track,
            Some("PAGE") => RuleKind::Page,
            Some("SCREEN") => RuleKind::Screen,
            Some("IDENTIFY") => RuleKind::Identify,
            Some("GROUP") => RuleKind::Group,
            Some("COMMON") => RuleKind::Common,
            Some(other) => {
                let loc = rule.get("type").map_or(&rule.loc, |t| &t.loc);
                diags.push(
                    Diagnostic::at(loc, format!("unknown rule type `{other}`")).with_hint(
                        "Public-API rules are TRACK, PAGE, SCREEN, IDENTIFY, GROUP or COMMON",
                    ),
                );
                continue;
            }
            None => {
                diags.push(Diagnostic::at(&rule.loc, "a rule has no `type`"));
                continue;
            }
        };
        let Some(schema) = rule.get("jsonSchema").filter(|s| s.is_object()) else {
            diags.push(Diagnostic::at(
                &rule.loc,
                format!(
                    "a {} rule has no `jsonSchema` object",
                    rule.get("type").and_then(Json::as_str).unwrap_or("")
                ),
            ));
            continue;
        };
        let metadata_name = schema.get("eventMetadata").and_then(|m| m.get("name"));
        let name = rule
            .get("key")
            .filter(|k| k.as_str().is_some_and(|s| !s.is_empty()))
            .or(metadata_name)
            .and_then(|n| n.as_str().map(|s| Sp::new(s.to_owned(), n.loc.clone())));
        if name.is_none() && kind == RuleKind::Track {
            diags.push(Diagnostic::at(
                &rule.loc,
                "a TRACK rule has no `key` naming its event",
            ));
            continue;
        }
        // Protocols writes `deprecatedAt` as the zero date for rules that are not deprecated.
        let deprecated = rule
            .get("deprecatedAt")
            .and_then(Json::as_str)
            .is_some_and(|d| !d.is_empty() && !d.starts_with("0001-"));
        out.push(Rule {
            kind,
            name,
            description: text(schema.get("description")),
            schema,
            pointer: format!("{at}/jsonSchema"),
            version: version(rule.get("version")),
            deprecated,
            bare: false,
        });
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// Of each rule that comes in several versions (same kind and name), the highest version. The
/// same version twice is an error: the plan does not say which to keep.
fn latest_versions<'a>(rules: Vec<Rule<'a>>, diags: &mut Diagnostics) -> Vec<Rule<'a>> {
    let mut chosen: BTreeMap<(RuleKind, Option<String>), Rule<'a>> = BTreeMap::new();
    for rule in rules {
        let key = (rule.kind, rule.name.as_ref().map(|n| n.value.clone()));
        match chosen.get(&key) {
            Some(existing) if existing.version == rule.version => {
                let what = match &rule.name {
                    Some(n) => format!("event `{}`", n.value),
                    None => "a rule".to_owned(),
                };
                let at = rule.name.as_ref().map_or(&rule.schema.loc, |n| &n.loc);
                let first = existing
                    .name
                    .as_ref()
                    .map_or(&existing.schema.loc, |n| &n.loc);
                diags.push(
                    Diagnostic::at(at, format!("{what} appears twice in the plan"))
                        .with_note(first, "first here")
                        .with_hint("keep one of them, or give them different versions"),
                );
            }
            Some(existing) if existing.version > rule.version => {}
            _ => {
                chosen.insert(key, rule);
            }
        }
    }
    chosen.into_values().collect()
}

fn version(v: Option<&Json>) -> f64 {
    match v.map(|v| &v.value) {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        _ => 0.0,
    }
}

fn text(v: Option<&Json>) -> Option<Sp<String>> {
    v.and_then(|v| {
        v.as_str()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sp::new(s.to_owned(), v.loc.clone()))
    })
}

/// Whether a schema is a whole message's (the wrapped form): its `properties` are only the
/// message's keys, and one of them is `field`. An event may itself have a property named
/// `properties`, so the wrapped form is recognised by its message keys, not by that name
/// alone.
fn wrapped(schema: &Json, field: &str) -> bool {
    schema.get("eventMetadata").is_none()
        && schema
            .get("properties")
            .and_then(Json::members)
            .is_some_and(|m| {
                m.iter().any(|(k, _)| k.name == field)
                    && m.iter()
                        .all(|(k, _)| MESSAGE_KEYS.contains(&k.name.as_str()))
            })
}

/// The part of a message schema that describes `field` (`properties` or `traits`), with its
/// pointer; the schema itself when it is not wrapped.
fn part<'a>(schema: &'a Json, pointer: &str, field: &str) -> Option<(&'a Json, String)> {
    if wrapped(schema, field) {
        let inner = schema.get("properties")?.get(field)?;
        return Some((inner, format!("{pointer}/properties/{field}")));
    }
    // RudderStack keeps identify traits in `context.traits`.
    if field == "traits"
        && let Some(inner) = schema
            .get("properties")
            .and_then(|p| p.get("context"))
            .and_then(|c| c.get("properties"))
            .and_then(|p| p.get("traits"))
        && wrapped(schema, "context")
    {
        return Some((
            inner,
            format!("{pointer}/properties/context/properties/traits"),
        ));
    }
    if wrapped(schema, "context") || wrapped(schema, "properties") || wrapped(schema, "traits") {
        // A message schema without this part: it says nothing about it.
        return None;
    }
    Some((schema, pointer.to_owned()))
}

/// The event of a track, page or screen rule.
fn event(c: &mut Converter, rule: &Rule<'_>) -> Option<RawEvent> {
    let name = rule.name.clone().unwrap_or_else(|| {
        let generic = if rule.kind == RuleKind::Screen {
            "Screen Viewed"
        } else {
            "Page Viewed"
        };
        Sp::new(generic.to_owned(), rule.schema.loc.clone())
    });
    let doc = Doc::new(rule.schema, rule.pointer.clone());
    let body = match part(rule.schema, &rule.pointer, "properties") {
        _ if rule.bare => RawNode::default(),
        Some((schema, at)) => {
            object_body(c, schema, &doc, &at, &format!("event `{}`", name.value))?
        }
        None => RawNode::default(),
    };
    let mut event = RawEvent {
        name: name.clone(),
        description: rule.description.clone(),
        spec: None,
        call: None,
        call_name: None,
        call_category: None,
        replace: Some(Sp::new(true, name.loc.clone())),
        title: body.title.clone(),
        deprecated: (rule.deprecated || body.deprecated.as_ref().is_some_and(|d| d.value))
            .then(|| Sp::new(true, name.loc.clone())),
        labels: if rule.bare { None } else { labels(rule.schema) },
        properties: body.properties.filter(|p| !p.value.is_empty()),
        additional_properties: body.additional_properties,
        pattern_properties: body.pattern_properties,
        min_properties: body.min_properties,
        max_properties: body.max_properties,
        dependent_required: body.dependent_required,
    };
    if matches!(rule.kind, RuleKind::Page | RuleKind::Screen) {
        let word = if rule.kind == RuleKind::Page {
            "page"
        } else {
            "screen"
        };
        event.call = Some(Sp::new(word.to_owned(), name.loc.clone()));
        if rule.name.is_none() {
            // A rule for every page (or screen) call: the call's name is the caller's to give,
            // through the spec's reserved `name` property.
            let schema = message_field(c, rule, &doc, "name");
            call_property(&mut event, word, "name", schema);
            event.call_name = Some(Sp::new("name".to_owned(), event.name.loc.clone()));
        }
        if let Some(schema) = message_field(c, rule, &doc, "category") {
            call_property(&mut event, word, "category", Some(schema));
            event.call_category = Some(Sp::new("category".to_owned(), event.name.loc.clone()));
        }
    }
    Some(event)
}

/// The schema a page or screen rule gives the message's own `name` or `category`, as a
/// property of that name (required where the message requires the field).
fn message_field(
    c: &mut Converter,
    rule: &Rule<'_>,
    doc: &Doc<'_>,
    field: &str,
) -> Option<RawNode> {
    if rule.bare
        || !rule
            .schema
            .get("properties")
            .is_some_and(|_| wrapped(rule.schema, field))
    {
        return None;
    }
    let schema = rule.schema.get("properties")?.get(field)?;
    let pointer = format!("{}/properties/{field}", rule.pointer);
    let mut node = c.node(schema, doc, &pointer, 0);
    node.name = Some(Sp::new(field.to_owned(), schema.loc.clone()));
    let required = rule
        .schema
        .get("required")
        .and_then(Json::as_array)
        .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(field)));
    if required {
        node.required = Some(Sp::new(true, schema.loc.clone()));
    }
    Some(node)
}

/// Gives a page or screen event the property that holds the call's `name` or `category`: the
/// rule's schema for it, or an optional string. A property of that name already there stays.
fn call_property(event: &mut RawEvent, word: &str, field: &str, schema: Option<RawNode>) {
    let loc = event.name.loc.clone();
    let props = event
        .properties
        .get_or_insert_with(|| Sp::new(Vec::new(), loc.clone()));
    if props
        .value
        .iter()
        .any(|p| p.name.as_ref().is_some_and(|n| n.value == field))
    {
        return;
    }
    let mut node = schema.unwrap_or_else(|| RawNode {
        name: Some(Sp::new(field.to_owned(), loc.clone())),
        ty: Some(Sp::new(TypeSpec::One("string".into()), loc.clone())),
        ..RawNode::default()
    });
    if node.description.is_none() {
        node.description = Some(Sp::new(
            format!("The {word}'s {field}: the {word} call's `{field}`."),
            loc,
        ));
    }
    props.value.push(node);
    schema::sort_by_name(&mut props.value);
}

/// A plan's `labels` (`{"area": "checkout"}`), kept for documentation.
fn labels(schema: &Json) -> Option<Sp<BTreeMap<String, String>>> {
    let labels = schema.get("labels")?;
    let map: BTreeMap<String, String> = labels
        .members()?
        .iter()
        .filter_map(|(k, v)| match &v.value {
            Value::String(s) => Some((k.name.clone(), s.clone())),
            Value::Null => None,
            other => Some((
                k.name.clone(),
                Json {
                    value: other.clone(),
                    loc: v.loc.clone(),
                }
                .to_plain()
                .to_string(),
            )),
        })
        .collect();
    (!map.is_empty()).then(|| Sp::new(map, labels.loc.clone()))
}

/// The schema of an event's properties or a set of traits, read as an object: alternatives
/// at the top are read as one object whose properties are optional where some alternative
/// lacks them (a warning says so), and a contradictory `type` beside `properties` is a
/// warning.
fn object_body(
    c: &mut Converter,
    schema: &Json,
    doc: &Doc<'_>,
    pointer: &str,
    owner: &str,
) -> Option<RawNode> {
    if matches!(schema.value, Value::Bool(true)) {
        return Some(RawNode::default());
    }
    if !schema.is_object() {
        c.diags.push(
            Diagnostic::at(
                &schema.loc,
                format!(
                    "the schema of {owner} must be an object schema, not {}",
                    schema.kind()
                ),
            )
            .with_hint(format!("at {pointer}")),
        );
        return None;
    }
    let mut node = c.node(schema, doc, pointer, 0);
    if let Some(alternatives) = node.one_of.take().or(node.any_of.take()) {
        c.warn(
            &alternatives.loc,
            pointer,
            &format!("the alternatives of {owner} are read as one set of properties"),
            "a property is required where every alternative requires it, and optional otherwise; \
             one that alternatives type differently accepts either type",
        );
        merge_alternatives(&mut node, alternatives);
    }
    let object_type = match node.ty.as_ref().map(|t| &t.value) {
        None => true,
        Some(TypeSpec::One(w)) => w == "object" || w == "any",
        Some(TypeSpec::Many(ws)) => ws.iter().any(|w| w == "object"),
    };
    if !object_type {
        let word = match node.ty.as_ref().map(|t| &t.value) {
            Some(TypeSpec::One(w)) => w.clone(),
            Some(TypeSpec::Many(ws)) => ws.join(" or "),
            None => String::new(),
        };
        let declared = schema.get("properties").and_then(Json::members).is_some();
        if !declared {
            c.diags.push(
                Diagnostic::at(
                    &schema.loc,
                    format!("the schema of {owner} describes {word}, not an object"),
                )
                .with_hint(format!(
                    "Segment sends properties and traits as an object (at {pointer})"
                )),
            );
            return None;
        }
        c.warn(
            &schema.loc,
            pointer,
            &format!("the schema of {owner} says its type is {word}, but lists properties"),
            "it is read as an object with those properties, as Segment sends it",
        );
        let without_type = Json {
            value: Value::Object(
                schema
                    .members()
                    .unwrap_or_default()
                    .iter()
                    .filter(|(k, _)| k.name != "type")
                    .cloned()
                    .collect(),
            ),
            loc: schema.loc.clone(),
        };
        node = c.node(&without_type, doc, pointer, 0);
    }
    Some(node)
}

/// Alternatives of a whole event read as one object: every property of every alternative,
/// required only where every alternative requires it.
fn merge_alternatives(node: &mut RawNode, alternatives: Sp<Vec<RawNode>>) {
    let count = alternatives.value.len();
    let mut merged: Vec<(RawNode, usize)> = Vec::new();
    for alternative in alternatives.value {
        for prop in alternative.properties.map(|p| p.value).unwrap_or_default() {
            let name = prop.name.as_ref().map(|n| n.value.clone());
            match merged
                .iter_mut()
                .find(|(p, _)| p.name.as_ref().map(|n| &n.value) == name.as_ref())
            {
                Some((existing, required_in)) => {
                    if prop.required.as_ref().is_some_and(|r| r.value) {
                        *required_in += 1;
                    }
                    let mut plain = prop.clone();
                    plain.name = None;
                    plain.required = None;
                    let mut before = existing.clone();
                    before.name = None;
                    before.required = None;
                    if plain != before {
                        let at = existing.name.as_ref().map(|n| n.loc.clone());
                        let name = existing.name.take();
                        let required = existing.required.take();
                        *existing = RawNode {
                            name,
                            required,
                            any_of: at.map(|loc| Sp::new(vec![before, plain], loc)),
                            ..RawNode::default()
                        };
                    }
                }
                None => {
                    let required = usize::from(prop.required.as_ref().is_some_and(|r| r.value));
                    merged.push((prop, required));
                }
            }
        }
    }
    let loc = alternatives.loc;
    let mut props: Vec<RawNode> = merged
        .into_iter()
        .map(|(mut p, required_in)| {
            if required_in < count {
                p.required = None;
            }
            p
        })
        .collect();
    schema::sort_by_name(&mut props);
    let existing = node.properties.take().map(|p| p.value).unwrap_or_default();
    for prop in existing {
        if !props.iter().any(|p| p.name == prop.name) {
            props.push(prop);
        }
    }
    node.properties = Some(Sp::new(props, loc));
}

/// The identify or group traits: every rule of that kind, merged (the latest version of each
/// was chosen already).
fn traits(c: &mut Converter, rules: &[Rule<'_>], kind: RuleKind, at: Loc) -> Option<Sp<RawTraits>> {
    let mut out: Option<Sp<RawTraits>> = None;
    let word = if kind == RuleKind::Identify {
        "identify"
    } else {
        "group"
    };
    for rule in rules.iter().filter(|r| r.kind == kind) {
        let doc = Doc::new(rule.schema, rule.pointer.clone());
        let Some((schema, pointer)) = part(rule.schema, &rule.pointer, "traits") else {
            continue;
        };
        let Some(body) = object_body(c, schema, &doc, &pointer, &format!("the {word} traits"))
        else {
            continue;
        };
        let traits = out.get_or_insert_with(|| {
            Sp::new(
                RawTraits {
                    replace: Some(Sp::new(true, at.clone())),
                    ..RawTraits::default()
                },
                rule.schema.loc.clone(),
            )
        });
        let t = &mut traits.value;
        t.description = t.description.take().or_else(|| rule.description.clone());
        if let Some(props) = body.properties {
            let list = t
                .traits
                .get_or_insert_with(|| Sp::new(Vec::new(), props.loc.clone()));
            for p in props.value {
                if !list.value.iter().any(|q| q.name == p.name) {
                    list.value.push(p);
                }
            }
        }
        t.additional_properties = t
            .additional_properties
            .take()
            .or(body.additional_properties);
        t.pattern_properties = t.pattern_properties.take().or(body.pattern_properties);
        t.min_properties = t.min_properties.take().or(body.min_properties);
        t.max_properties = t.max_properties.take().or(body.max_properties);
        t.dependent_required = t.dependent_required.take().or(body.dependent_required);
    }
    if let Some(t) = &mut out
        && let Some(list) = &mut t.value.traits
    {
        schema::sort_by_name(&mut list.value);
    }
    out
}

#[derive(Clone, Copy)]
enum Part {
    Properties,
    Traits,
}

/// The properties (or traits) that common rules add to every call.
fn common_part(c: &mut Converter, common: &[&Rule<'_>], part_of: Part) -> Vec<RawNode> {
    let field = match part_of {
        Part::Properties => "properties",
        Part::Traits => "traits",
    };
    let mut out: Vec<RawNode> = Vec::new();
    for rule in common {
        // A common rule describes the whole message; only its wrapped parts apply.
        if !wrapped(rule.schema, field) {
            continue;
        }
        let Some((schema, pointer)) = part(rule.schema, &rule.pointer, field) else {
            continue;
        };
        let doc = Doc::new(rule.schema, rule.pointer.clone());
        if let Some(body) = object_body(
            c,
            schema,
            &doc,
            &pointer,
            &format!("a common rule's {field}"),
        ) {
            for p in body.properties.map(|p| p.value).unwrap_or_default() {
                if !out.iter().any(|q| q.name == p.name) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// What a common rule says about the message outside `properties` and `traits` (its context,
/// its identities) is not typed: a warning says so.
fn warn_common_context(c: &mut Converter, rule: &Rule<'_>) {
    let Some(members) = rule.schema.get("properties").and_then(Json::members) else {
        return;
    };
    for (key, value) in members {
        if matches!(key.name.as_str(), "properties" | "traits") {
            continue;
        }
        let says_something = value.members().is_some_and(|m| !m.is_empty());
        if says_something {
            let pointer = format!("{}/properties/{}", rule.pointer, escape(&key.name));
            c.warn(
                &key.loc,
                &pointer,
                &format!("a common rule's `{}` is not kept", key.name),
                "tracktype types the properties and traits of calls; the rest of the message is Segment's SDKs' to fill",
            );
        }
    }
}

/// Adds common properties an event (or trait set) does not define itself.
fn add_common(props: &mut Option<Sp<Vec<RawNode>>>, common: &[RawNode]) {
    if common.is_empty() {
        return;
    }
    let Some(loc) = common
        .first()
        .and_then(|c| c.name.as_ref())
        .map(|n| n.loc.clone())
    else {
        return;
    };
    let list = props.get_or_insert_with(|| Sp::new(Vec::new(), loc));
    for c in common {
        if !list.value.iter().any(|p| p.name == c.name) {
            // Marked, so that export writes it back as the common rule it came from.
            let mut p = c.clone();
            p.origin = p
                .name
                .as_ref()
                .map(|n| Sp::new("common".to_owned(), n.loc.clone()));
            list.value.push(p);
        }
    }
    schema::sort_by_name(&mut list.value);
}
