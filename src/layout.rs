//! Stage 3a, shared by every language: the declarations a set of events needs, and the type of
//! every property in terms of them. Nested objects, enums, tuples and unions become
//! declarations of their own (a language may still print enums and unions inline), named types
//! are declared once, and each declaration knows where its name comes from, so each language
//! can name it.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Catalog, Event, Extra, Kind, Literal, Meta, Object, ObjectRules, Property, Schema, Traits,
    TraitsCall, Tuple, Union,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeclId(pub usize);

/// Everything to declare for a selection, in the order to emit it: named types first (sorted
/// by name), then the traits, then each event followed by the types nested in it.
pub struct Layout<'c> {
    /// The catalog the layout was made from.
    pub catalog: &'c Catalog,
    pub events: Vec<EventDecl<'c>>,
    /// The identify and group calls, in that order.
    pub traits: Vec<TraitsDecl<'c>>,
    pub decls: Vec<Decl<'c>>,
    /// For each declaration, the index of the event whose properties it is.
    event_of: Vec<Option<usize>>,
}

pub struct EventDecl<'c> {
    pub event: &'c Event,
    /// The struct of the event's properties.
    pub decl: DeclId,
    /// Names of the use cases that need the event, in catalog order.
    pub use_cases: Vec<&'c str>,
}

/// The traits of identify or group calls.
pub struct TraitsDecl<'c> {
    pub call: TraitsCall,
    pub traits: Option<&'c Traits>,
    /// The struct of the traits; `None` when no catalog or plan describes them, and the call
    /// takes any traits.
    pub decl: Option<DeclId>,
}

pub struct Decl<'c> {
    pub origin: Origin,
    pub description: &'c str,
    pub meta: Option<&'c Meta>,
    pub body: Body<'c>,
}

impl Decl<'_> {
    pub fn deprecated(&self) -> bool {
        self.meta.is_some_and(|m| m.deprecated)
    }
}

/// Where a declaration's name comes from.
#[derive(Clone, Debug)]
pub enum Origin {
    /// An event's properties: named after the event.
    Event(String),
    /// The traits of identify or group calls.
    Traits(TraitsCall),
    /// A named type of the catalog.
    Named(String),
    /// A type nested in another declaration: the parent's name followed by these words (a
    /// property's wire name, `item` for array items, a union member's title or tag).
    Nested { parent: DeclId, words: String },
}

pub enum Body<'c> {
    Struct(Struct<'c>),
    Enum(&'c [Literal]),
    Union(UnionBody<'c>),
    Tuple(TupleBody),
    /// A named type that is not an object, an enum, a tuple or a union (`type: string`, say).
    Alias(Ty),
}

pub struct Struct<'c> {
    pub fields: Vec<Field<'c>>,
    /// The type of the object's other keys, where the catalog types them
    /// (`additional_properties` with a type, or `pattern_properties`).
    pub extra: Option<Ty>,
    /// What the catalog says about the object's keys beyond its properties.
    pub rules: Option<&'c ObjectRules>,
}

pub struct Field<'c> {
    pub property: &'c Property,
    pub ty: Ty,
}

pub struct UnionBody<'c> {
    pub members: Vec<Member<'c>>,
    /// The wire name of the property whose one fixed string value tells the alternatives
    /// apart, when there is one.
    pub discriminator: Option<&'c str>,
    pub exclusive: bool,
}

pub struct Member<'c> {
    pub ty: Ty,
    /// The words naming the alternative (a variant or case).
    pub words: String,
    /// The discriminator's value for this alternative.
    pub tag: Option<&'c str>,
    pub schema: &'c Schema,
}

pub struct TupleBody {
    pub items: Vec<Ty>,
    /// How many leading items every value has.
    pub required: usize,
    /// The type of the items after the typed ones; `None` when there may be none.
    pub rest: Option<Ty>,
}

/// A type as the languages print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Any,
    String,
    Number,
    Integer,
    Boolean,
    /// An object of any keys whose values have this type (`Ty::Any`: free-form).
    Map(Box<Ty>),
    Array(Box<Ty>),
    Decl(DeclId),
    Nullable(Box<Ty>),
}

impl Ty {
    /// The type without its outer `Nullable`, and whether there was one.
    pub fn split_nullable(&self) -> (&Ty, bool) {
        match self {
            Ty::Nullable(inner) => (inner, true),
            other => (other, false),
        }
    }

    /// The types directly inside this one.
    pub fn inner(&self) -> Option<&Ty> {
        match self {
            Ty::Map(inner) | Ty::Array(inner) | Ty::Nullable(inner) => Some(inner),
            _ => None,
        }
    }
}

