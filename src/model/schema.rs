//! The type of a property, in the vocabulary every generator understands, with every
//! constraint and annotation the catalog or plan gave: what a language's types cannot say is
//! kept here for documentation and run-time validation.

use serde_json::{Number, Value};

/// A property's type. `nullable` is separate from whether the property is required: a
/// nullable required property must be sent, possibly as `null`; an optional one may be absent.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub kind: Kind,
    pub nullable: bool,
    pub description: String,
    /// Title, examples, default and deprecation; boxed because most schemas have none.
    pub meta: Option<Box<Meta>>,
}

/// JSON Schema's annotations: carried into documentation (and `deprecated` into the
/// languages' deprecation attributes), never into the types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub examples: Vec<Value>,
    pub default: Option<Value>,
    pub deprecated: bool,
}

impl Meta {
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Any JSON value, `null` included.
    Any,
    String(StringRules),
    Number(NumberRules),
    Integer(NumberRules),
    Boolean,
    /// One of fixed values. A `null` among the values makes the schema nullable instead of
    /// appearing here.
    Enum(Vec<Literal>),
    /// A list; `items` is `Kind::Any` for an array whose items are not described.
    Array(Box<Schema>, ArrayRules),
    /// A list whose first items each have a type of their own (JSON Schema's array form of
    /// `items`).
    Tuple(Box<Tuple>),
    /// An object: declared properties, and what other keys may hold. Without properties it is
    /// a map (free-form when nothing is said about other keys).
    Object(Box<Object>),
    /// A named type of the catalog.
    Ref(String),
    /// Two or more alternatives, none of them null (nullability is the `nullable` flag).
    Union(Box<Union>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringRules {
    pub format: Option<String>,
    pub pattern: Option<String>,
    /// In Unicode code points, as JSON Schema counts.
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

/// Bounds of a number. Draft-04's boolean `exclusiveMinimum` beside `minimum` is read into
/// the numeric form of later drafts, so each bound is stated once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberRules {
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub exclusive_minimum: Option<Number>,
    pub exclusive_maximum: Option<Number>,
    pub multiple_of: Option<Number>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArrayRules {
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

/// A tuple: the first `items.len()` items typed one by one, then `rest`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tuple {
    pub items: Vec<Schema>,
    /// Items after the typed ones (`additionalItems`).
    pub rest: Extra,
    pub rules: ArrayRules,
}

impl Tuple {
    /// How many leading items every value has: JSON Schema does not require a tuple's items,
    /// only `minItems` does.
    pub fn required_items(&self) -> usize {
        let min = usize::try_from(self.rules.min_items.unwrap_or(0)).unwrap_or(usize::MAX);
        min.min(self.items.len())
    }
}

/// What an object allows besides its declared properties, or a tuple after its typed items.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Extra {
    /// Nothing said: anything is allowed, and the generated types do not carry it.
    #[default]
    Unspecified,
    /// `additionalProperties: true` (or `additionalItems: true`), said explicitly.
    Any,
    /// `false`: nothing else is allowed.
    Forbidden,
    /// Values of this type.
    Typed(Box<Schema>),
}

impl Extra {
    pub fn schema(&self) -> Option<&Schema> {
        match self {
            Extra::Typed(s) => Some(s),
            _ => None,
        }
    }
}

/// An object's properties and the rules about its other keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    pub properties: Vec<Property>,
    pub rules: ObjectRules,
}

impl Object {
    /// Whether the object is a map rather than a struct: no declared properties, and other
    /// keys allowed.
    pub fn is_map(&self) -> bool {
        self.properties.is_empty() && self.rules.extra != Extra::Forbidden
    }
}

/// What JSON Schema says about an object beyond its declared properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectRules {
    /// `additionalProperties`.
    pub extra: Extra,
    /// `patternProperties`: keys matching a pattern hold values of its type.
    pub patterns: Vec<PatternProperty>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// `dependentRequired` (draft-07's array form of `dependencies`): when the key is present,
    /// these properties must be too.
    pub dependent_required: Vec<(String, Vec<String>)>,
}

impl ObjectRules {
    pub fn is_empty(&self) -> bool {
        *self == ObjectRules::default()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PatternProperty {
    pub pattern: String,
    pub schema: Schema,
}

/// Alternatives: `oneOf` (exactly one must match) or `anyOf` and type lists (at least one).
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    pub members: Vec<Schema>,
    pub exclusive: bool,
}

/// An enum value. Numbers keep their JSON form, so `1` and `1.0` stay distinct as written;
/// arrays and objects keep their compact JSON text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Literal {
    String(String),
    Number(LiteralNumber),
    Bool(bool),
    /// An array or object value, as compact JSON.
    Json(String),
}

/// A JSON number as written, ordered and hashed by its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LiteralNumber(pub String);

impl LiteralNumber {
    pub fn from_number(n: &Number) -> Self {
        Self(n.to_string())
    }

    pub fn as_number(&self) -> Option<Number> {
        self.0.parse().ok()
    }

    /// Whether the number has no fractional part or exponent (`3`, `-1`), so it fits an
    /// integer type when it is in range.
    pub fn is_integer(&self) -> bool {
        self.0.parse::<i64>().is_ok()
    }
}

