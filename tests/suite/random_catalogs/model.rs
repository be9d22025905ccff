//! Random valid catalogs: the shapes tracktype must generate compiling code for, with names and
//! descriptions chosen to break naive generators.

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

/// A property's type, as the random catalog writes it.
#[derive(Clone, Debug)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Any,
    /// `type: object` without properties: free-form.
    Map,
    /// `enum` values, with `type` when `base` is given (untyped enums may mix kinds).
    Enum {
        base: Option<&'static str>,
        values: Vec<Value>,
    },
    Array(Box<Ty>),
    Object(Vec<Prop>),
    /// A named type, by index; named type `i` only refers to types before it, so there is no
    /// cycle.
    Named(usize),
    /// Several types: built-ins, at most one array, one inline object, named types.
    Union(Vec<Ty>),
}

#[derive(Clone, Debug)]
pub struct Prop {
    pub name: String,
    pub description: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    /// Write nullability as `null` in the type list instead of `nullable: true`.
    pub null_in_type: bool,
}

#[derive(Clone, Debug)]
pub struct NamedType {
    pub name: String,
    pub description: String,
    pub ty: Ty,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub name: String,
    pub description: String,
    pub props: Vec<Prop>,
    pub call: EventCall,
}

/// How an event is sent; a page or screen call's name and category are properties of the
/// event, by name.
#[derive(Clone, Debug, PartialEq)]
pub enum EventCall {
    Track,
    Page(CallFields),
    Screen(CallFields),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct CallFields {
    pub name: Option<String>,
    pub category: Option<String>,
}

impl EventCall {
    pub fn word(&self) -> &'static str {
        match self {
            EventCall::Track => "track",
            EventCall::Page(_) => "page",
            EventCall::Screen(_) => "screen",
        }
    }

