//! The typed catalog every later stage reads: goals, use cases, events and named types, after
//! loading, merging and validation. Nothing here can be invalid.

mod schema;
mod slug;

pub use schema::{
    ArrayRules, Extra, Kind, Literal, LiteralNumber, Meta, NumberRules, Object, ObjectRules,
    Origin, PatternProperty, Property, Schema, StringRules, Tuple, Union,
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
    /// The traits of `identify` calls; `None` when no catalog or plan describes them, and
    /// identify then takes any traits.
    pub identify: Option<Traits>,
    /// The traits of `group` calls, likewise.
    pub group: Option<Traits>,
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
    /// Which Segment call sends the event.
    pub call: Call,
    pub properties: Vec<Property>,
    /// What the event's properties object allows besides its declared properties.
    pub rules: ObjectRules,
    /// Title, examples and deprecation of the event as a whole.
    pub meta: Option<Box<Meta>>,
    /// A tracking plan's labels (`labels` of a Protocols rule), sorted by key.
    pub labels: Vec<(String, String)>,
    /// Whether a tracking plan (`--plan`) defines the event.
    pub from_plan: bool,
}

impl Event {
    pub fn deprecated(&self) -> bool {
        self.meta.as_deref().is_some_and(|m| m.deprecated)
    }
}

/// The Segment call an event is sent with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Call {
    /// `track(event, properties)`: the event's name is the call's `event`.
    #[default]
    Track,
    /// `page(category, name, properties)`.
    Page(CallFields),
    /// `screen(category, name, properties)`.
    Screen(CallFields),
}

/// Which properties of a page or screen event are the call's own `name` and `category`
/// fields; the rest go in the call's `properties`. Without a name property the event's name
/// is the call's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallFields {
    pub name: Option<String>,
    pub category: Option<String>,
}

impl Call {
    /// The call's name in Segment's vocabulary: `track`, `page` or `screen`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Call::Track => "track",
            Call::Page(_) => "page",
            Call::Screen(_) => "screen",
        }
    }

    pub fn fields(&self) -> Option<&CallFields> {
        match self {
            Call::Track => None,
            Call::Page(f) | Call::Screen(f) => Some(f),
        }
    }

    /// Whether the property with this wire name is one of the call's own fields, not one of
    /// its `properties`.
    pub fn takes(&self, property: &str) -> bool {
        self.fields().is_some_and(|f| {
            f.name.as_deref() == Some(property) || f.category.as_deref() == Some(property)
        })
    }
}

/// The traits of identify or group calls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits {
    pub description: String,
    pub properties: Vec<Property>,
    pub rules: ObjectRules,
}

/// Which of the two trait-carrying calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TraitsCall {
    Identify,
    Group,
}

impl TraitsCall {
    pub const ALL: [TraitsCall; 2] = [TraitsCall::Identify, TraitsCall::Group];

    pub fn as_str(self) -> &'static str {
        match self {
            TraitsCall::Identify => "identify",
            TraitsCall::Group => "group",
        }
    }
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

    pub fn traits(&self, call: TraitsCall) -> Option<&Traits> {
        match call {
            TraitsCall::Identify => self.identify.as_ref(),
            TraitsCall::Group => self.group.as_ref(),
        }
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
