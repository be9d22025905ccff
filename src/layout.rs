//! Stage 3a, shared by every language: the declarations a set of events needs, and the type of
//! every property in terms of them. Nested objects, enums and unions become declarations of
//! their own (a language may still print enums and unions inline), named types are declared
//! once, and each declaration knows where its name comes from, so each language can name it.

use std::collections::BTreeMap;

use crate::model::{Catalog, Event, Kind, Literal, Property, Schema};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeclId(pub usize);

/// Everything to declare for a selection, in the order to emit it: named types first (sorted
/// by name), then each event followed by the types nested in it.
pub struct Layout<'c> {
    pub events: Vec<EventDecl<'c>>,
    pub decls: Vec<Decl<'c>>,
}

pub struct EventDecl<'c> {
    pub event: &'c Event,
    /// The struct of the event's properties.
    pub decl: DeclId,
    /// Names of the use cases that need the event, in catalog order.
    pub use_cases: Vec<&'c str>,
}

pub struct Decl<'c> {
    pub origin: Origin,
    pub description: &'c str,
    pub body: Body<'c>,
}

/// Where a declaration's name comes from.
#[derive(Clone, Debug)]
pub enum Origin {
    /// An event's properties: named after the event.
    Event(String),
    /// A named type of the catalog.
    Named(String),
    /// A type nested in another declaration: the parent's name followed by these words (a
    /// property's wire name, `item` for array items, a union member's type).
    Nested { parent: DeclId, words: String },
}

pub enum Body<'c> {
    Struct(Vec<Field<'c>>),
    Enum(&'c [Literal]),
    Union(Vec<Ty>),
    /// A named type that is not an object, an enum or a union (`type: string`, say).
    Alias(Ty),
}

pub struct Field<'c> {
    pub property: &'c Property,
    pub ty: Ty,
}

/// A type as the languages print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Any,
    String,
    Number,
    Integer,
    Boolean,
    /// A free-form object.
    Map,
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
}

impl<'c> Layout<'c> {
    pub fn new(catalog: &'c Catalog, events: &[&'c Event]) -> Self {
        let mut b = Builder {
            catalog,
            decls: Vec::new(),
            named: BTreeMap::new(),
        };
        // Named types first, in name order, so their names do not depend on the events.
        let mut reachable = std::collections::BTreeSet::new();
        let mut queue: Vec<String> = Vec::new();
        for e in events {
            for p in &e.properties {
                p.schema.refs(&mut queue);
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
        let mut out = Vec::new();
        for event in events {
            let id = b.push(Origin::Event(event.name.clone()), &event.description);
            let fields = b.fields(&event.properties, id);
            b.decls[id.0].body = Body::Struct(fields);
            out.push(EventDecl {
                event,
                decl: id,
                use_cases: catalog
                    .use_cases_needing(&event.name)
                    .map(|u| u.name.as_str())
                    .collect(),
            });
        }
        Layout {
            events: out,
            decls: b.decls,
        }
    }

    pub fn decl(&self, id: DeclId) -> &Decl<'c> {
        &self.decls[id.0]
    }

    /// Whether any property anywhere has this type shape, e.g. to emit a helper only when used.
    pub fn any_ty(&self, f: &dyn Fn(&Ty) -> bool) -> bool {
        fn walk(ty: &Ty, f: &dyn Fn(&Ty) -> bool) -> bool {
            f(ty)
                || match ty {
                    Ty::Array(inner) | Ty::Nullable(inner) => walk(inner, f),
                    _ => false,
                }
        }
        self.decls.iter().any(|d| match &d.body {
            Body::Struct(fields) => fields.iter().any(|fl| walk(&fl.ty, f)),
            Body::Union(members) => members.iter().any(|m| walk(m, f)),
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
    fn push(&mut self, origin: Origin, description: &'c str) -> DeclId {
        self.decls.push(Decl {
            origin,
            description,
            body: Body::Struct(Vec::new()),
        });
        DeclId(self.decls.len() - 1)
    }

    fn named_decl(&mut self, name: &str) -> Option<DeclId> {
        if let Some(id) = self.named.get(name) {
            return Some(*id);
        }
        let t = self.catalog.named_type(name)?;
        let id = self.push(Origin::Named(t.name.clone()), &t.schema.description);
        self.named.insert(name.to_owned(), id);
        let body = match &t.schema.kind {
            Kind::Object(props) => Body::Struct(self.fields(props, id)),
            Kind::Enum(values) => Body::Enum(values),
            Kind::Union(members) => Body::Union(self.members(members, id)),
            // A named type's nullability belongs to the places that use it (see `ty`).
            _ => match self.ty(&t.schema, id, "value") {
                Ty::Nullable(inner) => Body::Alias(*inner),
                other => Body::Alias(other),
            },
        };
        self.decls[id.0].body = body;
        Some(id)
    }

    fn fields(&mut self, props: &'c [Property], parent: DeclId) -> Vec<Field<'c>> {
        props
            .iter()
            .map(|p| Field {
                property: p,
                ty: self.ty(&p.schema, parent, &p.name),
            })
            .collect()
    }

    fn members(&mut self, members: &'c [Schema], parent: DeclId) -> Vec<Ty> {
        members
            .iter()
            .map(|m| {
                let word = match &m.kind {
                    Kind::Object(_) | Kind::Map => "object".to_owned(),
                    Kind::Ref(name) => name.clone(),
                    _ => m.type_word(),
                };
                self.ty(m, parent, &word)
            })
            .collect()
    }

    /// The type of a schema found in `parent` under the wire name `words`.
    fn ty(&mut self, schema: &'c Schema, parent: DeclId, words: &str) -> Ty {
        let base = match &schema.kind {
            Kind::Any => return Ty::Any,
            Kind::String(_) => Ty::String,
            Kind::Number(_) => Ty::Number,
            Kind::Integer(_) => Ty::Integer,
            Kind::Boolean => Ty::Boolean,
            Kind::Map => Ty::Map,
            Kind::Array(items) => {
                Ty::Array(Box::new(self.ty(items, parent, &format!("{words} item"))))
            }
            Kind::Enum(values) => {
                let id = self.nested(parent, words, &schema.description);
                self.decls[id.0].body = Body::Enum(values);
                Ty::Decl(id)
            }
            Kind::Object(props) => {
                let id = self.nested(parent, words, &schema.description);
                let fields = self.fields(props, id);
                self.decls[id.0].body = Body::Struct(fields);
                Ty::Decl(id)
            }
            Kind::Union(members) => {
                let id = self.nested(parent, words, &schema.description);
                let members = self.members(members, id);
                self.decls[id.0].body = Body::Union(members);
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

    fn nested(&mut self, parent: DeclId, words: &str, description: &'c str) -> DeclId {
        self.push(
            Origin::Nested {
                parent,
                words: words.to_owned(),
            },
            description,
        )
    }
}
