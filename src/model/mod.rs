//! The typed catalog every later stage reads: goals, use cases, events and named types, after
//! loading, merging and validation. Nothing here can be invalid.

mod schema;
mod slug;

pub use schema::{
    Kind, Literal, LiteralNumber, NumberRules, Origin, Property, Schema, StringRules,
};
pub use slug::slug;

/// The resolved catalog. Goals and use cases keep the catalog's order (embedded first, then
/// additions sorted by slug); events and named types are sorted by name, so that neither the
/// order of files nor of entries in them changes any output.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    pub goals: Vec<Goal>,
    pub use_cases: Vec<UseCase>,
    pub events: Vec<Event>,
    pub types: Vec<NamedType>,
}

/// A business goal and the use cases that serve it.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub use_cases: Vec<Recommendation>,
}

/// A use case under a goal, with the source and destination types recommended for that pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub use_case: String,
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UseCase {
    pub slug: String,
    pub name: String,
    pub summary: String,
    /// Names of the events the use case needs, in the catalog's order.
    pub events: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The exact name sent on the wire.
    pub name: String,
    pub description: String,
    /// The Segment Spec page that defines the event, if one does.
    pub spec: Option<String>,
    pub properties: Vec<Property>,
    /// Whether a tracking plan (`--plan`) defines the event.
    pub from_plan: bool,
}

/// A reusable type, referred to by name from properties.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedType {
    pub name: String,
    pub schema: Schema,
}

impl Catalog {
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.events[i])
    }

    pub fn named_type(&self, name: &str) -> Option<&NamedType> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    pub fn use_case(&self, slug: &str) -> Option<&UseCase> {
        self.use_cases.iter().find(|u| u.slug == slug)
    }

    pub fn goal(&self, slug: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.slug == slug)
    }

    /// The use cases that need an event, in catalog order.
    pub fn use_cases_needing<'a>(&'a self, event: &'a str) -> impl Iterator<Item = &'a UseCase> {
        self.use_cases
            .iter()
            .filter(move |u| u.events.iter().any(|e| e == event))
    }

    /// The goals a use case serves, each with its recommendation for the pair.
    pub fn goals_of<'a>(
        &'a self,
        use_case: &'a str,
    ) -> impl Iterator<Item = (&'a Goal, &'a Recommendation)> {
        self.goals.iter().filter_map(move |g| {
            g.use_cases
                .iter()
                .find(|r| r.use_case == use_case)
                .map(|r| (g, r))
        })
    }
}