    pub fn fields(&self) -> Option<&CallFields> {
        match self {
            EventCall::Track => None,
            EventCall::Page(f) | EventCall::Screen(f) => Some(f),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Catalog {
    pub types: Vec<NamedType>,
    pub events: Vec<Event>,
    /// The traits of identify and group calls; `None` takes any traits.
    pub identify: Option<Vec<Prop>>,
    pub group: Option<Vec<Prop>>,
    /// Drives the choice of sample payloads.
    pub seed: u64,
}

/// Words every target language reserves, and names tracktype's own output uses.
fn reserved_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    words.extend(tracktype::lang::rust::KEYWORDS);
    words.extend(tracktype::lang::rust::TYPE_NAMES);
    words.extend(tracktype::lang::rust::TRACKER_METHODS);
    words.extend(tracktype::lang::swift::KEYWORDS);
    words.extend(tracktype::lang::swift::TYPE_NAMES);
    words.extend(tracktype::lang::swift::CLIENT_METHODS);
    words.extend(tracktype::lang::typescript::MODULE_NAMES);
    words.extend(tracktype::lang::typescript::GLOBAL_TYPES);
    words.extend(tracktype::lang::typescript::RESERVED_METHODS);
    words.extend([
        // JavaScript and TypeScript reserved and contextual words.
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "implements",
        "interface",
        "let",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "yield",
        "await",
        "async",
        "any",
        "unknown",
        "never",
        "object",
        "string",
        "number",
        "boolean",
        "symbol",
        "bigint",
        "undefined",
        "declare",
        "namespace",
        "module",
        "readonly",
        "keyof",
        "infer",
        "is",
        "asserts",
        "satisfies",
        "accessor",
        "constructor",
        "prototype",
        "arguments",
        "eval",
        "NaN",
        "Infinity",
        // Swift contextual words and Rust oddities.
        "self",
        "Self",
        "Type",
        "Protocol",
        "init",
        "deinit",
        "subscript",
        "some",
        "_",
        "__",
        "r#type",
        "crate",
        "super",
        "Ok",
        "Err",
        "Some",
        "None",
    ]);
    words.sort_unstable();
    words.dedup();
    words
}

/// Names that differ only in case or separators, with digits, punctuation and unicode.
const TRICKY_NAMES: &[&str] = &[
    "order id",
    "order_id",
    "orderId",
    "OrderId",
    "ORDER-ID",
    "order.id",
    "Order  Id",
    "1st place",
    "2",
    "007",
    "9lives",
    "a1b2",
    "x-1",
    "$ref",
    "$",
    "@context",
    "#tag",
    "50% off",
    "a/b",
    "a\\b",
    "a\"b",
    "it's",
    "`tick`",
    "{brace}",
    "<angle>",
    "semi;colon",
    "café",
    "naïve résumé",
    "日本語",
    "Ünïcödé Name",
    "emoji 🎉 party",
    "Ωmega",
    "straße",
    "  padded  ",
    "tab\there",
    "UPPER",
    "upper",
    "Upper",
    "camelCase",
    "snake_case",
    "kebab-case",
    "Title Case",
    "__dunder__",
    "_private",
    "trailing_",
    "a",
    "A",
    "ab",
    "AB",
];

/// Pieces of descriptions that close or open comments and strings in one language or another.
const DESCRIPTION_PIECES: &[&str] = &[
    "*/",
    "/*",
    "/**",
    "\"\"\"",
    "'''",
    "\\",
    "\\\\",
    "${x}",
    "\\u{41}",
    "\\(x)",
    "\n",
    "\r\n",
    "#endif",
    "#if DEBUG",
    "\u{0}",
    "`",
    "```",
    "<!-- -->",
    "// not a comment",
    "///",
    "#!",
    "*/ alert(1) /*",
    "\"",
    "'",
    "{{ tera }}",
    "{% raw %}",
    "@param x",
    "\t",
    "\u{2028}",
    "plain words",
    "Ünïcödé",
    "🎉",
    "-->",
    "]]>",
    "%s",
    "{}",
    "\\n",
];

const NUMBER_SAMPLES: &[f64] = &[1.5, -0.25, 3.75, 1e-3];

fn name() -> impl Strategy<Value = String> {
    let reserved = reserved_words();
    prop_oneof![
        3 => select(reserved).prop_map(str::to_owned),
        3 => select(TRICKY_NAMES).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 _.$-]{1,12}",
        1 => "[a-z]{1,6}[ ]?[\u{e0}-\u{ff}\u{3b1}-\u{3c9}]{1,3}",
    ]
    // Blank names are an error in any catalog.
    .prop_map(|n| {
        if n.trim().is_empty() {
            format!("blank{n}")
        } else {
            n
        }
    })
}

fn description() -> impl Strategy<Value = String> {
    prop::collection::vec(select(DESCRIPTION_PIECES), 0..5).prop_map(|pieces| pieces.concat())
}

fn enum_values() -> impl Strategy<Value = (Option<&'static str>, Vec<Value>)> {
    let strings =
        prop::collection::vec(name().prop_map(Value::from), 1..5).prop_map(|v| (Some("string"), v));
    let integers = prop::collection::vec((-5i64..100).prop_map(Value::from), 1..4)
        .prop_map(|v| (Some("integer"), v));
    let numbers = prop::collection::vec(select(vec![0.5, 1.0, 2.5, -1.25, 10.0]), 1..4)
        .prop_map(|v| (Some("number"), v.into_iter().map(Value::from).collect()));
    let booleans = prop::collection::vec(any::<bool>().prop_map(Value::from), 1..3)
        .prop_map(|v| (Some("boolean"), v));
    let mixed = prop::collection::vec(
        prop_oneof![
            name().prop_map(Value::from),
            (0i64..10).prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
        ],
        1..5,
    )
    .prop_map(|v| (None, v));
    prop_oneof![3 => strings, 1 => integers, 1 => numbers, 1 => booleans, 1 => mixed].prop_map(
        |(base, values)| {
            let mut unique: Vec<Value> = Vec::new();
            for v in values {
                // 1 and 1.0 are one value to most languages.
                let same =
                    |u: &Value| u == &v || (u.as_f64().is_some() && u.as_f64() == v.as_f64());
                if !unique.iter().any(same) {
                    unique.push(v);
                }
            }
            (base, unique)
        },
    )
}

fn scalar() -> impl Strategy<Value = Ty> {
    prop_oneof![
        Just(Ty::String),
        Just(Ty::Integer),
        Just(Ty::Number),
        Just(Ty::Boolean),
        Just(Ty::Any),
        Just(Ty::Map),
        enum_values().prop_map(|(base, values)| Ty::Enum { base, values }),
    ]
}

/// A type that may refer to the first `named` named types.
fn ty(named: usize) -> BoxedStrategy<Ty> {
    let leaf = if named == 0 {
        scalar().boxed()
    } else {
        prop_oneof![3 => scalar(), 1 => (0..named).prop_map(Ty::Named)].boxed()
    };
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| Ty::Array(Box::new(t))),
            props(inner.clone()).prop_map(Ty::Object),
            union(named, inner),
        ]
    })
    .boxed()
}

