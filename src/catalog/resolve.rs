//! From merged raw definitions to the typed catalog, checking everything a generator relies on:
//! references resolve, names are unique, named types form no cycle, enum values fit their type,
//! and every key applies where it stands. Every problem is reported, each with its place.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::limits;
use crate::model::{
    Call, CallFields, Catalog, Event, Goal, Kind, Literal, Meta, NamedType, Property,
    Recommendation, Schema, Traits, TraitsCall, UseCase, slug,
};
use crate::plan::import::RULE_ARRAYS;
use crate::suggest;
use crate::yaml::Sp;

use super::layer::Layer;
use super::raw::{RawEvent, RawGoal, RawNode, RawTraits, RawUseCase};
use super::typing::Position;

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

pub const ORIGINS: [&str; 3] = ["use-cases", "spec", "common"];

/// The calls an event can be sent with.
pub const CALLS: [&str; 3] = ["track", "page", "screen"];

/// Resolves the layer into the model. The layer is consumed: each raw event is dropped as soon
/// as it is resolved, so a large plan is not held twice, raw and resolved.
pub fn resolve(mut layer: Layer, diags: &mut Diagnostics) -> Catalog {
    let type_names = layer
        .types
        .keys()
        .filter(|k| !k.is_empty())
        .cloned()
        .collect();
    let mut r = Resolver {
        type_names: &type_names,
        diags,
        pointed: Vec::new(),
    };
    let types = r.named_types(&layer);
    let event_names: BTreeSet<String> = layer.events.keys().cloned().collect();
    let events = r.events(std::mem::take(&mut layer.events));
    let identify = layer
        .identify
        .as_ref()
        .and_then(|t| r.traits(t, TraitsCall::Identify));
    let group = layer
        .group
        .as_ref()
        .and_then(|t| r.traits(t, TraitsCall::Group));
    let use_cases = r.use_cases(&layer.use_cases, &event_names);
    let goals = r.goals(&layer.goals, &use_cases);
    r.cycles(&layer, &types);
    r.point_into_plans();
    Catalog {
        goals,
        use_cases,
        events,
        types,
        identify,
        group,
    }
}

pub(super) struct Resolver<'a> {
    pub(super) type_names: &'a BTreeSet<String>,
    pub(super) diags: &'a mut Diagnostics,
    /// Warnings in plans, by index in `diags`, to be given the JSON pointer of their schema.
    pointed: Vec<(usize, Loc)>,
}