impl<'c> Layout<'c> {
    pub fn new(catalog: &'c Catalog, events: &[&'c Event]) -> Self {
        let mut b = Builder {
            catalog,
            decls: Vec::new(),
            named: BTreeMap::new(),
        };
        // Named types first, in name order, so their names do not depend on the events.
        let mut reachable = BTreeSet::new();
        let mut queue: Vec<String> = Vec::new();
        for e in events {
            e.properties.iter().for_each(|p| p.schema.refs(&mut queue));
            e.rules.each_child(&mut |s| s.refs(&mut queue));
        }
        for call in TraitsCall::ALL {
            if let Some(t) = catalog.traits(call) {
                t.properties.iter().for_each(|p| p.schema.refs(&mut queue));
                t.rules.each_child(&mut |s| s.refs(&mut queue));
            }
        }
        while let Some(name) = queue.pop() {
            if reachable.insert(name.clone())
                && let Some(t) = catalog.named_type(&name)
            {
                t.schema.refs(&mut queue);
            }
        }
        for name in &reachable {
            b.named_decl(name);
        }
        // The traits before the events: their types are named first, whatever the events are
        // called.
        let traits = TraitsCall::ALL
            .into_iter()
            .map(|call| {
                let traits = catalog.traits(call);
                let decl = traits.map(|t| {
                    let id = b.push(Origin::Traits(call), &t.description, None);
                    let body = b.object_struct(&t.properties, &t.rules, id);
                    b.decls[id.0].body = Body::Struct(body);
                    id
                });
                TraitsDecl { call, traits, decl }
            })
            .collect();
        let mut out = Vec::with_capacity(events.len());
        let mut event_of = Vec::new();
        for event in events {
            let id = b.push(
                Origin::Event(event.name.clone()),
                &event.description,
                event.meta.as_deref(),
            );
            let body = b.object_struct(&event.properties, &event.rules, id);
            b.decls[id.0].body = Body::Struct(body);
            event_of.resize(b.decls.len(), None);
            event_of[id.0] = Some(out.len());
            out.push(EventDecl {
                event,
                decl: id,
                use_cases: catalog
                    .use_cases_needing(&event.name)
                    .map(|u| u.name.as_str())
                    .collect(),
            });
        }
        event_of.resize(b.decls.len(), None);
        Layout {
            catalog,
            events: out,
            traits,
            decls: b.decls,
            event_of,
        }
    }

    pub fn decl(&self, id: DeclId) -> &Decl<'c> {
        &self.decls[id.0]
    }

    /// The event whose properties a declaration is, if it is one.
    pub fn event_of(&self, id: DeclId) -> Option<&EventDecl<'c>> {
        self.event_of
            .get(id.0)
            .copied()
            .flatten()
            .map(|i| &self.events[i])
    }

    /// The struct of a call's traits; `None` when the call takes any traits.
    pub fn traits_decl(&self, call: TraitsCall) -> Option<DeclId> {
        self.traits
            .iter()
            .find(|t| t.call == call)
            .and_then(|t| t.decl)
    }

    /// The traits a declaration is, if it is some.
    pub fn traits_of(&self, id: DeclId) -> Option<&TraitsDecl<'c>> {
        self.traits.iter().find(|t| t.decl == Some(id))
    }

    /// The one value a type allows, when it is an enum of one value (a union's tag): a
    /// constructor can fill it in.
    pub fn single_value(&self, ty: &Ty) -> Option<(DeclId, &'c Literal)> {
        let Ty::Decl(id) = ty else { return None };
        match &self.decl(*id).body {
            Body::Enum([only]) => Some((*id, only)),
            _ => None,
        }
    }

    /// Whether any type anywhere has this shape, e.g. to emit a helper only when used.
    pub fn any_ty(&self, f: &dyn Fn(&Ty) -> bool) -> bool {
        fn walk(ty: &Ty, f: &dyn Fn(&Ty) -> bool) -> bool {
            f(ty) || ty.inner().is_some_and(|inner| walk(inner, f))
        }
        self.decls.iter().any(|d| match &d.body {
            Body::Struct(s) => {
                s.fields.iter().any(|fl| walk(&fl.ty, f))
                    || s.extra.as_ref().is_some_and(|t| walk(t, f))
            }
            Body::Union(u) => u.members.iter().any(|m| walk(&m.ty, f)),
            Body::Tuple(t) => {
                t.items.iter().any(|i| walk(i, f)) || t.rest.as_ref().is_some_and(|r| walk(r, f))
            }
            Body::Alias(ty) => walk(ty, f),
            Body::Enum(_) => false,
        })
    }
}

struct Builder<'c> {
    catalog: &'c Catalog,
    decls: Vec<Decl<'c>>,
    named: BTreeMap<String, DeclId>,
}