/// `Object.prototype`'s members, which every TypeScript object type has.
const OBJECT_PROTOTYPE: &[&str] = &[
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

fn prop(ty: BoxedStrategy<Ty>) -> impl Strategy<Value = Prop> {
    (
        name(),
        description(),
        ty,
        any::<bool>(),
        any::<(bool, bool)>(),
    )
        .prop_map(
            |(name, description, ty, required, (nullable, null_in_type))| Prop {
                // TypeScript compares an omitted optional property with `Object.prototype`'s
                // member of that name, so such properties are required (README, limits).
                required: required || OBJECT_PROTOTYPE.contains(&name.as_str()),
                name,
                description,
                nullable: nullable && !matches!(ty, Ty::Any),
                ty,
                null_in_type,
            },
        )
}

fn props(ty: BoxedStrategy<Ty>) -> impl Strategy<Value = Vec<Prop>> {
    prop::collection::vec(prop(ty), 1..5).prop_map(|props| unique_by_name(props, |p| &mut p.name))
}

/// Unions whose every payload decodes back to itself: alternatives of different JSON kinds,
/// so that no alternative swallows another's values.
fn union(named: usize, inner: BoxedStrategy<Ty>) -> impl Strategy<Value = Ty> {
    let number = select(vec![None, Some(Ty::Integer), Some(Ty::Number)]);
    let reference = if named == 0 {
        Just(None).boxed()
    } else {
        prop::option::of(0..named).boxed()
    };
    (
        any::<(bool, bool)>(),
        number,
        prop::option::of(inner),
        reference,
        any::<bool>(),
    )
        .prop_map(|((string, boolean), number, array, reference, object)| {
            let mut members = Vec::new();
            if string {
                members.push(Ty::String);
            }
            if boolean {
                members.push(Ty::Boolean);
            }
            members.extend(number);
            if let Some(items) = array {
                members.push(Ty::Array(Box::new(items)));
            }
            if let Some(i) = reference {
                members.push(Ty::Named(i));
            }
            if object {
                members.push(Ty::Map);
            }
            if members.len() < 2 {
                members.push(Ty::String);
                members.push(Ty::Boolean);
                members.dedup_by(|a, b| matches!((a, b), (Ty::String, Ty::String)));
            }
            Ty::Union(members)
        })
}

/// Makes names unique (catalog names must be), keeping the first of each and numbering the
/// rest.
fn unique_by_name<T>(mut items: Vec<T>, name: impl Fn(&mut T) -> &mut String) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    for item in &mut items {
        let n = name(item);
        let mut candidate = n.clone();
        let mut i = 2;
        while !seen.insert(candidate.clone()) {
            candidate = format!("{n} {i}");
            i += 1;
        }
        *n = candidate;
    }
    items
}

/// Which call an event is, and which of its string properties (by position among them) are
/// the call's name and category.
#[derive(Clone, Debug)]
struct CallChoice {
    kind: u8,
    name: Option<prop::sample::Index>,
    category: Option<prop::sample::Index>,
}

fn call_choice() -> impl Strategy<Value = CallChoice> {
    (
        prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop::option::of(any::<prop::sample::Index>()),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(kind, name, category)| CallChoice {
            kind,
            name,
            category,
        })
}

