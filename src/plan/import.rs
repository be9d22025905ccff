//! A Segment tracking plan, in either format, as a catalog document: each TRACK event becomes
//! an event, each `definitions` entry a named type, every value keeping its place in the JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::catalog::FORMATS;
use crate::catalog::raw::{Items, RawDocument, RawEvent, RawNode, TypeSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Loc, SourceFile};
use crate::limits;
use crate::suggest;
use crate::yaml::Sp;

use super::json::{self, Json, Value};

/// Which of Segment's formats a plan is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `rules.events[]`, each with a `rules` JSON Schema of the whole message (Typewriter v7).
    ConfigApi,
    /// `rules[]` of `{type, key, jsonSchema, version}` (the Public API, and Typewriter v8+).
    PublicApi,
}

/// The keys of a whole Track message's schema: a schema whose `properties` are only these is
/// the wrapped form, with the event's properties at `properties.properties`.
const MESSAGE_KEYS: [&str; 10] = [
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
];

const TYPE_WORDS: [&str; 7] = [
    "string", "number", "integer", "boolean", "array", "object", "null",
];

/// Reads a plan file into a catalog document.
pub fn read(file: &Arc<SourceFile>) -> Result<(Format, RawDocument), Diagnostics> {
    let root = json::parse(file)?;
    let (format, events) = events(&root)?;
    let mut c = Converter {
        diags: Diagnostics::default(),
        types: BTreeMap::new(),
        converted: BTreeSet::new(),
    };
    let mut raw_events: Vec<RawEvent> = Vec::new();
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    for e in events {
        if let Some(first) = seen.get(&e.name.value) {
            c.diags.push(
                Diagnostic::at(
                    &e.name.loc,
                    format!("event `{}` appears twice in the plan", e.name.value),
                )
                .with_note(first, "first here"),
            );
            continue;
        }
        if let Some(event) = c.event(&e) {
            seen.insert(event.name.value.clone(), event.name.loc.clone());
            raw_events.push(event);
        }
    }
    if !c.diags.is_empty() {
        return Err(c.diags);
    }
    raw_events.sort_by(|a, b| a.name.value.cmp(&b.name.value));
    let root_loc = root.loc.clone();
    let types: Vec<RawNode> = c.types.into_values().map(|(node, _)| node).collect();
    Ok((
        format,
        RawDocument {
            goals: None,
            use_cases: None,
            events: Some(Sp::new(raw_events, root_loc.clone())),
            types: (!types.is_empty()).then(|| Sp::new(types, root_loc)),
        },
    ))
}

/// One event as the plan gives it: its name, description and properties schema, and the
/// schema root that `#/definitions/...` refers to.
struct PlanEvent<'a> {
    name: Sp<String>,
    description: Option<Sp<String>>,
    properties: Option<&'a Json>,
    root: &'a Json,
}

fn events(root: &Json) -> Result<(Format, Vec<PlanEvent<'_>>), Diagnostics> {
    let rules = root
        .get("rules")
        .or_else(|| root.get("data").and_then(|d| d.get("rules")));
    if root.as_array().is_some() {
        return Err(Diagnostic::at(
            &root.loc,
            "a tracking plan is a JSON object, not a list",
        )
        .with_hint("if this is the `rules` list of a Public-API plan, write it as {\"rules\": [...]}")
        .into());
    }
    match rules {
        Some(r) if r.is_object() && r.get("events").is_some() => config_api(r).map(|e| (Format::ConfigApi, e)),
        Some(r) if r.as_array().is_some() => public_api(r).map(|e| (Format::PublicApi, e)),
        _ => Err(Diagnostic::at(&root.loc, "not a Segment tracking plan")
            .with_hint(
                "a Config-API plan has `rules.events` (as in Typewriter's plan.json); a Public-API plan has a \
                 `rules` list of {type, key, jsonSchema, version}",
            )
            .into()),
    }
}