impl<'c> Builder<'c> {
    fn push(&mut self, origin: Origin, description: &'c str, meta: Option<&'c Meta>) -> DeclId {
        self.decls.push(Decl {
            origin,
            description,
            meta,
            body: Body::Alias(Ty::Any),
        });
        DeclId(self.decls.len() - 1)
    }

    fn named_decl(&mut self, name: &str) -> Option<DeclId> {
        if let Some(id) = self.named.get(name) {
            return Some(*id);
        }
        let t = self.catalog.named_type(name)?;
        let id = self.push(
            Origin::Named(t.name.clone()),
            &t.schema.description,
            t.schema.meta(),
        );
        self.named.insert(name.to_owned(), id);
        let body = match &t.schema.kind {
            Kind::Object(o) if !o.is_map() => {
                Body::Struct(self.object_struct(&o.properties, &o.rules, id))
            }
            Kind::Enum(values) if !values.iter().any(Literal::is_structured) => Body::Enum(values),
            Kind::Union(u) => Body::Union(self.union(u, id)),
            Kind::Tuple(t) => Body::Tuple(self.tuple(t, id)),
            // A named type's nullability belongs to the places that use it (see `ty`).
            _ => match self.ty(&t.schema, id, "value") {
                Ty::Nullable(inner) => Body::Alias(*inner),
                other => Body::Alias(other),
            },
        };
        self.decls[id.0].body = body;
        Some(id)
    }