impl CallChoice {
    fn call(&self, props: &[Prop]) -> EventCall {
        let text: Vec<&str> = props
            .iter()
            .filter(|p| match &p.ty {
                Ty::String => true,
                Ty::Enum { values, .. } => values.iter().all(Value::is_string),
                _ => false,
            })
            .map(|p| p.name.as_str())
            .collect();
        let pick = |i: &Option<prop::sample::Index>| {
            i.as_ref()
                .filter(|_| !text.is_empty())
                .map(|i| text[i.index(text.len())].to_owned())
        };
        let name = pick(&self.name);
        let category = pick(&self.category).filter(|c| Some(c) != name.as_ref());
        let fields = CallFields { name, category };
        match self.kind {
            0 => EventCall::Track,
            1 => EventCall::Page(fields),
            _ => EventCall::Screen(fields),
        }
    }
}

/// A random valid catalog.
pub fn catalog() -> impl Strategy<Value = Catalog> {
    (0usize..4)
        .prop_flat_map(|n| {
            let types: Vec<BoxedStrategy<NamedType>> = (0..n)
                .map(|i| {
                    (name(), description(), ty(i))
                        .prop_map(|(name, description, ty)| NamedType {
                            name,
                            description,
                            ty,
                        })
                        .boxed()
                })
                .collect();
            let event = (
                name(),
                description(),
                prop::collection::vec(prop(ty(n)), 0..5),
                call_choice(),
            )
                .prop_map(|(name, description, props, choice)| {
                    let props = unique_by_name(props, |p| &mut p.name);
                    Event {
                        call: choice.call(&props),
                        name,
                        description,
                        props,
                    }
                });
            let traits = || prop::option::weighted(0.7, props(ty(n)));
            (
                types,
                prop::collection::vec(event, 1..5),
                (traits(), traits()),
                any::<u64>(),
            )
        })
        .prop_map(|(types, events, (identify, group), seed)| {
            let mut types = unique_by_name(types, |t| &mut t.name);
            for t in &mut types {
                // Built-in type names cannot name a type of one's own.
                if tracktype::catalog::BUILTIN_TYPES.contains(&t.name.as_str()) {
                    t.name.insert_str(0, "My ");
                }
            }
            let mut catalog = Catalog {
                types: unique_by_name(types, |t| &mut t.name),
                events: unique_by_name(events, |e| &mut e.name),
                identify,
                group,
                seed,
            };
            catalog.separate_union_alternatives();
            catalog
        })
}

/// JSON kinds, as bits: what a type's values can be at the top level.
const STRING: u8 = 1;
const NUMBER: u8 = 2;
const BOOLEAN: u8 = 4;
const ARRAY: u8 = 8;
const OBJECT: u8 = 16;
const NULL: u8 = 32;

impl Catalog {
    fn kinds(&self, ty: &Ty) -> u8 {
        match ty {
            Ty::String => STRING,
            Ty::Integer | Ty::Number => NUMBER,
            Ty::Boolean => BOOLEAN,
            Ty::Any => STRING | NUMBER | BOOLEAN | ARRAY | OBJECT | NULL,
            Ty::Map | Ty::Object(_) => OBJECT,
            Ty::Array(_) => ARRAY,
            Ty::Enum { values, .. } => values.iter().fold(0, |k, v| {
                k | match v {
                    Value::String(_) => STRING,
                    Value::Number(_) => NUMBER,
                    Value::Bool(_) => BOOLEAN,
                    _ => NULL,
                }
            }),
            Ty::Named(i) => self.kinds(&self.types[*i].ty),
            Ty::Union(members) => members.iter().fold(0, |k, m| k | self.kinds(m)),
        }
    }