impl Resolver<'_> {
    pub(super) fn error(&mut self, loc: &Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::at(loc, message));
        self.diags.0.last_mut().expect("just pushed")
    }

    /// A warning at `loc`; in a plan, its message names the JSON pointer of the schema (for
    /// the warnings shown, found at the end in one reading of each plan).
    pub(super) fn warn(&mut self, warning: Diagnostic) {
        if let Some(loc) = warning.loc()
            && loc.file.name.ends_with(".json")
            && self.pointed.len() < limits::MAX_ERRORS_SHOWN
        {
            self.pointed.push((self.diags.0.len(), loc.clone()));
        }
        self.diags.push(warning);
    }

    /// Adds to each warning in a plan the JSON pointer of its schema.
    fn point_into_plans(&mut self) {
        let mut by_file: BTreeMap<&str, Vec<&(usize, Loc)>> = BTreeMap::new();
        for pointed in &self.pointed {
            by_file
                .entry(&pointed.1.file.name)
                .or_default()
                .push(pointed);
        }
        for warnings in by_file.values() {
            let places: Vec<(u32, u32)> =
                warnings.iter().map(|(_, l)| (l.line, l.column)).collect();
            let pointers =
                crate::plan::json::schema_pointers_at(&warnings[0].1.file, &RULE_ARRAYS, &places);
            for ((index, _), pointer) in warnings.iter().zip(pointers) {
                if let (Some(pointer), Some(warning)) = (pointer, self.diags.0.get_mut(*index)) {
                    warning.message = format!("{} (at {pointer})", warning.message);
                }
            }
        }
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

    fn events(&mut self, events: BTreeMap<String, Box<RawEvent>>) -> Vec<Event> {
        let own = events
            .values()
            .filter(|e| {
                !e.name
                    .loc
                    .file
                    .name
                    .starts_with(super::embedded::NAME_PREFIX)
            })
            .count();
        if own > limits::MAX_EVENTS {
            // Pointed at the last event written, where the catalog outgrew the limit.
            let last = events.values().map(|e| &e.name.loc).max_by(|a, b| {
                (&a.file.name, a.line, a.column).cmp(&(&b.file.name, b.line, b.column))
            });
            if let Some(loc) = last {
                self.error(
                    loc,
                    format!(
                        "the catalog has {own} events, more than the limit of {}",
                        limits::MAX_EVENTS
                    ),
                );
            }
            return Vec::new();
        }
        // Events resolve independently, so they share the cores, each with diagnostics of its
        // own, gathered after in event order: the report is the one a single thread would
        // make. Each raw event is dropped where it was resolved, which costs as much again.
        let type_names = self.type_names;
        let results = crate::parallel::map_into(events.into_values().collect(), |raw| {
            let mut diags = Diagnostics::default();
            let mut r = Resolver {
                type_names,
                diags: &mut diags,
                pointed: Vec::new(),
            };
            let event = r.event(&raw);
            let pointed = r.pointed;
            (event, diags, pointed)
        });
        let mut resolved = Vec::with_capacity(results.len());
        for (event, diags, pointed) in results {
            let offset = self.diags.len();
            let room = limits::MAX_ERRORS_SHOWN.saturating_sub(self.pointed.len());
            self.pointed.extend(
                pointed
                    .into_iter()
                    .take(room)
                    .map(|(index, loc)| (offset + index, loc)),
            );
            self.diags.extend(diags);
            resolved.extend(event);
        }
        resolved
    }

    fn event(&mut self, raw: &RawEvent) -> Option<Event> {
        if raw.name.value.trim().is_empty() {
            self.error(&raw.name.loc, "an event name cannot be empty");
            return None;
        }
        let owner = format!("event `{}`", raw.name.value);
        let properties = match &raw.properties {
            Some(props) => self.properties(props, &owner, 0),
            None => Some(Vec::new()),
        };
        let rules = properties
            .as_ref()
            .and_then(|p| self.object_rules(&raw.object_keys(), p, 0));
        let call = self.call(raw, properties.as_deref().unwrap_or_default());
        let (properties, rules, call) = (properties?, rules?, call?);
        let meta = Meta {
            title: raw.title.as_ref().map(|t| t.value.trim().to_owned()),
            deprecated: raw.deprecated.as_ref().is_some_and(|d| d.value),
            ..Meta::default()
        };
        Some(Event {
            name: raw.name.value.clone(),
            description: text(raw.description.as_ref()),
            spec: raw.spec.as_ref().map(|s| s.value.clone()),
            call,
            properties,
            rules,
            meta: (!meta.is_empty()).then(|| Box::new(meta)),
            labels: raw
                .labels
                .as_ref()
                .map(|l| {
                    l.value
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            from_plan: false,
        })
    }

    /// The event's call, and which of its properties are the call's name and category.
    fn call(&mut self, raw: &RawEvent, properties: &[Property]) -> Option<Call> {
        let word = raw.call.as_ref().map_or("track", |c| c.value.as_str());
        let fields_given = [
            ("call_name", raw.call_name.as_ref()),
            ("call_category", raw.call_category.as_ref()),
        ];
        if word == "track" {
            let mut ok = true;
            for (key, sp) in fields_given {
                if let Some(sp) = sp {
                    self.error(
                        &sp.loc,
                        format!("`{key}` applies to page and screen events, not to track events"),
                    )
                    .hint = Some("add `call: page` or `call: screen` to the event".into());
                    ok = false;
                }
            }
            return ok.then_some(Call::Track);
        }
        if !CALLS.contains(&word) {
            if let Some(c) = &raw.call {
                let hint = suggest::did_you_mean(word, &CALLS)
                    .unwrap_or_else(|| "use track, page or screen".into());
                self.error(&c.loc, format!("unknown call `{word}`")).hint = Some(hint);
            }
            return None;
        }
        let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
        let mut ok = true;
        let mut field = |key: &str, sp: Option<&Sp<String>>| -> Option<String> {
            let sp = sp?;
            match properties.iter().find(|p| p.name == sp.value) {
                None => {
                    self.error(
                        &sp.loc,
                        format!(
                            "`{key}` names `{}`, which is not a property of the event",
                            sp.value
                        ),
                    )
                    .hint = suggest::did_you_mean(&sp.value, &names);
                    ok = false;
                    None
                }
                Some(p) if !is_text(&p.schema) => {
                    self.error(
                        &sp.loc,
                        format!("`{key}` names `{}`, which is not a string", sp.value),
                    )
                    .hint = Some("a call's name and category are strings".into());
                    ok = false;
                    None
                }
                Some(_) => Some(sp.value.clone()),
            }
        };
        let fields = CallFields {
            name: field("call_name", raw.call_name.as_ref()),
            category: field("call_category", raw.call_category.as_ref()),
        };
        if fields.name.is_some() && fields.name == fields.category {
            if let Some(sp) = &raw.call_category {
                self.error(
                    &sp.loc,
                    "the call's name and category are the same property",
                );
            }
            ok = false;
        }
        let call = match word {
            "page" => Call::Page(fields),
            _ => Call::Screen(fields),
        };
        ok.then_some(call)
    }

    fn traits(&mut self, raw: &Sp<RawTraits>, call: TraitsCall) -> Option<Traits> {
        let owner = format!("the {} traits", call.as_str());
        let properties = match &raw.value.traits {
            Some(props) => self.properties(props, &owner, 0)?,
            None => Vec::new(),
        };
        let rules = self.object_rules(&raw.value.object_keys(), &properties, 0)?;
        Some(Traits {
            description: text(raw.value.description.as_ref()),
            properties,
            rules,
        })
    }

    fn use_cases(&mut self, raws: &[RawUseCase], events: &BTreeSet<String>) -> Vec<UseCase> {
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
            let mut listed: BTreeSet<&str> = BTreeSet::new();
            for event in raw
                .events
                .as_ref()
                .map(|e| e.value.as_slice())
                .unwrap_or_default()
            {
                crate::work::step(1);
                if !events.contains(&event.value) {
                    let hint = suggest::did_you_mean(&event.value, events);
                    self.error(
                        &event.loc,
                        format!(
                            "unknown event `{}` in use case `{}`",
                            event.value, raw.name.value
                        ),
                    )
                    .hint = hint.or_else(|| Some("define the event under `events`".into()));
                } else if !listed.insert(&event.value) {
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
        // A type once explored without meeting a cycle has none below it, whichever type the
        // search started from: each type is explored once, not once per starting type.
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for start in graph.keys() {
            let mut path = Path::default();
            path.push(start);
            if let Some(cycle) = find_cycle(&graph, &mut path, &mut done) {
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

/// The types being explored, in order, and as a set to find one in at once.
#[derive(Default)]
struct Path<'g> {
    order: Vec<&'g str>,
    members: std::collections::HashMap<&'g str, usize>,
}

impl<'g> Path<'g> {
    fn push(&mut self, name: &'g str) {
        self.members.insert(name, self.order.len());
        self.order.push(name);
    }

    fn pop(&mut self) {
        if let Some(name) = self.order.pop() {
            self.members.remove(name);
        }
    }
}

/// A cycle through the last type of `path`, if one is reachable without passing through a
/// type in `done`.
fn find_cycle<'g>(
    graph: &'g BTreeMap<&str, Vec<String>>,
    path: &mut Path<'g>,
    done: &mut BTreeSet<&'g str>,
) -> Option<Vec<String>> {
    let current = *path.order.last()?;
    for next in graph.get(current).map(Vec::as_slice).unwrap_or_default() {
        crate::work::step(1);
        if let Some(&pos) = path.members.get(next.as_str()) {
            return Some(path.order[pos..].iter().map(|s| (*s).to_owned()).collect());
        }
        if done.contains(next.as_str()) {
            continue;
        }
        path.push(next);
        if let Some(c) = find_cycle(graph, path, done) {
            return Some(c);
        }
        path.pop();
        done.insert(next);
    }
    None
}

pub(super) fn text(s: Option<&Sp<String>>) -> String {
    s.map(|s| s.value.trim().to_owned()).unwrap_or_default()
}

/// Whether values of a schema are strings (a string, or an enum of strings).
fn is_text(schema: &Schema) -> bool {
    match &schema.kind {
        Kind::String(_) => true,
        Kind::Enum(values) => values.iter().all(|v| matches!(v, Literal::String(_))),
        _ => false,
    }
}

/// Some place inside a node, for problems with the node as a whole.
pub(super) fn node_loc(node: &RawNode) -> Option<Loc> {
    let sp = |s: Option<&Loc>| s.cloned();
    sp(node.name.as_ref().map(|s| &s.loc))
        .or_else(|| sp(node.ty.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.title.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.description.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.items.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.properties.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.one_of.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.any_of.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.enum_values.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.const_value.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.required.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.nullable.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.format.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.pattern.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.minimum.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.maximum.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.origin.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.additional_properties.as_ref().map(|s| &s.loc)))
        .or_else(|| sp(node.deprecated.as_ref().map(|s| &s.loc)))
}
