//! Collecting definitions from catalog files and merging them.
//!
//! The rules, as docs/catalog.md documents them:
//! - within one file, a name may be defined once;
//! - the embedded catalog's files must not define the same name twice;
//! - user files extend the embedded catalog: a definition with an existing name changes only
//!   the keys it gives (properties and a goal's use cases merge by name, lists of events,
//!   sources and destinations are replaced, and a property whose `type` changes gets a fresh
//!   type);
//! - two user files may define the same thing only if they agree on every key both give.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::model::slug;
use crate::yaml::Sp;

use super::raw::{
    Items, RawDocument, RawEvent, RawGoal, RawNode, RawPair, RawTraits, RawUseCase, Slot,
};

/// All definitions of one layer (the embedded catalog, plans, or user files), by name.
#[derive(Debug, Default)]
pub struct Layer {
    /// Goals and use cases keep the order in which they were first defined.
    pub goals: Vec<RawGoal>,
    pub use_cases: Vec<RawUseCase>,
    pub events: BTreeMap<String, Box<RawEvent>>,
    pub types: BTreeMap<String, RawNode>,
    pub identify: Option<Sp<RawTraits>>,
    pub group: Option<Sp<RawTraits>>,
}

/// How a definition meets an existing one with the same name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Meeting {
    /// A duplicate: an error.
    Forbidden,
    /// Both must agree on every key both give (user files among themselves).
    Agree,
    /// The newcomer's keys win (user files over the embedded catalog).
    Override,
    /// The newcomer replaces the whole definition (a plan's event over the catalog's).
    Replace,
    /// Both must be the same definition (two plans defining one event).
    Identical,
}

impl Layer {
    /// Collects the definitions of several files, which meet as `across_files` says.
    pub fn collect(docs: Vec<RawDocument>, across_files: Meeting, diags: &mut Diagnostics) -> Self {
        let mut layer = Layer::default();
        for doc in docs {
            let single = Layer::collect_one(doc, diags);
            layer.absorb(single, across_files, diags);
        }
        layer
    }

    fn collect_one(doc: RawDocument, diags: &mut Diagnostics) -> Self {
        let mut layer = Layer {
            identify: doc.identify,
            group: doc.group,
            ..Layer::default()
        };
        for goal in doc.goals.map(|g| g.value).unwrap_or_default() {
            if let Some(first) = layer.goals.iter().find(|g| same_slug(&g.name, &goal.name)) {
                diags.push(duplicate("goal", &goal.name, &first.name.loc));
            } else {
                layer.goals.push(goal);
            }
        }
        for use_case in doc.use_cases.map(|u| u.value).unwrap_or_default() {
            if let Some(first) = layer
                .use_cases
                .iter()
                .find(|u| same_slug(&u.name, &use_case.name))
            {
                diags.push(duplicate("use case", &use_case.name, &first.name.loc));
            } else {
                layer.use_cases.push(use_case);
            }
        }
        for event in doc.events.map(|e| e.value).unwrap_or_default() {
            match layer.events.get(&event.name.value) {
                Some(first) => diags.push(duplicate("event", &event.name, &first.name.loc)),
                None => {
                    layer.events.insert(event.name.value.clone(), event);
                }
            }
        }
        for ty in doc.types.map(|t| t.value).unwrap_or_default() {
            let Some(name) = ty.name.clone() else {
                // Reported by validation, which knows the node lacks a name.
                layer.types.insert(String::new(), ty);
                continue;
            };
            match layer.types.get(&name.value) {
                Some(first) => diags.push(duplicate(
                    "type",
                    &name,
                    first.name.as_ref().map_or(&name.loc, |n| &n.loc),
                )),
                None => {
                    layer.types.insert(name.value, ty);
                }
            }
        }
        layer
    }