fn config_api(rules: &Json) -> Result<Vec<PlanEvent<'_>>, Diagnostics> {
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
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    for e in list {
        let Some(name) = e
            .get("name")
            .and_then(|n| n.as_str().map(|s| Sp::new(s.to_owned(), n.loc.clone())))
        else {
            diags.push(Diagnostic::at(
                &e.loc,
                "an event of `rules.events` has no `name`",
            ));
            continue;
        };
        let schema = e.get("rules");
        out.push(PlanEvent {
            name,
            description: text(e.get("description")),
            properties: schema
                .and_then(|s| s.get("properties"))
                .and_then(|p| p.get("properties")),
            root: schema.unwrap_or(e),
        });
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

fn public_api(rules: &Json) -> Result<Vec<PlanEvent<'_>>, Diagnostics> {
    // Only TRACK rules, and of each event only its highest version.
    let mut chosen: BTreeMap<String, (f64, PlanEvent<'_>)> = BTreeMap::new();
    let mut diags = Diagnostics::default();
    for rule in rules.as_array().unwrap_or_default() {
        if rule.get("type").and_then(Json::as_str) != Some("TRACK") {
            continue;
        }
        let Some(schema) = rule.get("jsonSchema").filter(|s| s.is_object()) else {
            diags.push(Diagnostic::at(
                &rule.loc,
                "a TRACK rule has no `jsonSchema` object",
            ));
            continue;
        };
        let metadata_name = schema.get("eventMetadata").and_then(|m| m.get("name"));
        let Some(name) = rule
            .get("key")
            .filter(|k| k.as_str().is_some())
            .or(metadata_name)
            .and_then(|n| n.as_str().map(|s| Sp::new(s.to_owned(), n.loc.clone())))
        else {
            diags.push(Diagnostic::at(
                &rule.loc,
                "a TRACK rule has no `key` naming its event",
            ));
            continue;
        };
        let version = match rule.get("version").map(|v| &v.value) {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
            _ => 0.0,
        };
        let event = PlanEvent {
            description: text(schema.get("description")),
            properties: event_properties(schema),
            root: schema,
            name,
        };
        match chosen.get(&event.name.value) {
            Some((v, _)) if *v >= version => {}
            _ => {
                chosen.insert(event.name.value.clone(), (version, event));
            }
        }
    }
    if diags.is_empty() {
        Ok(chosen.into_values().map(|(_, e)| e).collect())
    } else {
        Err(diags)
    }
}

/// Where a Public-API rule keeps the event's properties. The API wraps them in the schema of
/// the whole message (`properties.properties`); Typewriter's plan.json stores them unwrapped,
/// marked by `eventMetadata`. An event may itself have a property named `properties`, so the
/// wrapped form is recognised by its message keys, not by that name alone.
fn event_properties(schema: &Json) -> Option<&Json> {
    let top = schema.get("properties");
    let wrapped = schema.get("eventMetadata").is_none()
        && top.and_then(Json::members).is_some_and(|m| {
            m.iter().any(|(k, _)| k.name == "properties")
                && m.iter()
                    .all(|(k, _)| MESSAGE_KEYS.contains(&k.name.as_str()))
        });
    if wrapped {
        top.and_then(|t| t.get("properties"))
    } else {
        Some(schema)
    }
}

fn text(v: Option<&Json>) -> Option<Sp<String>> {
    v.and_then(|v| {
        v.as_str()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Sp::new(s.to_owned(), v.loc.clone()))
    })
}

struct Converter {
    diags: Diagnostics,
    /// Named types from `definitions`, with where each was first defined.
    types: BTreeMap<String, (RawNode, Loc)>,
    /// The `definitions` entries already converted (or being converted), by identity.
    converted: BTreeSet<*const Json>,
}

impl Converter {
    fn event(&mut self, e: &PlanEvent<'_>) -> Option<RawEvent> {
        let properties = match e.properties {
            Some(schema)
                if schema
                    .get("properties")
                    .and_then(Json::members)
                    .is_some_and(|m| !m.is_empty()) =>
            {
                Some(self.properties(schema, e.root, 0)?)
            }
            _ => None,
        };
        Some(RawEvent {
            name: e.name.clone(),
            description: e.description.clone(),
            spec: None,
            replace: Some(Sp::new(true, e.name.loc.clone())),
            properties,
        })
    }