    /// Keeps only union alternatives of disjoint JSON kinds, so that decoding a payload picks
    /// the alternative it was made from: the round trip then proves the wire names.
    fn separate_union_alternatives(&mut self) {
        fn visit(catalog: &Catalog, ty: &mut Ty) {
            match ty {
                Ty::Array(items) => visit(catalog, items),
                Ty::Object(props) => props.iter_mut().for_each(|p| visit(catalog, &mut p.ty)),
                Ty::Union(members) => {
                    members.iter_mut().for_each(|m| visit(catalog, m));
                    let mut taken = 0;
                    members.retain(|m| {
                        let k = catalog.kinds(m);
                        let keep = k & taken == 0;
                        if keep {
                            taken |= k;
                        }
                        keep
                    });
                    for filler in [Ty::String, Ty::Boolean, Ty::Integer] {
                        if members.len() < 2 && catalog.kinds(&filler) & taken == 0 {
                            taken |= catalog.kinds(&filler);
                            members.push(filler);
                        }
                    }
                    if members.len() < 2 {
                        *ty = members.pop().unwrap_or(Ty::String);
                    }
                }
                _ => {}
            }
        }
        // Named types first, in order: later ones and events see them settled.
        for i in 0..self.types.len() {
            let mut ty = self.types[i].ty.clone();
            visit(self, &mut ty);
            self.types[i].ty = ty;
        }
        let mut events = std::mem::take(&mut self.events);
        for e in &mut events {
            for p in &mut e.props {
                visit(self, &mut p.ty);
            }
        }
        self.events = events;
        let (mut identify, mut group) = (self.identify.take(), self.group.take());
        for p in identify.iter_mut().chain(group.iter_mut()).flatten() {
            visit(self, &mut p.ty);
        }
        (self.identify, self.group) = (identify, group);
    }

    /// The catalog file, as JSON (which YAML reads as flow style).
    pub fn to_yaml(&self) -> String {
        let types: Vec<Value> = self
            .types
            .iter()
            .map(|t| {
                let mut node = Map::new();
                node.insert("name".into(), t.name.clone().into());
                if !t.description.is_empty() {
                    node.insert("description".into(), t.description.clone().into());
                }
                self.write_ty(&t.ty, false, false, &mut node);
                Value::Object(node)
            })
            .collect();
        let events: Vec<Value> = self
            .events
            .iter()
            .map(|e| {
                let mut event = Map::new();
                event.insert("name".into(), e.name.clone().into());
                if !e.description.is_empty() {
                    event.insert("description".into(), e.description.clone().into());
                }
                if let Some(fields) = e.call.fields() {
                    event.insert("call".into(), e.call.word().into());
                    if let Some(name) = &fields.name {
                        event.insert("call_name".into(), name.clone().into());
                    }
                    if let Some(category) = &fields.category {
                        event.insert("call_category".into(), category.clone().into());
                    }
                }
                if !e.props.is_empty() {
                    event.insert("properties".into(), self.props_json(&e.props));
                }
                Value::Object(event)
            })
            .collect();
        let mut doc = Map::new();
        if !types.is_empty() {
            doc.insert("types".into(), types.into());
        }
        doc.insert("events".into(), events.into());
        for (key, traits) in [("identify", &self.identify), ("group", &self.group)] {
            if let Some(traits) = traits {
                doc.insert(key.into(), json!({ "traits": self.props_json(traits) }));
            }
        }
        serde_json::to_string_pretty(&Value::Object(doc)).expect("JSON")
    }

    fn props_json(&self, props: &[Prop]) -> Value {
        props
            .iter()
            .map(|p| {
                let mut node = Map::new();
                node.insert("name".into(), p.name.clone().into());
                if !p.description.is_empty() {
                    node.insert("description".into(), p.description.clone().into());
                }
                if p.required {
                    node.insert("required".into(), true.into());
                }
                self.write_ty(&p.ty, p.nullable, p.null_in_type, &mut node);
                Value::Object(node)
            })
            .collect()
    }