    /// Merges another layer into this one.
    pub fn absorb(&mut self, other: Layer, meeting: Meeting, diags: &mut Diagnostics) {
        let mut m = Merger { meeting, diags };
        for goal in other.goals {
            match self
                .goals
                .iter_mut()
                .find(|g| same_slug(&g.name, &goal.name))
            {
                Some(base) => m.goal(base, goal),
                None => self.goals.push(goal),
            }
        }
        for use_case in other.use_cases {
            match self
                .use_cases
                .iter_mut()
                .find(|u| same_slug(&u.name, &use_case.name))
            {
                Some(base) => m.use_case(base, use_case),
                None => self.use_cases.push(use_case),
            }
        }
        for (name, event) in other.events {
            match self.events.get_mut(&name) {
                Some(base) if replaces(meeting, event.replace.as_ref()) => *base = event,
                Some(base) if meeting == Meeting::Identical => {
                    m.identical("event", &base.name, &event.name, *base == event)
                }
                Some(base) => m.event(base, *event),
                None => {
                    self.events.insert(name, event);
                }
            }
        }
        for (which, base, over) in [
            ("identify", &mut self.identify, other.identify),
            ("group", &mut self.group, other.group),
        ] {
            match (base.as_mut(), over) {
                (_, None) => {}
                (None, Some(over)) => *base = Some(over),
                (Some(existing), Some(over)) => m.traits(which, existing, over),
            }
        }
        for (name, ty) in other.types {
            match self.types.get_mut(&name) {
                Some(base) if replaces(meeting, ty.replace.as_deref()) => *base = ty,
                Some(base) if meeting == Meeting::Identical => {
                    if let (Some(first), Some(second)) = (base.name.clone(), ty.name.clone()) {
                        m.identical("type", &first, &second, *base == ty);
                    }
                }
                Some(base) if !name.is_empty() => {
                    let what = format!("type `{name}`");
                    m.node(base, ty, &what);
                }
                _ => {
                    self.types.insert(name, ty);
                }
            }
        }
    }
}

/// Whether a newcomer takes the place of an existing definition whole: always for a plan
/// over the catalog, and where a user file says `replace: true`.
fn replaces(meeting: Meeting, replace: Option<&Sp<bool>>) -> bool {
    meeting == Meeting::Replace
        || (meeting == Meeting::Override && replace.is_some_and(|r| r.value))
}

fn same_slug(a: &Sp<String>, b: &Sp<String>) -> bool {
    slug(&a.value) == slug(&b.value)
}

fn duplicate(kind: &str, name: &Sp<String>, first: &Loc) -> Diagnostic {
    Diagnostic::at(
        &name.loc,
        format!("{kind} `{}` is defined twice", name.value),
    )
    .with_note(first, "first defined here")
    .with_hint(format!("merge the two definitions, or rename one {kind}"))
}

struct Merger<'a> {
    meeting: Meeting,
    diags: &'a mut Diagnostics,
}