    /// The properties of an object schema, sorted by name (a JSON object's order means
    /// nothing), each marked required as the schema's `required` says.
    fn properties(&mut self, schema: &Json, root: &Json, depth: usize) -> Option<Sp<Vec<RawNode>>> {
        let members = schema.get("properties")?.members()?;
        if members.len() > limits::MAX_PROPERTIES {
            self.diags.push(Diagnostic::at(
                &schema.loc,
                format!(
                    "an object has {} properties; the limit is {}",
                    members.len(),
                    limits::MAX_PROPERTIES
                ),
            ));
            return None;
        }
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Json::as_str)
            .collect();
        let mut out: Vec<RawNode> = members
            .iter()
            .map(|(key, value)| {
                let mut node = self.node(value, root, depth + 1);
                node.name = Some(Sp::new(key.name.clone(), key.loc.clone()));
                if required.contains(&key.name.as_str()) {
                    node.required = Some(Sp::new(true, key.loc.clone()));
                }
                node
            })
            .collect();
        out.sort_by(|a, b| {
            a.name
                .as_ref()
                .map(|n| &n.value)
                .cmp(&b.name.as_ref().map(|n| &n.value))
        });
        Some(Sp::new(out, schema.loc.clone()))
    }

    /// One schema as a catalog node (without a name).
    fn node(&mut self, schema: &Json, root: &Json, depth: usize) -> RawNode {
        let loc = schema.loc.clone();
        let mut node = RawNode::default();
        match &schema.value {
            Value::Bool(true) => {
                node.ty = Some(Sp::new(TypeSpec::One("any".into()), loc));
                return node;
            }
            Value::Object(_) => {}
            _ => {
                self.diags.push(Diagnostic::at(
                    &loc,
                    format!("expected a schema (an object), found {}", schema.kind()),
                ));
                return node;
            }
        }
        if depth > limits::MAX_SCHEMA_DEPTH {
            self.diags.push(Diagnostic::at(
                &loc,
                format!(
                    "schemas are nested more than {} levels deep",
                    limits::MAX_SCHEMA_DEPTH
                ),
            ));
            return node;
        }
        node.description = text(schema.get("description"));

        if let Some(reference) = schema.get("$ref") {
            if let Some(name) = self.reference(reference, root, depth) {
                node.ty = Some(Sp::new(TypeSpec::One(name), reference.loc.clone()));
            }
            return node;
        }
        if let Some(alternatives) = schema.get("anyOf").or_else(|| schema.get("oneOf")) {
            return self.alternatives(node, alternatives, root, depth);
        }

        let mut words: Vec<String> = Vec::new();
        if let Some(ty) = schema.get("type") {
            let list: Vec<&Json> = match &ty.value {
                Value::String(_) => vec![ty],
                Value::Array(items) => items.iter().collect(),
                _ => {
                    self.diags.push(Diagnostic::at(
                        &ty.loc,
                        "`type` must be a string or a list of strings",
                    ));
                    vec![]
                }
            };
            for word in list {
                match word.as_str() {
                    Some(w) if TYPE_WORDS.contains(&w) => {
                        if !words.iter().any(|x| x == w) {
                            words.push(w.to_owned());
                        }
                    }
                    Some(w) => {
                        let hint = suggest::did_you_mean(w, &TYPE_WORDS).unwrap_or_else(|| {
                            format!("JSON Schema's types are {}", TYPE_WORDS.join(", "))
                        });
                        self.diags.push(
                            Diagnostic::at(&word.loc, format!("unknown JSON Schema type `{w}`"))
                                .with_hint(hint),
                        );
                    }
                    None => self.diags.push(Diagnostic::at(
                        &word.loc,
                        "a type in `type` must be a string",
                    )),
                }
            }
        }
        if let Some(value) = schema.get("const") {
            node.enum_values = Some(Sp::new(
                vec![Sp::new(value.to_plain(), value.loc.clone())],
                value.loc.clone(),
            ));
        }
        if let Some(values) = schema.get("enum") {
            match values.as_array() {
                Some(items) => {
                    node.enum_values = Some(Sp::new(
                        items
                            .iter()
                            .map(|v| Sp::new(v.to_plain(), v.loc.clone()))
                            .collect(),
                        values.loc.clone(),
                    ));
                }
                None => self
                    .diags
                    .push(Diagnostic::at(&values.loc, "`enum` must be a list")),
            }
        }
        let has_properties = schema
            .get("properties")
            .and_then(Json::members)
            .is_some_and(|m| !m.is_empty());
        if has_properties {
            node.properties = self.properties(schema, root, depth);
        }
        if let Some(items) = schema.get("items")
            && (items.is_object() || matches!(items.value, Value::Bool(true)))
        {
            node.items = Some(Sp::new(
                Items::Node(Box::new(self.node(items, root, depth + 1))),
                items.loc.clone(),
            ));
        }
        if words.is_empty() && node.enum_values.is_none() {
            let inferred = if has_properties || schema.get("properties").is_some() {
                "object"
            } else if schema.get("items").is_some() {
                "array"
            } else {
                "any"
            };
            words.push(inferred.to_owned());
        }
        if !words.is_empty() {
            let spec = if words.len() == 1 {
                TypeSpec::One(words.remove(0))
            } else {
                TypeSpec::Many(words)
            };
            node.ty = Some(Sp::new(
                spec,
                schema.get("type").map_or(loc.clone(), |t| t.loc.clone()),
            ));
        }
        self.constraints(&mut node, schema);
        node
    }

    fn constraints(&mut self, node: &mut RawNode, schema: &Json) {
        if let Some(f) = schema
            .get("format")
            .and_then(|f| f.as_str().map(|s| (s, f)))
        {
            if FORMATS.contains(&f.0) {
                node.format = Some(Sp::new(f.0.to_owned(), f.1.loc.clone()));
            } else {
                // A format we cannot name in a catalog is kept for people, in the description.
                let note = format!("Format: {}.", f.0);
                node.description = Some(match node.description.take() {
                    Some(d) => Sp::new(format!("{} {note}", d.value), d.loc),
                    None => Sp::new(note, f.1.loc.clone()),
                });
            }
        }
        if let Some(p) = schema.get("pattern") {
            match p.as_str() {
                Some(s) => node.pattern = Some(Sp::new(s.to_owned(), p.loc.clone())),
                None => self
                    .diags
                    .push(Diagnostic::at(&p.loc, "`pattern` must be a string")),
            }
        }
        for (key, slot) in [
            ("minimum", &mut node.minimum),
            ("maximum", &mut node.maximum),
        ] {
            if let Some(v) = schema.get(key) {
                *slot = Some(Sp::new(v.to_plain(), v.loc.clone()));
            }
        }
        for (key, slot) in [
            ("minLength", &mut node.min_length),
            ("maxLength", &mut node.max_length),
        ] {
            if let Some(v) = schema.get(key) {
                match &v.value {
                    Value::Number(n) if n.as_u64().is_some() => {
                        *slot = Some(Sp::new(n.as_u64().unwrap_or(0), v.loc.clone()))
                    }
                    _ => self.diags.push(Diagnostic::at(
                        &v.loc,
                        format!("`{key}` must be a whole number"),
                    )),
                }
            }
        }
    }

    /// `anyOf` / `oneOf`: `null` alternatives make the value nullable; the others form a union
    /// (or, alone, the type itself).
    fn alternatives(
        &mut self,
        mut node: RawNode,
        alternatives: &Json,
        root: &Json,
        depth: usize,
    ) -> RawNode {
        let Some(list) = alternatives.as_array() else {
            self.diags.push(Diagnostic::at(
                &alternatives.loc,
                "`anyOf` and `oneOf` must be lists",
            ));
            return node;
        };
        let is_null = |s: &Json| s.get("type").and_then(Json::as_str) == Some("null");
        let nullable = list.iter().any(is_null);
        let members: Vec<RawNode> = list
            .iter()
            .filter(|s| !is_null(s))
            .map(|s| self.node(s, root, depth + 1))
            .collect();
        let description = node.description.take();
        let mut merged = match members.len() {
            0 => RawNode {
                ty: Some(Sp::new(
                    TypeSpec::One("any".into()),
                    alternatives.loc.clone(),
                )),
                ..RawNode::default()
            },
            1 => members.into_iter().next().unwrap_or_default(),
            _ => {
                // Alternatives of different types become one node with a list of types; the
                // keys of each apply to its own type.
                let mut words = Vec::new();
                let mut merged = RawNode::default();
                for m in members {
                    if let Some(ty) = &m.ty {
                        match &ty.value {
                            TypeSpec::One(w) => words.push(w.clone()),
                            TypeSpec::Many(ws) => words.extend(ws.iter().cloned()),
                        }
                    }
                    merged.properties = merged.properties.or(m.properties);
                    merged.items = merged.items.or(m.items);
                    merged.format = merged.format.or(m.format);
                    merged.pattern = merged.pattern.or(m.pattern);
                    merged.minimum = merged.minimum.or(m.minimum);
                    merged.maximum = merged.maximum.or(m.maximum);
                    merged.min_length = merged.min_length.or(m.min_length);
                    merged.max_length = merged.max_length.or(m.max_length);
                }
                words.dedup();
                merged.ty = Some(Sp::new(TypeSpec::Many(words), alternatives.loc.clone()));
                merged
            }
        };
        if nullable {
            merged.nullable = Some(Sp::new(true, alternatives.loc.clone()));
        }
        merged.description = description.or(merged.description);
        node = merged;
        node
    }

    /// A `$ref` to `#/definitions/<name>`: the named type, converted once.
    fn reference(&mut self, reference: &Json, root: &Json, depth: usize) -> Option<String> {
        let Some(target) = reference.as_str() else {
            self.diags
                .push(Diagnostic::at(&reference.loc, "`$ref` must be a string"));
            return None;
        };
        let Some(name) = target.strip_prefix("#/definitions/").map(unescape_pointer) else {
            self.diags.push(
                Diagnostic::at(&reference.loc, format!("unsupported reference `{target}`"))
                    .with_hint(
                        "tracktype reads references to `#/definitions/<name>` in the same schema",
                    ),
            );
            return None;
        };
        let definitions = root.get("definitions");
        let Some(definition) = definitions.and_then(|d| d.get(&name)) else {
            let names: Vec<&str> = definitions
                .and_then(Json::members)
                .unwrap_or_default()
                .iter()
                .map(|(k, _)| k.name.as_str())
                .collect();
            self.diags.push(
                Diagnostic::at(
                    &reference.loc,
                    format!("`{target}` refers to a definition that does not exist"),
                )
                .with_hint_opt(
                    suggest::closest(&name, &names)
                        .map(|c| format!("did you mean `#/definitions/{c}`?")),
                ),
            );
            return None;
        };
        if crate::catalog::BUILTIN_TYPES.contains(&name.as_str()) {
            self.diags.push(Diagnostic::at(
                &reference.loc,
                format!("a definition named `{name}` would hide the built-in type of that name"),
            ));
            return None;
        }
        // Each definition is converted once, when first referred to: one that refers to itself
        // then ends (the catalog reports the cycle), and one referred to many times costs no
        // more than one referred to once.
        if !self.converted.insert(std::ptr::from_ref(definition)) {
            return Some(name);
        }
        if !self.types.contains_key(&name) {
            let key_loc = definition.loc.clone();
            let mut node = self.node(definition, root, depth + 1);
            node.name = Some(Sp::new(name.clone(), key_loc.clone()));
            self.types.insert(name.clone(), (node, key_loc));
        } else if let Some((existing, first)) =
            self.types.get(&name).map(|(n, l)| (n.clone(), l.clone()))
        {
            // Every schema carries its own definitions; they must agree across events.
            let mut this = self.node(definition, root, depth + 1);
            this.name = existing.name.clone();
            if this != existing {
                self.diags.push(
                    Diagnostic::at(
                        &definition.loc,
                        format!("definition `{name}` differs from another of the same name"),
                    )
                    .with_note(&first, "the other definition"),
                );
            }
        }
        Some(name)
    }
}

/// A JSON pointer segment from a URI fragment: percent-decoded, then `~1` → `/`, `~0` → `~`.
fn unescape_pointer(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let hex = |b: u8| char::from(b).to_digit(16);
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded)
        .replace("~1", "/")
        .replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_unescaped() {
        assert_eq!(unescape_pointer("a~1b%20c~0"), "a/b c~");
        assert_eq!(unescape_pointer("Product"), "Product");
        // A `%` before a character of several bytes, or at the end, is kept as it is.
        assert_eq!(unescape_pointer("a%é%"), "a%é%");
        assert_eq!(unescape_pointer("%4"), "%4");
    }
}