    fn object_struct(
        &mut self,
        props: &'c [Property],
        rules: &'c ObjectRules,
        parent: DeclId,
    ) -> Struct<'c> {
        let fields = props
            .iter()
            .map(|p| Field {
                property: p,
                ty: self.ty(&p.schema, parent, &p.name),
            })
            .collect();
        let extra = self.extra_values(rules, parent, false);
        Struct {
            fields,
            extra,
            rules: (!rules.is_empty()).then_some(rules),
        }
    }

    /// The type of an object's other keys: the union of its typed `additional_properties` and
    /// its pattern properties. `None` when the catalog types neither; for a map (`map`), any.
    fn extra_values(&mut self, rules: &'c ObjectRules, parent: DeclId, map: bool) -> Option<Ty> {
        let mut schemas: Vec<&'c Schema> = rules.patterns.iter().map(|p| &p.schema).collect();
        match &rules.extra {
            Extra::Typed(s) => schemas.push(s),
            Extra::Any if map => return Some(Ty::Any),
            Extra::Unspecified if map && schemas.is_empty() => return Some(Ty::Any),
            _ => {}
        }
        match schemas.as_slice() {
            [] => None,
            [one] => Some(self.ty(one, parent, "value")),
            many => {
                let id = self.nested(parent, "value", "", None);
                let members = many
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let words = member_words(s, None, i);
                        Member {
                            ty: self.ty(s, id, &words),
                            words,
                            tag: None,
                            schema: s,
                        }
                    })
                    .collect();
                self.decls[id.0].body = Body::Union(UnionBody {
                    members,
                    discriminator: None,
                    exclusive: false,
                });
                Some(Ty::Decl(id))
            }
        }
    }

    fn union(&mut self, union: &'c Union, parent: DeclId) -> UnionBody<'c> {
        let discriminator = self.discriminator(&union.members);
        let members = union
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let tag = discriminator.and_then(|d| self.tag(m, d));
                let words = member_words(m, tag, i);
                Member {
                    ty: self.ty(m, parent, &words),
                    words,
                    tag,
                    schema: m,
                }
            })
            .collect();
        UnionBody {
            members,
            discriminator,
            exclusive: union.exclusive,
        }
    }

    fn tuple(&mut self, tuple: &'c Tuple, parent: DeclId) -> TupleBody {
        let items = tuple
            .items
            .iter()
            .enumerate()
            .map(|(i, s)| self.ty(s, parent, &format!("item {i}")))
            .collect();
        let rest = match &tuple.rest {
            Extra::Forbidden => None,
            Extra::Typed(s) => Some(self.ty(s, parent, "rest item")),
            Extra::Unspecified | Extra::Any => Some(Ty::Any),
        };
        TupleBody {
            items,
            required: tuple.required_items(),
            rest,
        }
    }

    /// The object an alternative stands for, through a named type.
    fn object_of(&self, schema: &'c Schema) -> Option<&'c Object> {
        match &schema.kind {
            Kind::Object(o) => Some(o),
            Kind::Ref(name) => match &self.catalog.named_type(name)?.schema.kind {
                Kind::Object(o) => Some(o),
                _ => None,
            },
            _ => None,
        }
    }

    /// A property that every alternative requires with one fixed string value, different in
    /// each: it tells the alternatives apart.
    fn discriminator(&self, members: &'c [Schema]) -> Option<&'c str> {
        let objects: Vec<&'c Object> = members
            .iter()
            .map(|m| self.object_of(m))
            .collect::<Option<_>>()?;
        let first = objects.first()?;
        first.properties.iter().find_map(|candidate| {
            let mut values = BTreeSet::new();
            let all = objects.iter().all(|o| {
                o.properties
                    .iter()
                    .find(|p| p.name == candidate.name)
                    .and_then(fixed_string)
                    .is_some_and(|v| values.insert(v))
            });
            all.then_some(candidate.name.as_str())
        })
    }

    fn tag(&self, member: &'c Schema, discriminator: &str) -> Option<&'c str> {
        self.object_of(member)?
            .properties
            .iter()
            .find(|p| p.name == discriminator)
            .and_then(fixed_string)
    }

    /// The type of a schema found in `parent` under the wire name `words`.
    fn ty(&mut self, schema: &'c Schema, parent: DeclId, words: &str) -> Ty {
        let base = match &schema.kind {
            Kind::Any => return Ty::Any,
            Kind::String(_) => Ty::String,
            Kind::Number(_) => Ty::Number,
            Kind::Integer(_) => Ty::Integer,
            Kind::Boolean => Ty::Boolean,
            Kind::Array(items, _) => {
                Ty::Array(Box::new(self.ty(items, parent, &format!("{words} item"))))
            }
            // Values that are arrays or objects have no literal type in any language.
            Kind::Enum(values) if values.iter().any(Literal::is_structured) => return Ty::Any,
            Kind::Enum(values) => {
                let id = self.nested(parent, words, &schema.description, schema.meta());
                self.decls[id.0].body = Body::Enum(values);
                Ty::Decl(id)
            }
            Kind::Object(o) if o.is_map() => {
                let values = self.extra_values(&o.rules, parent, true).unwrap_or(Ty::Any);
                Ty::Map(Box::new(values))
            }
            Kind::Object(o) => {
                let id = self.nested(parent, words, &schema.description, schema.meta());
                let body = self.object_struct(&o.properties, &o.rules, id);
                self.decls[id.0].body = Body::Struct(body);
                Ty::Decl(id)
            }
            Kind::Tuple(t) => {
                let id = self.nested(parent, words, &schema.description, schema.meta());
                let body = self.tuple(t, id);
                self.decls[id.0].body = Body::Tuple(body);
                Ty::Decl(id)
            }
            Kind::Union(u) => {
                let id = self.nested(parent, words, &schema.description, schema.meta());
                let body = self.union(u, id);
                self.decls[id.0].body = Body::Union(body);
                Ty::Decl(id)
            }
            Kind::Ref(name) => {
                let Some(id) = self.named_decl(name) else {
                    return Ty::Any;
                };
                let nullable = self
                    .catalog
                    .named_type(name)
                    .is_some_and(|t| t.schema.nullable);
                return if nullable || schema.nullable {
                    Ty::Nullable(Box::new(Ty::Decl(id)))
                } else {
                    Ty::Decl(id)
                };
            }
        };
        if schema.nullable {
            Ty::Nullable(Box::new(base))
        } else {
            base
        }
    }

    fn nested(
        &mut self,
        parent: DeclId,
        words: &str,
        description: &'c str,
        meta: Option<&'c Meta>,
    ) -> DeclId {
        self.push(
            Origin::Nested {
                parent,
                words: words.to_owned(),
            },
            description,
            meta,
        )
    }
}

/// The one string value a property's schema allows, if it allows exactly one and requires it.
fn fixed_string(p: &Property) -> Option<&str> {
    match &p.schema.kind {
        Kind::Enum(values) if p.required && !p.schema.nullable => match values.as_slice() {
            [Literal::String(s)] => Some(s.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// The words naming a union's alternative: a named type's name, the discriminator's value,
/// the alternative's title, or its type.
fn member_words(schema: &Schema, tag: Option<&str>, index: usize) -> String {
    if let Kind::Ref(name) = &schema.kind {
        return name.clone();
    }
    if let Some(tag) = tag {
        return tag.to_owned();
    }
    if let Some(title) = schema.meta().and_then(|m| m.title.as_deref()) {
        return title.to_owned();
    }
    match &schema.kind {
        Kind::Object(o) if !o.is_map() => format!("option {}", index + 1),
        Kind::Object(_) => "object".to_owned(),
        Kind::Tuple(_) => "tuple".to_owned(),
        Kind::Enum(_) => "value".to_owned(),
        Kind::Union(_) => format!("option {}", index + 1),
        _ => schema.type_word(),
    }
}