    fn type_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "string".into(),
            Ty::Integer => "integer".into(),
            Ty::Number => "number".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Any => "any".into(),
            Ty::Map | Ty::Object(_) => "object".into(),
            Ty::Array(_) => "array".into(),
            Ty::Named(i) => self.types[*i].name.clone(),
            Ty::Enum { .. } | Ty::Union(_) => unreachable!("not a single type name"),
        }
    }

    fn write_ty(&self, ty: &Ty, nullable: bool, null_in_type: bool, node: &mut Map<String, Value>) {
        let mut names: Vec<Value> = Vec::new();
        match ty {
            Ty::Enum { base, values } => {
                if let Some(base) = base {
                    names.push((*base).into());
                }
                node.insert("enum".into(), values.clone().into());
            }
            Ty::Union(members) => {
                for m in members {
                    names.push(self.type_name(m).into());
                    if let Ty::Array(items) = m {
                        self.write_items(items, node);
                    }
                }
            }
            Ty::Array(items) => {
                names.push("array".into());
                self.write_items(items, node);
            }
            Ty::Object(props) => {
                names.push("object".into());
                node.insert("properties".into(), self.props_json(props));
            }
            other => names.push(self.type_name(other).into()),
        }
        if nullable {
            if null_in_type && !names.is_empty() {
                names.push(Value::Null);
            } else {
                node.insert("nullable".into(), true.into());
            }
        }
        match names.len() {
            0 => {}
            1 => {
                node.insert("type".into(), names.remove(0));
            }
            _ => {
                node.insert("type".into(), names.into());
            }
        }
    }

    fn write_items(&self, items: &Ty, node: &mut Map<String, Value>) {
        let value = match items {
            Ty::Named(i) => self.types[*i].name.clone().into(),
            other => {
                let mut item = Map::new();
                self.write_ty(other, false, false, &mut item);
                Value::Object(item)
            }
        };
        node.insert("items".into(), value);
    }
}

/// Sample payloads: a deterministic choice of values that fit each type.
pub struct Sampler<'a> {
    catalog: &'a Catalog,
    state: u64,
}

impl<'a> Sampler<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        Sampler {
            catalog,
            state: catalog.seed | 1,
        }
    }

    fn next(&mut self, n: usize) -> usize {
        // xorshift64: reproducible from the catalog's seed alone.
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        (self.state % n as u64) as usize
    }

    /// A payload for an event: every required property, most optional ones.
    pub fn event(&mut self, event: &Event) -> Value {
        self.object(&event.props)
    }

    /// Traits for an identify or group call: of the catalog's traits, or any when it has none.
    pub fn traits(&mut self, traits: Option<&Vec<Prop>>) -> Value {
        match traits {
            Some(props) => self.object(props),
            None => self.value(&Ty::Map),
        }
    }

    fn object(&mut self, props: &[Prop]) -> Value {
        let mut map = Map::new();
        for p in props {
            if !p.required && self.next(3) == 0 {
                continue;
            }
            let value = if p.nullable && self.next(3) == 0 {
                Value::Null
            } else {
                self.value(&p.ty)
            };
            map.insert(p.name.clone(), value);
        }
        Value::Object(map)
    }

    fn value(&mut self, ty: &Ty) -> Value {
        match ty {
            Ty::String => {
                let pool = [
                    "",
                    "value",
                    "quote \" back \\ slash",
                    "ünï ✓ 🎉",
                    "${x}",
                    "a\nb",
                ];
                pool[self.next(pool.len())].into()
            }
            Ty::Integer => [0i64, 7, -3, 9_007_199_254_740_991][self.next(4)].into(),
            Ty::Number => NUMBER_SAMPLES[self.next(NUMBER_SAMPLES.len())].into(),
            Ty::Boolean => (self.next(2) == 0).into(),
            // `null` is left out: an optional `any` reads `null` as absent in Rust and Swift.
            Ty::Any => [json!({"k": [1, "x", true]}), json!("s"), json!(2)][self.next(3)].clone(),
            Ty::Map => {
                [json!({}), json!({"k": 1, "nested": {"a": [true, null]}})][self.next(2)].clone()
            }
            Ty::Enum { values, .. } => values[self.next(values.len())].clone(),
            Ty::Array(items) => {
                let n = self.next(3);
                Value::Array((0..n).map(|_| self.value(items)).collect())
            }
            Ty::Object(props) => self.object(props),
            Ty::Named(i) => {
                let ty = self.catalog.types[*i].ty.clone();
                self.value(&ty)
            }
            Ty::Union(members) => {
                let m = members[self.next(members.len())].clone();
                self.value(&m)
            }
        }
    }
}