impl Literal {
    /// The literal of a JSON value; `None` for `null`, which is nullability, not a value.
    pub fn from_json(v: &Value) -> Option<Literal> {
        match v {
            Value::String(s) => Some(Literal::String(s.clone())),
            Value::Number(n) => Some(Literal::Number(LiteralNumber::from_number(n))),
            Value::Bool(b) => Some(Literal::Bool(*b)),
            Value::Null => None,
            Value::Array(_) | Value::Object(_) => Some(Literal::Json(v.to_string())),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Literal::String(s) => Value::String(s.clone()),
            Literal::Number(n) => n.as_number().map_or(Value::Null, Value::Number),
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Json(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        }
    }

    /// The value as text, for naming an enum case after it.
    pub fn label(&self) -> String {
        match self {
            Literal::String(s) => s.clone(),
            Literal::Number(n) => n.0.clone(),
            Literal::Bool(b) => b.to_string(),
            Literal::Json(text) => text.clone(),
        }
    }

    /// Whether no language has a literal type for it.
    pub fn is_structured(&self) -> bool {
        matches!(self, Literal::Json(_))
    }
}

/// A property of an event, trait set or object: its exact wire name and its type.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    pub name: String,
    pub required: bool,
    /// Why the property is required, when the catalog says.
    pub required_reason: Option<String>,
    pub origin: Option<Origin>,
    pub schema: Schema,
}

/// Where a property of the embedded catalog comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Listed for the event by Segment's Use Cases Reference.
    UseCases,
    /// Added from the Segment Spec.
    Spec,
    /// Every call of its kind has it: a tracking plan's common rule (COMMON in the Public
    /// API, `global` in the Config API) says so.
    Common,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::UseCases => "use-cases",
            Origin::Spec => "spec",
            Origin::Common => "common",
        }
    }
}

impl Schema {
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            nullable: false,
            description: String::new(),
            meta: None,
        }
    }

    /// An object with these properties and nothing said about other keys.
    pub fn object(properties: Vec<Property>) -> Self {
        Self::new(Kind::Object(Box::new(Object {
            properties,
            rules: ObjectRules::default(),
        })))
    }

    /// A map whose values have no declared type.
    pub fn free_map() -> Self {
        Self::new(Kind::Object(Box::default()))
    }

    pub fn meta(&self) -> Option<&Meta> {
        self.meta.as_deref()
    }

    pub fn deprecated(&self) -> bool {
        self.meta().is_some_and(|m| m.deprecated)
    }

    /// The named types this schema refers to, directly or through items, properties and
    /// union members.
    pub fn refs(&self, out: &mut Vec<String>) {
        self.each_child(&mut |child| child.refs(out));
        if let Kind::Ref(name) = &self.kind {
            out.push(name.clone());
        }
    }

    /// Calls `f` with every schema directly inside this one.
    pub fn each_child<'a>(&'a self, f: &mut dyn FnMut(&'a Schema)) {
        match &self.kind {
            Kind::Array(items, _) => f(items),
            Kind::Tuple(t) => {
                t.items.iter().for_each(&mut *f);
                if let Some(rest) = t.rest.schema() {
                    f(rest);
                }
            }
            Kind::Object(o) => o.each_child(f),
            Kind::Union(u) => u.members.iter().for_each(f),
            Kind::Any
            | Kind::String(_)
            | Kind::Number(_)
            | Kind::Integer(_)
            | Kind::Boolean
            | Kind::Enum(_)
            | Kind::Ref(_) => {}
        }
    }

    /// The JSON Schema word for this kind, as a user would read it (`string`, `array`, ...);
    /// a named type's name for a reference.
    pub fn type_word(&self) -> String {
        match &self.kind {
            Kind::Any => "any".into(),
            Kind::String(_) => "string".into(),
            Kind::Number(_) => "number".into(),
            Kind::Integer(_) => "integer".into(),
            Kind::Boolean => "boolean".into(),
            Kind::Enum(_) => "enum".into(),
            Kind::Array(items, _) => format!("array of {}", items.type_word()),
            Kind::Tuple(_) => "tuple".into(),
            Kind::Object(o) if o.is_map() => match o.rules.extra.schema() {
                Some(values) => format!("map of {}", values.type_word()),
                None => "object".into(),
            },
            Kind::Object(_) => "object".into(),
            Kind::Ref(name) => name.clone(),
            Kind::Union(u) => u
                .members
                .iter()
                .map(Schema::type_word)
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}

impl Object {
    /// Calls `f` with the schema of every property, pattern property and other key.
    pub fn each_child<'a>(&'a self, f: &mut dyn FnMut(&'a Schema)) {
        self.properties.iter().for_each(|p| f(&p.schema));
        self.rules.each_child(f);
    }
}

impl ObjectRules {
    pub fn each_child<'a>(&'a self, f: &mut dyn FnMut(&'a Schema)) {
        self.patterns.iter().for_each(|p| f(&p.schema));
        if let Some(extra) = self.extra.schema() {
            f(extra);
        }
    }
}
