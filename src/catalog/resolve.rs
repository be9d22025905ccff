//! From merged raw definitions to the typed catalog, checking everything a generator relies on:
//! references resolve, names are unique, named types form no cycle, enum values fit their type,
//! and every key applies where it stands. Every problem is reported, each with its place.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::limits;
use crate::model::{
    Catalog, Event, Goal, Kind, Literal, LiteralNumber, NamedType, NumberRules, Origin, Property,
    Recommendation, Schema, StringRules, UseCase, slug,
};
use crate::suggest;
use crate::yaml::Sp;

use super::layer::Layer;
use super::raw::{Items, RawEvent, RawGoal, RawNode, RawUseCase, TypeSpec};

/// The type names every catalog knows.
pub const BUILTIN_TYPES: [&str; 8] = [
    "string", "number", "integer", "boolean", "array", "object", "any", "null",
];

/// String formats from JSON Schema; `date-time`, `uri` and `email` are the common ones.
pub const FORMATS: [&str; 19] = [
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "uuid",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

pub const ORIGINS: [&str; 2] = ["use-cases", "spec"];

/// The `enum` key as written: each value with its place.
type EnumValues = Sp<Vec<Sp<Value>>>;

pub fn resolve(layer: &Layer, diags: &mut Diagnostics) -> Catalog {
    let mut r = Resolver {
        type_names: layer
            .types
            .keys()
            .filter(|k| !k.is_empty())
            .cloned()
            .collect(),
        diags,
    };
    let types = r.named_types(layer);
    let events = r.events(layer);
    let use_cases = r.use_cases(&layer.use_cases, &layer.events);
    let goals = r.goals(&layer.goals, &use_cases);
    r.cycles(layer, &types);
    Catalog {
        goals,
        use_cases,
        events,
        types,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    Property,
    Items,
    NamedType,
}

impl Position {
    fn describe(self) -> &'static str {
        match self {
            Position::Property => "a property",
            Position::Items => "array items",
            Position::NamedType => "a named type",
        }
    }
}

struct Resolver<'a> {
    type_names: BTreeSet<String>,
    diags: &'a mut Diagnostics,
}

