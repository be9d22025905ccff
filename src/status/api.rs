//! The generated API of one selection in one language, by the names the generators give it.

use std::collections::HashMap;

use crate::lang::{self, Language};
use crate::model::{Catalog, Event, TraitsCall};
use crate::select::Selection;

use super::{Called, Modules};

/// What a generated module of the selection calls each event, and what a module of the whole
/// catalog would call the others, so that a call of an event that is not selected is named.
#[derive(Debug)]
pub struct Api {
    pub language: Language,
    pub modules: Modules,
    selected: Names,
    catalog: Names,
}

/// Per-event method, type and wire names, each to the event's wire name.
#[derive(Debug, Default)]
struct Names {
    methods: HashMap<String, String>,
    types: HashMap<String, String>,
    wires: HashMap<String, String>,
}

impl Names {
    fn of(
        catalog: &Catalog,
        events: Vec<&Event>,
        selection: &Selection,
        language: Language,
    ) -> Self {
        let request = lang::Request {
            catalog,
            events,
            selection: selection.describe(),
        };
        let mut names = Names::default();
        for id in lang::event_identifiers(&request, language) {
            names.methods.insert(id.method, id.wire.clone());
            names.types.insert(id.ty, id.wire.clone());
            names.wires.insert(id.wire.clone(), id.wire);
        }
        names
    }
}

impl Api {
    pub fn new(
        catalog: &Catalog,
        events: &[&Event],
        selection: &Selection,
        language: Language,
        modules: &Modules,
    ) -> Self {
        Self {
            language,
            modules: modules.clone(),
            selected: Names::of(catalog, events.to_vec(), selection, language),
            catalog: Names::of(
                catalog,
                catalog.events.iter().collect(),
                selection,
                language,
            ),
        }
    }

    /// The event a per-event method sends, if the name is one the generators give a method.
    pub fn method(&self, name: &str) -> Option<Called> {
        lookup(&self.selected.methods, &self.catalog.methods, name)
    }

    /// The event a properties type stands for (`OrderCompleted::new(..)` in a generic
    /// `track`): a type that is no event's is a call of something the API does not have.
    pub fn event_type(&self, name: &str) -> Called {
        lookup(&self.selected.types, &self.catalog.types, name)
            .unwrap_or_else(|| Called::Unknown(name.to_owned()))
    }

    /// The event a wire name given to a generic `track` is.
    pub fn wire(&self, name: &str) -> Called {
        lookup(&self.selected.wires, &self.catalog.wires, name)
            .unwrap_or_else(|| Called::Unknown(name.to_owned()))
    }
}

/// The identify or group call a method of the generated API makes, by the method's name: the
/// generators call both `identify` and `group` in every language, and give no event either name.
pub fn traits_call(method: &str) -> Option<TraitsCall> {
    TraitsCall::ALL
        .into_iter()
        .find(|call| call.as_str() == method)
}

fn lookup(
    selected: &HashMap<String, String>,
    catalog: &HashMap<String, String>,
    name: &str,
) -> Option<Called> {
    if let Some(wire) = selected.get(name) {
        return Some(Called::Event(wire.clone()));
    }
    catalog
        .get(name)
        .map(|wire| Called::Unselected(wire.clone()))
}
