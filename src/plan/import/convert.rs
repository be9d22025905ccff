//! One rule of a plan converted, on its own, into what the catalog holds: an event (track,
//! page or screen), a set of traits (identify or group), or what a common rule gives every
//! call. Each rule is converted as it is read and its JSON dropped.

use std::collections::{BTreeMap, HashMap};

use crate::catalog::raw::{RawEvent, RawNode, TypeSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::yaml::Sp;

use super::super::json::{Json, Value};
use super::rules::{Rule, RuleKind};
use super::schema::{self, Converter, Doc, escape};

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
        title: body.title.as_deref().cloned(),
        deprecated: (rule.deprecated || body.deprecated.as_ref().is_some_and(|d| d.value))
            .then(|| Sp::new(true, name.loc.clone())),
        labels: if rule.bare { None } else { labels(rule.schema) },
        properties: body.properties.map(|p| *p).filter(|p| !p.value.is_empty()),
        additional_properties: body.additional_properties.map(|b| *b),
        pattern_properties: body.pattern_properties.map(|b| *b),
        min_properties: body.min_properties.map(|b| *b),
        max_properties: body.max_properties.map(|b| *b),
        dependent_required: body.dependent_required.map(|b| *b),
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
        node.required = Some(Box::new(Sp::new(true, schema.loc.clone())));
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
        merge_alternatives(&mut node, *alternatives);
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
    // Where each property name is in `merged`: found at once, however many properties.
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for alternative in alternatives.value {
        for prop in alternative.properties.map(|p| p.value).unwrap_or_default() {
            let name = prop.name.as_ref().map(|n| n.value.clone());
            crate::work::step(1);
            let at = index.get(&name).copied();
            match at.and_then(|i| merged.get_mut(i)) {
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
                            any_of: at.map(|loc| Box::new(Sp::new(vec![before, plain], loc))),
                            ..RawNode::default()
                        };
                    }
                }
                None => {
                    let required = usize::from(prop.required.as_ref().is_some_and(|r| r.value));
                    index.insert(name, merged.len());
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
        crate::work::step(1);
        let name = prop.name.as_ref().map(|n| n.value.clone());
        if let std::collections::hash_map::Entry::Vacant(slot) = index.entry(name) {
            slot.insert(props.len());
            props.push(prop);
        }
    }
    node.properties = Some(Box::new(Sp::new(props, loc)));
}

/// A rule converted, with what converting it found and the named types its definitions gave.
pub struct Taken {
    pub kind: RuleKind,
    pub name: Option<Sp<String>>,
    pub version: f64,
    /// The rule's schema's place, for a rule without a name.
    pub at: Loc,
    pub converted: Converted,
    /// The errors and warnings converting it gave: kept only if its version is.
    pub diags: Diagnostics,
    /// Named types from its `definitions`, each with where it was defined.
    pub types: BTreeMap<String, (RawNode, Loc)>,
}

pub enum Converted {
    /// A track, page or screen event; `None` where converting failed. Boxed, as the traits'
    /// body is: rules are held, filtered and sorted as they are taken, and an event moves on
    /// into the plan's list and a layer's map, so it should move as a pointer.
    Event(Option<Box<RawEvent>>),
    /// Identify or group traits: the rule's description, and its traits as an object's
    /// properties and rules; `None` where the rule says nothing of traits.
    Traits {
        description: Option<Sp<String>>,
        body: Option<Box<RawNode>>,
    },
    /// What a common rule gives every call: properties, and traits.
    Common {
        properties: Vec<RawNode>,
        traits: Vec<RawNode>,
    },
}

/// Converts one rule on its own: the converter's findings and named types go with it.
pub fn convert(c: &mut Converter, rule: &Rule<'_>) -> Taken {
    let before = c.diags.len();
    c.begin_document();
    let converted = match rule.kind {
        RuleKind::Track | RuleKind::Page | RuleKind::Screen => {
            Converted::Event(event(c, rule).map(Box::new))
        }
        RuleKind::Identify | RuleKind::Group => Converted::Traits {
            description: rule.description.clone(),
            body: traits_body(c, rule).map(Box::new),
        },
        RuleKind::Common => {
            warn_common_context(c, rule);
            Converted::Common {
                properties: common_part(c, rule, "properties"),
                traits: common_part(c, rule, "traits"),
            }
        }
    };
    Taken {
        kind: rule.kind,
        name: rule.name.clone(),
        version: rule.version,
        at: rule.schema.loc.clone(),
        converted,
        diags: c.diags.split_off(before),
        types: std::mem::take(&mut c.types),
    }
}

/// The traits an identify or group rule types, read as an object.
fn traits_body(c: &mut Converter, rule: &Rule<'_>) -> Option<RawNode> {
    let word = if rule.kind == RuleKind::Identify {
        "identify"
    } else {
        "group"
    };
    let doc = Doc::new(rule.schema, rule.pointer.clone());
    let (schema, pointer) = part(rule.schema, &rule.pointer, "traits")?;
    object_body(c, schema, &doc, &pointer, &format!("the {word} traits"))
}

/// The properties (or traits) a common rule adds to every call.
fn common_part(c: &mut Converter, rule: &Rule<'_>, field: &str) -> Vec<RawNode> {
    // A common rule describes the whole message; only its wrapped parts apply.
    if !wrapped(rule.schema, field) {
        return Vec::new();
    }
    let Some((schema, pointer)) = part(rule.schema, &rule.pointer, field) else {
        return Vec::new();
    };
    let doc = Doc::new(rule.schema, rule.pointer.clone());
    object_body(
        c,
        schema,
        &doc,
        &pointer,
        &format!("a common rule's {field}"),
    )
    .and_then(|body| body.properties)
    .map(|p| p.value)
    .unwrap_or_default()
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