impl Resolver<'_> {
    fn error(&mut self, loc: &Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::at(loc, message));
        self.diags.0.last_mut().expect("just pushed")
    }

    fn named_types(&mut self, layer: &Layer) -> Vec<NamedType> {
        let mut out = Vec::new();
        for (name, node) in &layer.types {
            let Some(name_sp) = &node.name else {
                if let Some(loc) = node_loc(node) {
                    self.error(&loc, "a named type has no `name`");
                }
                continue;
            };
            if name.trim().is_empty() {
                self.error(&name_sp.loc, "a type name cannot be empty");
                continue;
            }
            if BUILTIN_TYPES.contains(&name.as_str()) {
                self.error(
                    &name_sp.loc,
                    format!("`{name}` is a built-in type and cannot be redefined"),
                )
                .hint = Some("choose another name, such as one in UpperCamelCase".into());
                continue;
            }
            if let Some(schema) = self.schema(node, Position::NamedType, 0) {
                out.push(NamedType {
                    name: name.clone(),
                    schema,
                });
            }
        }
        out
    }

    fn events(&mut self, layer: &Layer) -> Vec<Event> {
        if layer.events.len() > limits::MAX_EVENTS {
            // Pointed at the last event written, where the catalog outgrew the limit.
            let last = layer.events.values().map(|e| &e.name.loc).max_by(|a, b| {
                (&a.file.name, a.line, a.column).cmp(&(&b.file.name, b.line, b.column))
            });
            if let Some(loc) = last {
                self.error(
                    loc,
                    format!(
                        "the catalog has {} events, more than the limit of {}",
                        layer.events.len(),
                        limits::MAX_EVENTS
                    ),
                );
            }
            return Vec::new();
        }
        layer
            .events
            .values()
            .filter_map(|e| self.event(e))
            .collect()
    }

    fn event(&mut self, raw: &RawEvent) -> Option<Event> {
        if raw.name.value.trim().is_empty() {
            self.error(&raw.name.loc, "an event name cannot be empty");
            return None;
        }
        let properties = match &raw.properties {
            Some(props) => self.properties(props, &format!("event `{}`", raw.name.value), 0)?,
            None => Vec::new(),
        };
        Some(Event {
            name: raw.name.value.clone(),
            description: text(raw.description.as_ref()),
            spec: raw.spec.as_ref().map(|s| s.value.clone()),
            properties,
            from_plan: false,
        })
    }

    fn properties(
        &mut self,
        props: &Sp<Vec<RawNode>>,
        owner: &str,
        depth: usize,
    ) -> Option<Vec<Property>> {
        if props.value.len() > limits::MAX_PROPERTIES {
            self.error(
                &props.loc,
                format!(
                    "{owner} has {} properties; the limit is {}",
                    props.value.len(),
                    limits::MAX_PROPERTIES
                ),
            );
            return None;
        }
        let mut seen: BTreeMap<&str, &Loc> = BTreeMap::new();
        let mut out = Vec::new();
        let mut ok = true;
        for node in &props.value {
            let Some(name) = &node.name else {
                let loc = node_loc(node).unwrap_or_else(|| props.loc.clone());
                self.error(&loc, format!("a property of {owner} has no `name`"));
                ok = false;
                continue;
            };
            if let Some(first) = seen.insert(&name.value, &name.loc) {
                let first = first.clone();
                self.error(
                    &name.loc,
                    format!("property `{}` of {owner} is defined twice", name.value),
                )
                .notes
                .push((first, "first defined here".into()));
                ok = false;
                continue;
            }
            match self.property(node, name, depth) {
                Some(p) => out.push(p),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn property(&mut self, node: &RawNode, name: &Sp<String>, depth: usize) -> Option<Property> {
        let schema = self.schema(node, Position::Property, depth)?;
        let origin = match &node.origin {
            None => None,
            Some(o) => match o.value.as_str() {
                "use-cases" => Some(Origin::UseCases),
                "spec" => Some(Origin::Spec),
                other => {
                    let hint = suggest::did_you_mean(other, &ORIGINS)
                        .unwrap_or_else(|| "use `use-cases` or `spec`".to_owned());
                    self.error(&o.loc, format!("unknown origin `{other}`")).hint = Some(hint);
                    return None;
                }
            },
        };
        let required = node.required.as_ref().is_some_and(|r| r.value);
        let _ = name;
        Some(Property {
            name: name.value.clone(),
            required,
            required_reason: if required {
                node.required_reason
                    .as_ref()
                    .map(|r| r.value.trim().to_owned())
            } else {
                None
            },
            origin,
            schema,
        })
    }

    /// The type a node describes. `None` when it is invalid (the problems are reported).
    fn schema(&mut self, node: &RawNode, position: Position, depth: usize) -> Option<Schema> {
        let mut ok = self.position_keys(node, position);
        if depth > limits::MAX_SCHEMA_DEPTH {
            let loc = node_loc(node)?;
            self.error(
                &loc,
                format!(
                    "types are nested more than {} levels deep",
                    limits::MAX_SCHEMA_DEPTH
                ),
            )
            .hint = Some("declare the inner objects as named types under `types`".into());
            return None;
        }

        let mut nullable = node.nullable.as_ref().is_some_and(|n| n.value);
        let mut names: Vec<Sp<String>> = Vec::new();
        if let Some(ty) = &node.ty {
            let list = match &ty.value {
                TypeSpec::One(n) => vec![n.clone()],
                TypeSpec::Many(ns) => ns.clone(),
            };
            if list.is_empty() {
                self.error(&ty.loc, "`type` is an empty list");
                return None;
            }
            for n in list {
                if n == "null" {
                    nullable = true;
                } else if names.iter().any(|m| m.value == n) {
                    self.error(&ty.loc, format!("type `{n}` is listed twice"));
                    ok = false;
                } else if !BUILTIN_TYPES.contains(&n.as_str()) && !self.type_names.contains(&n) {
                    let candidates: Vec<&str> = BUILTIN_TYPES
                        .iter()
                        .copied()
                        .chain(self.type_names.iter().map(String::as_str))
                        .collect();
                    let hint = suggest::did_you_mean(&n, &candidates).unwrap_or_else(|| {
                        "use a built-in type (string, number, integer, boolean, array, object, any) or a type defined under `types`".to_owned()
                    });
                    self.error(&ty.loc, format!("unknown type `{n}`")).hint = Some(hint);
                    ok = false;
                } else {
                    names.push(Sp::new(n, ty.loc.clone()));
                }
            }
        }

        let literals = match &node.enum_values {
            Some(values) => Some(self.literals(values, &mut nullable)?),
            None => None,
        };
        if !ok {
            return None;
        }

        let kind = match names.len() {
            0 if node.ty.is_some() => {
                // `type: null` alone: a value that can only be null is best typed as any.
                nullable = false;
                Kind::Any
            }
            0 => {
                let inferred = if literals.is_some() {
                    None
                } else if node.items.is_some() {
                    Some("array")
                } else if node.properties.is_some() {
                    Some("object")
                } else {
                    let loc = node_loc(node)?;
                    self.error(&loc, format!("{} has no `type`", position.describe())).hint = Some(
                        "add `type:` with string, number, integer, boolean, array, object, any, or a named type"
                            .into(),
                    );
                    return None;
                };
                match inferred {
                    Some(word) => self.kind(word, node, None, depth)?,
                    None => Kind::Enum(literals.clone().unwrap_or_default()),
                }
            }
            1 => self.kind(
                &names[0].value,
                node,
                literals.as_deref().map(|l| (l, node.enum_values.as_ref())),
                depth,
            )?,
            _ => {
                if let Some(values) = &node.enum_values {
                    self.error(&values.loc, "`enum` cannot be combined with several types");
                    return None;
                }
                let mut members = Vec::new();
                for n in &names {
                    members.push(Schema::new(self.kind(&n.value, node, None, depth)?));
                }
                Kind::Union(members)
            }
        };
        if !self.applicable_keys(node, &kind) {
            return None;
        }
        if matches!(kind, Kind::Any) {
            nullable = false;
        }
        Some(Schema {
            kind,
            nullable,
            description: text(node.description.as_ref()),
        })
    }

    /// Keys that belong to properties only, and `name`, which items must not have.
    fn position_keys(&mut self, node: &RawNode, position: Position) -> bool {
        let mut ok = true;
        if position != Position::Property {
            let keys: [(&str, Option<&Loc>); 3] = [
                ("required", node.required.as_ref().map(|s| &s.loc)),
                (
                    "required_reason",
                    node.required_reason.as_ref().map(|s| &s.loc),
                ),
                ("origin", node.origin.as_ref().map(|s| &s.loc)),
            ];
            for (key, loc) in keys {
                if let Some(loc) = loc {
                    self.error(
                        loc,
                        format!(
                            "`{key}` applies to properties, not to {}",
                            position.describe()
                        ),
                    );
                    ok = false;
                }
            }
        }
        if position != Position::NamedType
            && let Some(r) = &node.replace
        {
            self.error(
                &r.loc,
                format!(
                    "`replace` applies to events and named types, not to {}",
                    position.describe()
                ),
            );
            ok = false;
        }
        if position == Position::Items
            && let Some(name) = &node.name
        {
            self.error(&name.loc, "array items have no `name`").hint =
                Some("to reuse a type, define it under `types` and write `items: TypeName`".into());
            ok = false;
        }
        ok
    }

    fn kind(
        &mut self,
        word: &str,
        node: &RawNode,
        literals: Option<(&[Literal], Option<&EnumValues>)>,
        depth: usize,
    ) -> Option<Kind> {
        if let Some((values, sp)) = literals {
            let loc = sp.map(|s| s.loc.clone()).or_else(|| node_loc(node))?;
            let fits = |l: &Literal| match (word, l) {
                ("string", Literal::String(_))
                | ("boolean", Literal::Bool(_))
                | ("number", Literal::Number(_)) => true,
                ("integer", Literal::Number(n)) => n.is_integer(),
                _ => false,
            };
            if !matches!(word, "string" | "number" | "integer" | "boolean") {
                self.error(&loc, format!("`enum` does not apply to type `{word}`"))
                    .hint = Some("enums are lists of strings, numbers or booleans".into());
                return None;
            }
            if let Some(bad) = values.iter().find(|l| !fits(l)) {
                let item_loc = sp
                    .and_then(|s| {
                        s.value
                            .iter()
                            .find(|v| literal(&v.value).as_ref() == Some(bad))
                    })
                    .map_or(loc.clone(), |v| v.loc.clone());
                self.error(
                    &item_loc,
                    format!("enum value `{}` is not of type `{word}`", bad.label()),
                );
                return None;
            }
            return Some(Kind::Enum(values.to_vec()));
        }
        Some(match word {
            "string" => Kind::String(self.string_rules(node)?),
            "number" => Kind::Number(self.number_rules(node)?),
            "integer" => Kind::Integer(self.number_rules(node)?),
            "boolean" => Kind::Boolean,
            "any" => Kind::Any,
            "array" => Kind::Array(Box::new(self.items(node, depth)?)),
            "object" => match &node.properties {
                Some(props) if !props.value.is_empty() => {
                    let owner = node
                        .name
                        .as_ref()
                        .map_or_else(|| "an object".to_owned(), |n| format!("`{}`", n.value));
                    Kind::Object(self.properties(props, &owner, depth + 1)?)
                }
                _ => Kind::Map,
            },
            named => Kind::Ref(named.to_owned()),
        })
    }

    fn items(&mut self, node: &RawNode, depth: usize) -> Option<Schema> {
        match &node.items {
            None => Some(Schema::new(Kind::Any)),
            Some(Sp {
                value: Items::Node(inner),
                ..
            }) => self.schema(inner, Position::Items, depth + 1),
            Some(Sp {
                value: Items::Name(name),
                loc,
            }) => {
                let synthetic = RawNode {
                    ty: Some(Sp::new(TypeSpec::One(name.clone()), loc.clone())),
                    ..RawNode::default()
                };
                self.schema(&synthetic, Position::Items, depth + 1)
            }
        }
    }

    fn string_rules(&mut self, node: &RawNode) -> Option<StringRules> {
        if let Some(format) = &node.format
            && !FORMATS.contains(&format.value.as_str())
        {
            let hint = suggest::did_you_mean(&format.value, &FORMATS)
                .unwrap_or_else(|| format!("known formats: {}", FORMATS.join(", ")));
            self.error(&format.loc, format!("unknown format `{}`", format.value))
                .hint = Some(hint);
            return None;
        }
        if let (Some(min), Some(max)) = (&node.min_length, &node.max_length)
            && min.value > max.value
        {
            self.error(
                &min.loc,
                format!(
                    "`min_length` {} is greater than `max_length` {}",
                    min.value, max.value
                ),
            );
            return None;
        }
        Some(StringRules {
            format: node.format.as_ref().map(|f| f.value.clone()),
            pattern: node.pattern.as_ref().map(|p| p.value.clone()),
            min_length: node.min_length.as_ref().map(|m| m.value),
            max_length: node.max_length.as_ref().map(|m| m.value),
        })
    }

    fn number_rules(&mut self, node: &RawNode) -> Option<NumberRules> {
        let mut number =
            |key: &str, v: &Option<Sp<Value>>| -> Result<Option<serde_json::Number>, ()> {
                match v {
                    None => Ok(None),
                    Some(Sp {
                        value: Value::Number(n),
                        ..
                    }) => Ok(Some(n.clone())),
                    Some(sp) => {
                        self.error(&sp.loc, format!("`{key}` must be a number"));
                        Err(())
                    }
                }
            };
        let minimum = number("minimum", &node.minimum).ok()?;
        let maximum = number("maximum", &node.maximum).ok()?;
        if let (Some(min), Some(max)) = (&minimum, &maximum)
            && min.as_f64() > max.as_f64()
        {
            let loc = node.minimum.as_ref().map(|m| m.loc.clone())?;
            self.error(
                &loc,
                format!("`minimum` {min} is greater than `maximum` {max}"),
            );
            return None;
        }
        Some(NumberRules { minimum, maximum })
    }

    /// Keys that only make sense for some kinds: a `format` on an integer is a mistake.
    fn applicable_keys(&mut self, node: &RawNode, kind: &Kind) -> bool {
        let kinds: Vec<&Kind> = match kind {
            Kind::Union(members) => members.iter().map(|m| &m.kind).collect(),
            other => vec![other],
        };
        let any = |f: &dyn Fn(&Kind) -> bool| kinds.iter().any(|k| f(k));
        // Constraints of an enum's base type may stay beside it (a user catalog adding an enum
        // to a string with a pattern); the enum is the stricter rule.
        let enum_of =
            |k: &Kind, f: fn(&Literal) -> bool| matches!(k, Kind::Enum(v) if v.iter().all(f));
        let string = any(&|k| {
            matches!(k, Kind::String(_)) || enum_of(k, |l| matches!(l, Literal::String(_)))
        });
        let numeric = any(&|k| {
            matches!(k, Kind::Number(_) | Kind::Integer(_))
                || enum_of(k, |l| matches!(l, Literal::Number(_)))
        });
        let array = any(&|k| matches!(k, Kind::Array(_)));
        let object = any(&|k| matches!(k, Kind::Object(_) | Kind::Map));
        let checks: [(&str, Option<&Loc>, bool, &str); 8] = [
            (
                "format",
                node.format.as_ref().map(|s| &s.loc),
                string,
                "strings",
            ),
            (
                "pattern",
                node.pattern.as_ref().map(|s| &s.loc),
                string,
                "strings",
            ),
            (
                "min_length",
                node.min_length.as_ref().map(|s| &s.loc),
                string,
                "strings",
            ),
            (
                "max_length",
                node.max_length.as_ref().map(|s| &s.loc),
                string,
                "strings",
            ),
            (
                "minimum",
                node.minimum.as_ref().map(|s| &s.loc),
                numeric,
                "numbers and integers",
            ),
            (
                "maximum",
                node.maximum.as_ref().map(|s| &s.loc),
                numeric,
                "numbers and integers",
            ),
            (
                "items",
                node.items.as_ref().map(|s| &s.loc),
                array,
                "arrays",
            ),
            (
                "properties",
                node.properties.as_ref().map(|s| &s.loc),
                object,
                "objects",
            ),
        ];
        let mut ok = true;
        for (key, loc, applies, to) in checks {
            if let (Some(loc), false) = (loc, applies) {
                let word = match kind {
                    Kind::Ref(name) => format!("named type `{name}`"),
                    Kind::Enum(_) => "an enum".to_owned(),
                    other => format!("type `{}`", Schema::new(other.clone()).type_word()),
                };
                self.error(loc, format!("`{key}` applies to {to}, not to {word}"));
                ok = false;
            }
        }
        ok
    }

    fn literals(&mut self, values: &EnumValues, nullable: &mut bool) -> Option<Vec<Literal>> {
        if values.value.is_empty() {
            self.error(&values.loc, "`enum` has no values");
            return None;
        }
        let mut out: Vec<Literal> = Vec::new();
        for v in &values.value {
            if v.value.is_null() {
                *nullable = true;
                continue;
            }
            let Some(lit) = literal(&v.value) else {
                self.error(
                    &v.loc,
                    "enum values must be strings, numbers, booleans or null",
                );
                return None;
            };
            if out.contains(&lit) {
                self.error(
                    &v.loc,
                    format!("enum value `{}` is listed twice", lit.label()),
                );
                return None;
            }
            out.push(lit);
        }
        if out.is_empty() {
            self.error(&values.loc, "`enum` has no value other than null");
            return None;
        }
        Some(out)
    }

    fn use_cases(
        &mut self,
        raws: &[RawUseCase],
        events: &BTreeMap<String, RawEvent>,
    ) -> Vec<UseCase> {
        let mut out = Vec::new();
        for raw in raws {
            let slug = slug(&raw.name.value);
            if slug.is_empty() {
                self.error(
                    &raw.name.loc,
                    "a use case needs a name with letters or digits",
                );
                continue;
            }
            let mut names: Vec<String> = Vec::new();
            for event in raw
                .events
                .as_ref()
                .map(|e| e.value.as_slice())
                .unwrap_or_default()
            {
                if !events.contains_key(&event.value) {
                    let hint = suggest::did_you_mean(&event.value, events.keys());
                    self.error(
                        &event.loc,
                        format!(
                            "unknown event `{}` in use case `{}`",
                            event.value, raw.name.value
                        ),
                    )
                    .hint = hint.or_else(|| Some("define the event under `events`".into()));
                } else if names.contains(&event.value) {
                    self.error(
                        &event.loc,
                        format!("event `{}` is listed twice", event.value),
                    );
                } else {
                    names.push(event.value.clone());
                }
            }
            out.push(UseCase {
                slug,
                name: raw.name.value.clone(),
                summary: text(raw.summary.as_ref()),
                events: names,
            });
        }
        out
    }

    fn goals(&mut self, raws: &[RawGoal], use_cases: &[UseCase]) -> Vec<Goal> {
        let slugs: Vec<&str> = use_cases.iter().map(|u| u.slug.as_str()).collect();
        let mut out = Vec::new();
        for raw in raws {
            let goal_slug = slug(&raw.name.value);
            if goal_slug.is_empty() {
                self.error(&raw.name.loc, "a goal needs a name with letters or digits");
                continue;
            }
            let mut pairs: Vec<Recommendation> = Vec::new();
            for pair in raw
                .use_cases
                .as_ref()
                .map(|p| p.value.as_slice())
                .unwrap_or_default()
            {
                let use_case = slug(&pair.use_case.value);
                if !slugs.contains(&use_case.as_str()) {
                    let hint = suggest::did_you_mean(&use_case, &slugs);
                    self.error(
                        &pair.use_case.loc,
                        format!(
                            "unknown use case `{}` in goal `{}`",
                            pair.use_case.value, raw.name.value
                        ),
                    )
                    .hint = hint.or_else(|| Some("define the use case under `use_cases`".into()));
                    continue;
                }
                let list = |l: &Option<Sp<Vec<Sp<String>>>>| {
                    let mut v: Vec<String> = Vec::new();
                    for s in l.as_ref().map(|l| l.value.as_slice()).unwrap_or_default() {
                        // Tables in the Use Cases Reference repeat cells; one mention is enough.
                        if !v.contains(&s.value) {
                            v.push(s.value.clone());
                        }
                    }
                    v
                };
                pairs.push(Recommendation {
                    use_case,
                    sources: list(&pair.sources),
                    destinations: list(&pair.destinations),
                });
            }
            out.push(Goal {
                slug: goal_slug,
                name: raw.name.value.clone(),
                summary: text(raw.summary.as_ref()),
                use_cases: pairs,
            });
        }
        out
    }

    /// Named types that contain themselves, directly or through others, have no finite
    /// value in most of our target languages' value types: report each cycle once.
    fn cycles(&mut self, layer: &Layer, types: &[NamedType]) {
        let graph: BTreeMap<&str, Vec<String>> = types
            .iter()
            .map(|t| {
                let mut refs = Vec::new();
                t.schema.refs(&mut refs);
                (t.name.as_str(), refs)
            })
            .collect();
        let mut reported: BTreeSet<String> = BTreeSet::new();
        for start in graph.keys() {
            let mut path = vec![start.to_string()];
            if let Some(cycle) = find_cycle(&graph, &mut path, &mut BTreeSet::new()) {
                let members: BTreeSet<String> = cycle.iter().cloned().collect();
                if members.iter().any(|m| reported.contains(m)) {
                    continue;
                }
                if cycle.first().map(String::as_str) != Some(*start) {
                    continue;
                }
                reported.extend(members);
                let loc = layer
                    .types
                    .get(*start)
                    .and_then(|t| t.name.as_ref())
                    .map(|n| n.loc.clone());
                if let Some(loc) = loc {
                    let mut text = cycle.join(" → ");
                    text.push_str(&format!(" → {start}"));
                    self.error(&loc, format!("named types refer to themselves in a cycle: {text}"))
                        .hint = Some("a named type cannot contain itself; break the cycle with a free-form `object`".into());
                }
            }
        }
    }
}

fn find_cycle(
    graph: &BTreeMap<&str, Vec<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    let current = path.last()?.clone();
    for next in graph
        .get(current.as_str())
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if let Some(pos) = path.iter().position(|p| p == next) {
            return Some(path[pos..].to_vec());
        }
        if done.contains(next) {
            continue;
        }
        path.push(next.clone());
        if let Some(c) = find_cycle(graph, path, done) {
            return Some(c);
        }
        path.pop();
        done.insert(next.clone());
    }
    None
}

fn literal(v: &Value) -> Option<Literal> {
    match v {
        Value::String(s) => Some(Literal::String(s.clone())),
        Value::Number(n) => Some(Literal::Number(LiteralNumber::from_number(n))),
        Value::Bool(b) => Some(Literal::Bool(*b)),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn text(s: Option<&Sp<String>>) -> String {
    s.map(|s| s.value.trim().to_owned()).unwrap_or_default()
}

/// Some place inside a node, for problems with the node as a whole.
fn node_loc(node: &RawNode) -> Option<Loc> {
    node.name
        .as_ref()
        .map(|s| s.loc.clone())
        .or_else(|| node.ty.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.description.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.items.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.properties.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.enum_values.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.required.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.nullable.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.format.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.pattern.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.minimum.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.maximum.as_ref().map(|s| s.loc.clone()))
        .or_else(|| node.origin.as_ref().map(|s| s.loc.clone()))
}
