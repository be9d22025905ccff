//! The type of a property, in the vocabulary every generator understands.

use serde_json::Number;

/// A property's type. `nullable` is separate from whether the property is required: a
/// nullable required property must be sent, possibly as `null`; an optional one may be absent.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub kind: Kind,
    pub nullable: bool,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Any JSON value, `null` included.
    Any,
    String(StringRules),
    Number(NumberRules),
    Integer(NumberRules),
    Boolean,
    /// One of fixed values. A `null` among a plan's enum values makes the schema nullable
    /// instead of appearing here.
    Enum(Vec<Literal>),
    /// A list; `items` is `Kind::Any` for an array whose items are not described.
    Array(Box<Schema>),
    /// An object with known properties, declared in place.
    Object(Vec<Property>),
    /// An object with any keys and values.
    Map,
    /// A named type of the catalog.
    Ref(String),
    /// Two or more alternatives, none of them null (nullability is the `nullable` flag).
    Union(Vec<Schema>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringRules {
    pub format: Option<String>,
    pub pattern: Option<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberRules {
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
}

/// An enum value. Numbers keep their JSON form, so `1` and `1.0` stay distinct as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Literal {
    String(String),
    Number(LiteralNumber),
    Bool(bool),
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
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Literal::String(s) => serde_json::Value::String(s.clone()),
            Literal::Number(n) => n
                .as_number()
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Literal::Bool(b) => serde_json::Value::Bool(*b),
        }
    }

    /// The value as text, for naming an enum case after it.
    pub fn label(&self) -> String {
        match self {
            Literal::String(s) => s.clone(),
            Literal::Number(n) => n.0.clone(),
            Literal::Bool(b) => b.to_string(),
        }
    }
}

/// A property of an event or object: its exact wire name and its type.
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
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::UseCases => "use-cases",
            Origin::Spec => "spec",
        }
    }
}

impl Schema {
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            nullable: false,
            description: String::new(),
        }
    }

    /// The named types this schema refers to, directly or through items, properties and
    /// union members.
    pub fn refs(&self, out: &mut Vec<String>) {
        match &self.kind {
            Kind::Ref(name) => out.push(name.clone()),
            Kind::Array(items) => items.refs(out),
            Kind::Object(props) => props.iter().for_each(|p| p.schema.refs(out)),
            Kind::Union(members) => members.iter().for_each(|m| m.refs(out)),
            Kind::Any
            | Kind::String(_)
            | Kind::Number(_)
            | Kind::Integer(_)
            | Kind::Boolean
            | Kind::Enum(_)
            | Kind::Map => {}
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
            Kind::Array(items) => format!("array of {}", items.type_word()),
            Kind::Object(_) | Kind::Map => "object".into(),
            Kind::Ref(name) => name.clone(),
            Kind::Union(members) => members
                .iter()
                .map(Schema::type_word)
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}