impl Merger<'_> {
    /// Handles one key given by the newcomer, whether either holds it inline or out of line.
    fn key<T: PartialEq>(&mut self, base: &mut impl Slot<T>, over: impl Slot<T>, what: &str) {
        let Some(over) = over.into_sp() else { return };
        match (self.meeting, base.sp()) {
            (Meeting::Agree | Meeting::Forbidden, Some(existing))
                if existing.value != over.value =>
            {
                self.diags.push(
                    Diagnostic::at(&over.loc, format!("conflicting definitions of {what}"))
                        .with_note(&existing.loc, "the other definition is here")
                        .with_hint("two user catalogs may extend the same definition only where they agree"),
                );
            }
            (Meeting::Agree | Meeting::Forbidden, Some(_)) => {}
            _ => base.put(over),
        }
    }

    fn identical(&mut self, kind: &str, first: &Sp<String>, second: &Sp<String>, same: bool) {
        if !same {
            self.diags.push(
                Diagnostic::at(
                    &second.loc,
                    format!(
                        "{kind} `{}` is defined differently by two plans",
                        second.value
                    ),
                )
                .with_note(&first.loc, "the other definition is here")
                .with_hint("load one of the two plans, or make their definitions the same"),
            );
        }
    }

    fn goal(&mut self, base: &mut RawGoal, over: RawGoal) {
        if self.forbidden("goal", &base.name, &over.name) {
            return;
        }
        let what = |key: &str| format!("`{key}` of goal `{}`", base.name.value);
        let summary_what = what("summary");
        self.key(&mut base.summary, over.summary, &summary_what);
        let Some(pairs) = over.use_cases else { return };
        let base_pairs = base
            .use_cases
            .get_or_insert_with(|| Sp::new(Vec::new(), pairs.loc.clone()));
        for pair in pairs.value {
            match base_pairs
                .value
                .iter_mut()
                .find(|p| slug(&p.use_case.value) == slug(&pair.use_case.value))
            {
                Some(existing) => self.pair(existing, pair, &base.name.value),
                None => base_pairs.value.push(pair),
            }
        }
    }

    fn pair(&mut self, base: &mut RawPair, over: RawPair, goal: &str) {
        let what = |key: &str| {
            format!(
                "`{key}` of use case `{}` under goal `{goal}`",
                base.use_case.value
            )
        };
        let (sources, destinations) = (what("sources"), what("destinations"));
        self.key(&mut base.sources, over.sources, &sources);
        self.key(&mut base.destinations, over.destinations, &destinations);
    }

    fn use_case(&mut self, base: &mut RawUseCase, over: RawUseCase) {
        if self.forbidden("use case", &base.name, &over.name) {
            return;
        }
        let what = |key: &str| format!("`{key}` of use case `{}`", base.name.value);
        let (summary, events) = (what("summary"), what("events"));
        self.key(&mut base.summary, over.summary, &summary);
        self.key(&mut base.events, over.events, &events);
    }

    fn event(&mut self, base: &mut RawEvent, over: RawEvent) {
        if self.forbidden("event", &base.name, &over.name) {
            return;
        }
        if self.meeting == Meeting::Replace {
            *base = over;
            return;
        }
        let what = |key: &str| format!("`{key}` of event `{}`", base.name.value);
        self.key(
            &mut base.description,
            over.description,
            &what("description"),
        );
        self.key(&mut base.spec, over.spec, &what("spec"));
        self.key(&mut base.replace, over.replace, &what("replace"));
        self.key(&mut base.call, over.call, &what("call"));
        self.key(&mut base.call_name, over.call_name, &what("call_name"));
        self.key(
            &mut base.call_category,
            over.call_category,
            &what("call_category"),
        );
        self.key(&mut base.title, over.title, &what("title"));
        self.key(&mut base.deprecated, over.deprecated, &what("deprecated"));
        self.key(&mut base.labels, over.labels, &what("labels"));
        self.key(
            &mut base.additional_properties,
            over.additional_properties,
            &what("additional_properties"),
        );
        self.key(
            &mut base.pattern_properties,
            over.pattern_properties,
            &what("pattern_properties"),
        );
        self.key(
            &mut base.min_properties,
            over.min_properties,
            &what("min_properties"),
        );
        self.key(
            &mut base.max_properties,
            over.max_properties,
            &what("max_properties"),
        );
        self.key(
            &mut base.dependent_required,
            over.dependent_required,
            &what("dependent_required"),
        );
        let owner = format!("event `{}`", base.name.value);
        self.properties(&mut base.properties, over.properties, &owner);
    }

    /// The identify or group traits: merged like an event's properties, or replaced whole by
    /// a plan or by `replace: true`.
    fn traits(&mut self, which: &str, base: &mut Sp<RawTraits>, over: Sp<RawTraits>) {
        let replace = self.meeting == Meeting::Replace
            || (self.meeting == Meeting::Override
                && over.value.replace.as_ref().is_some_and(|r| r.value));
        if replace {
            *base = over;
            return;
        }
        match self.meeting {
            Meeting::Forbidden => {
                self.diags.push(
                    Diagnostic::at(&over.loc, format!("the {which} traits are defined twice"))
                        .with_note(&base.loc, "first defined here"),
                );
                return;
            }
            Meeting::Identical => {
                if base.value != over.value {
                    self.diags.push(
                        Diagnostic::at(
                            &over.loc,
                            format!("the {which} traits are defined differently by two plans"),
                        )
                        .with_note(&base.loc, "the other definition is here")
                        .with_hint("load one of the two plans, or make their definitions the same"),
                    );
                }
                return;
            }
            _ => {}
        }
        let (b, o) = (&mut base.value, over.value);
        let what = |key: &str| format!("`{key}` of the {which} traits");
        self.key(&mut b.description, o.description, &what("description"));
        self.key(
            &mut b.additional_properties,
            o.additional_properties,
            &what("additional_properties"),
        );
        self.key(
            &mut b.pattern_properties,
            o.pattern_properties,
            &what("pattern_properties"),
        );
        self.key(
            &mut b.min_properties,
            o.min_properties,
            &what("min_properties"),
        );
        self.key(
            &mut b.max_properties,
            o.max_properties,
            &what("max_properties"),
        );
        self.key(
            &mut b.dependent_required,
            o.dependent_required,
            &what("dependent_required"),
        );
        let owner = format!("the {which} traits");
        self.properties(&mut b.traits, o.traits, &owner);
    }

    fn properties(
        &mut self,
        base: &mut impl Slot<Vec<RawNode>>,
        over: impl Slot<Vec<RawNode>>,
        owner: &str,
    ) {
        let Some(over) = over.into_sp() else { return };
        let base = base.get_or_put_with(|| Sp::new(Vec::new(), over.loc.clone()));
        let mut seen: Vec<&Sp<String>> = Vec::new();
        for prop in &over.value {
            let Some(name) = &prop.name else { continue };
            match seen.iter().find(|s| s.value == name.value) {
                Some(first) => self.diags.push(duplicate("property", name, &first.loc)),
                None => seen.push(name),
            }
        }
        for prop in over.value {
            let existing = prop.name.as_ref().and_then(|name| {
                base.value
                    .iter_mut()
                    .find(|p| p.name.as_ref().is_some_and(|n| n.value == name.value))
            });
            match existing {
                Some(existing) => {
                    let what = format!(
                        "property `{}` of {owner}",
                        prop.name.as_ref().map_or("", |n| n.value.as_str())
                    );
                    self.node(existing, prop, &what);
                }
                None => base.value.push(prop),
            }
        }
    }

    /// Merges a property, items or named type. A newcomer that changes the `type` brings a
    /// fresh type: keys that shaped the old one (a format, a pattern) do not linger.
    fn node(&mut self, base: &mut RawNode, over: RawNode, what: &str) {
        if self.meeting == Meeting::Forbidden {
            if let Some(name) = &over.name {
                let first = base.name.as_ref().map_or(&name.loc, |n| &n.loc);
                self.diags.push(duplicate("type", name, first));
            }
            return;
        }
        let retyped = self.meeting == Meeting::Override
            && over.ty.is_some()
            && base.ty.as_ref().map(|t| &t.value) != over.ty.as_ref().map(|t| &t.value);
        if retyped {
            let kept = RawNode {
                name: base.name.take(),
                title: base.title.take(),
                description: base.description.take(),
                required: base.required.take(),
                required_reason: base.required_reason.take(),
                origin: base.origin.take(),
                replace: base.replace.take(),
                deprecated: base.deprecated.take(),
                ..RawNode::default()
            };
            *base = kept;
        }
        let key = |k: &str| format!("`{k}` of {what}");
        self.key(&mut base.description, over.description, &key("description"));
        self.key(&mut base.ty, over.ty, &key("type"));
        self.key(&mut base.enum_values, over.enum_values, &key("enum"));
        self.key(&mut base.nullable, over.nullable, &key("nullable"));
        self.key(&mut base.required, over.required, &key("required"));
        self.key(
            &mut base.required_reason,
            over.required_reason,
            &key("required_reason"),
        );
        self.key(&mut base.origin, over.origin, &key("origin"));
        self.key(&mut base.replace, over.replace, &key("replace"));
        self.key(&mut base.format, over.format, &key("format"));
        self.key(&mut base.pattern, over.pattern, &key("pattern"));
        self.key(&mut base.minimum, over.minimum, &key("minimum"));
        self.key(&mut base.maximum, over.maximum, &key("maximum"));
        self.key(&mut base.min_length, over.min_length, &key("min_length"));
        self.key(&mut base.max_length, over.max_length, &key("max_length"));
        self.key(&mut base.title, over.title, &key("title"));
        self.key(&mut base.deprecated, over.deprecated, &key("deprecated"));
        self.key(&mut base.examples, over.examples, &key("examples"));
        self.key(&mut base.default, over.default, &key("default"));
        self.key(&mut base.const_value, over.const_value, &key("const"));
        self.key(&mut base.one_of, over.one_of, &key("one_of"));
        self.key(&mut base.any_of, over.any_of, &key("any_of"));
        self.key(
            &mut base.exclusive_minimum,
            over.exclusive_minimum,
            &key("exclusive_minimum"),
        );
        self.key(
            &mut base.exclusive_maximum,
            over.exclusive_maximum,
            &key("exclusive_maximum"),
        );
        self.key(&mut base.multiple_of, over.multiple_of, &key("multiple_of"));
        self.key(&mut base.min_items, over.min_items, &key("min_items"));
        self.key(&mut base.max_items, over.max_items, &key("max_items"));
        self.key(
            &mut base.unique_items,
            over.unique_items,
            &key("unique_items"),
        );
        self.key(
            &mut base.additional_items,
            over.additional_items,
            &key("additional_items"),
        );
        self.key(
            &mut base.additional_properties,
            over.additional_properties,
            &key("additional_properties"),
        );
        self.key(
            &mut base.pattern_properties,
            over.pattern_properties,
            &key("pattern_properties"),
        );
        self.key(
            &mut base.min_properties,
            over.min_properties,
            &key("min_properties"),
        );
        self.key(
            &mut base.max_properties,
            over.max_properties,
            &key("max_properties"),
        );
        self.key(
            &mut base.dependent_required,
            over.dependent_required,
            &key("dependent_required"),
        );
        match (base.items.as_deref_mut(), over.items.into_sp()) {
            (
                Some(Sp {
                    value: Items::Node(b),
                    ..
                }),
                Some(Sp {
                    value: Items::Node(o),
                    ..
                }),
            ) => {
                let items_what = format!("items of {what}");
                self.node(b, *o, &items_what);
            }
            (_, over_items) => self.key(&mut base.items, over_items, &key("items")),
        }
        self.properties(&mut base.properties, over.properties, what);
    }

    /// In the embedded catalog, a second definition is a mistake: report it once.
    fn forbidden(&mut self, kind: &str, base: &Sp<String>, over: &Sp<String>) -> bool {
        if self.meeting == Meeting::Forbidden {
            self.diags.push(duplicate(kind, over, &base.loc));
            return true;
        }
        false
    }
}
