//! From a raw node (a property, items, an alternative or a named type, as written) to its
//! typed [`Schema`], with every constraint and annotation kept, and every key checked to apply
//! where it stands.

use std::collections::BTreeMap;

use serde_json::{Number, Value};

use crate::diagnostic::{Diagnostic, Loc};
use crate::lang::Language;
use crate::limits;
use crate::model::{
    ArrayRules, Extra, Kind, Literal, Meta, NumberRules, Object, ObjectRules, PatternProperty,
    Property, Schema, StringRules, Tuple, Union,
};
use crate::suggest;
use crate::yaml::Sp;

use super::raw::{Additional, Items, ObjectKeys, Rare, RawNode, TypeSpec};
use super::resolve::{BUILTIN_TYPES, FORMATS, ORIGINS, Resolver, node_loc, text};

/// Where a node stands, which decides the keys it may have.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Position {
    Property,
    Items,
    NamedType,
    Alternative,
    /// The values of other keys or items (`additional_properties`, `pattern_properties`,
    /// `additional_items`).
    Values,
}

impl Position {
    fn describe(self) -> &'static str {
        match self {
            Position::Property => "a property",
            Position::Items => "array items",
            Position::NamedType => "a named type",
            Position::Alternative => "an alternative of `one_of` or `any_of`",
            Position::Values => "the values of other keys",
        }
    }
}

/// The `enum` key as written: each value with its place.
type EnumValues = Sp<Vec<Sp<Value>>>;

/// The values of `enum` or `const`, with the `enum` key they were written in, if any.
type Literals<'n> = Option<(Vec<Literal>, Option<&'n EnumValues>)>;

impl Resolver<'_> {
    /// The type a node describes. `None` when it is invalid (the problems are reported).
    pub(super) fn schema(
        &mut self,
        node: &RawNode,
        position: Position,
        depth: usize,
    ) -> Option<Schema> {
        let ok = self.position_keys(node, position);
        if depth > limits::MAX_SCHEMA_DEPTH {
            let loc = node_loc(node)?;
            self.error(
                &loc,
                format!(
                    "types are nested more than {} levels deep",
                    limits::MAX_SCHEMA_DEPTH
                ),
            )
            .hint = Some("declare the inner objects as named types under `types`".into());
            return None;
        }
        let alternatives = match (&node.one_of, &node.any_of) {
            (Some(one), Some(any)) => {
                self.error(&any.loc, "`one_of` and `any_of` cannot be combined")
                    .notes
                    .push((one.loc.clone(), "`one_of` is here".into()));
                return None;
            }
            (Some(one), None) => Some((one, true)),
            (None, Some(any)) => Some((any, false)),
            (None, None) => None,
        };
        let mut schema = match alternatives {
            Some((list, exclusive)) => self.alternatives(node, list, exclusive, depth)?,
            None => self.single(node, position, depth)?,
        };
        if !ok {
            return None;
        }
        if matches!(schema.kind, Kind::Any) {
            schema.nullable = false;
        }
        schema.description = text(node.description.as_ref());
        schema.meta = meta(node);
        Some(schema)
    }

    /// `one_of` or `any_of`: alternatives that are each a whole type. `type: "null"` among
    /// them makes the value nullable.
    fn alternatives(
        &mut self,
        node: &RawNode,
        list: &Sp<Vec<RawNode>>,
        exclusive: bool,
        depth: usize,
    ) -> Option<Schema> {
        let beside = [
            ("type", node.ty.as_ref().map(|s| &s.loc)),
            ("items", node.items.as_ref().map(|s| &s.loc)),
            ("properties", node.properties.as_ref().map(|s| &s.loc)),
            ("enum", node.enum_values.as_ref().map(|s| &s.loc)),
            ("const", node.const_value.as_ref().map(|s| &s.loc)),
            ("format", node.format.as_ref().map(|s| &s.loc)),
            ("pattern", node.pattern.as_ref().map(|s| &s.loc)),
            ("minimum", node.minimum.as_ref().map(|s| &s.loc)),
            ("maximum", node.maximum.as_ref().map(|s| &s.loc)),
            (
                "additional_properties",
                node.additional_properties.as_ref().map(|s| &s.loc),
            ),
        ];
        let mut ok = true;
        for (key, loc) in beside {
            if let Some(loc) = loc {
                self.error(
                    loc,
                    format!("`{key}` cannot stand beside `one_of` or `any_of`"),
                )
                .hint = Some("write it in each alternative that it applies to".into());
                ok = false;
            }
        }
        if list.value.is_empty() {
            self.error(&list.loc, "a list of alternatives is empty");
            return None;
        }
        let mut nullable = node.nullable.as_ref().is_some_and(|n| n.value);
        let mut members = Vec::new();
        for alternative in &list.value {
            if is_only_null(alternative) {
                nullable = true;
                continue;
            }
            match self.schema(alternative, Position::Alternative, depth + 1) {
                Some(mut member) => {
                    nullable |= member.nullable;
                    member.nullable = false;
                    members.push(member);
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let kind = match members.len() {
            0 => Kind::Any,
            1 => members.pop().map(|m| m.kind)?,
            _ => Kind::Union(Box::new(Union { members, exclusive })),
        };
        Some(Schema {
            nullable,
            ..Schema::new(kind)
        })
    }

    /// A node without alternatives: its `type` (or the type its keys imply), with the keys
    /// that shape it.
    fn single(&mut self, node: &RawNode, position: Position, depth: usize) -> Option<Schema> {
        let mut ok = true;
        let mut nullable = node.nullable.as_ref().is_some_and(|n| n.value);
        let mut names: Vec<Sp<String>> = Vec::new();
        if let Some(ty) = &node.ty {
            let list = match &ty.value {
                TypeSpec::One(n) => vec![n.clone()],
                TypeSpec::Many(ns) => ns.clone(),
            };
            if list.is_empty() {
                self.error(&ty.loc, "`type` is an empty list");
                return None;
            }
            for n in list {
                if n == "null" {
                    nullable = true;
                } else if names.iter().any(|m| m.value == n) {
                    self.error(&ty.loc, format!("type `{n}` is listed twice"));
                    ok = false;
                } else if !BUILTIN_TYPES.contains(&n.as_str()) && !self.type_names.contains(&n) {
                    let candidates: Vec<&str> = BUILTIN_TYPES
                        .iter()
                        .copied()
                        .chain(self.type_names.iter().map(String::as_str))
                        .collect();
                    let hint = suggest::did_you_mean(&n, &candidates).unwrap_or_else(|| {
                        "use a built-in type (string, number, integer, boolean, array, object, any) or a type defined under `types`".to_owned()
                    });
                    self.error(&ty.loc, format!("unknown type `{n}`")).hint = Some(hint);
                    ok = false;
                } else {
                    names.push(Sp::new(n, ty.loc.clone()));
                }
            }
        }
        // `any` among several types is any: every value is allowed.
        if names.len() > 1 && names.iter().any(|n| n.value == "any") {
            names.retain(|n| n.value == "any");
        }
        let literals = self.literals(node, &mut nullable);
        let literals = match literals {
            Ok(l) => l,
            Err(()) => return None,
        };
        if !ok {
            return None;
        }

        let kind = match names.len() {
            0 if node.ty.is_some() => {
                // `type: null` alone: a value that can only be null is typed as any, and the
                // rule that it is null is kept as a one-value enum for validation.
                nullable = false;
                Kind::Any
            }
            0 => match (&literals, implied_type(node)) {
                (Some((values, _)), _) => self.enum_kind(values, node)?,
                (None, Some(word)) => self.kind(word, node, depth)?,
                (None, None) => {
                    let loc = node_loc(node)?;
                    self.error(&loc, format!("{} has no `type`", position.describe())).hint = Some(
                        "add `type:` with string, number, integer, boolean, array, object, any, or a named type"
                            .into(),
                    );
                    return None;
                }
            },
            1 => match &literals {
                Some((values, sp)) => {
                    self.check_literals_fit(&[&names[0].value], values, sp)?;
                    self.enum_kind(values, node)?
                }
                None => self.kind(&names[0].value, node, depth)?,
            },
            _ => match &literals {
                Some((values, sp)) => {
                    let words: Vec<&str> = names.iter().map(|n| n.value.as_str()).collect();
                    self.check_literals_fit(&words, values, sp)?;
                    self.enum_kind(values, node)?
                }
                None => {
                    let mut members = Vec::new();
                    for n in &names {
                        members.push(Schema::new(self.kind(&n.value, node, depth)?));
                    }
                    Kind::Union(Box::new(Union {
                        members,
                        exclusive: false,
                    }))
                }
            },
        };
        if !self.applicable_keys(node, &kind) {
            return None;
        }
        Some(Schema {
            nullable,
            ..Schema::new(kind)
        })
    }

    /// An enum's kind; values that are arrays or objects have no literal type in any target
    /// language, which a warning says.
    fn enum_kind(&mut self, values: &[Literal], node: &RawNode) -> Option<Kind> {
        if values.iter().any(Literal::is_structured)
            && let Some(loc) = node
                .const_value
                .as_ref()
                .map(|c| c.loc.clone())
                .or_else(|| node.enum_values.as_ref().map(|e| e.loc.clone()))
        {
            self.warn(
                Diagnostic::warning(
                    &loc,
                    "a value that is an array or an object has no literal type in TypeScript, Rust or Swift",
                )
                .with_hint(
                    "the generated type accepts any JSON value here; the allowed values are documented",
                ),
            );
        }
        Some(Kind::Enum(values.to_vec()))
    }

    /// Keys that belong to properties only, and `name`, which only properties and named types
    /// have.
    fn position_keys(&mut self, node: &RawNode, position: Position) -> bool {
        let mut ok = true;
        if position != Position::Property {
            let keys: [(&str, Option<&Loc>); 3] = [
                ("required", node.required.as_ref().map(|s| &s.loc)),
                (
                    "required_reason",
                    node.required_reason.as_ref().map(|s| &s.loc),
                ),
                ("origin", node.origin.as_ref().map(|s| &s.loc)),
            ];
            for (key, loc) in keys {
                if let Some(loc) = loc {
                    self.error(
                        loc,
                        format!(
                            "`{key}` applies to properties, not to {}",
                            position.describe()
                        ),
                    );
                    ok = false;
                }
            }
        }
        if position != Position::NamedType
            && let Some(r) = &node.replace
        {
            self.error(
                &r.loc,
                format!(
                    "`replace` applies to events and named types, not to {}",
                    position.describe()
                ),
            );
            ok = false;
        }
        if matches!(
            position,
            Position::Items | Position::Alternative | Position::Values
        ) && let Some(name) = &node.name
        {
            self.error(&name.loc, format!("{} has no `name`", position.describe()))
                .hint =
                Some("to reuse a type, define it under `types` and refer to it by name".into());
            ok = false;
        }
        ok
    }

    /// The kind for one type word, with the keys that shape it.
    fn kind(&mut self, word: &str, node: &RawNode, depth: usize) -> Option<Kind> {
        Some(match word {
            "string" => Kind::String(self.string_rules(node)?),
            "number" => Kind::Number(self.number_rules(node)?),
            "integer" => Kind::Integer(self.number_rules(node)?),
            "boolean" => Kind::Boolean,
            "any" => Kind::Any,
            "array" => self.array(node, depth)?,
            "object" => {
                let owner = node
                    .name
                    .as_ref()
                    .map_or_else(|| "an object".to_owned(), |n| format!("`{}`", n.value));
                let properties = match &node.properties {
                    Some(props) => self.properties(props, &owner, depth + 1)?,
                    None => Vec::new(),
                };
                let rules = self.object_rules(&node.object_keys(), &properties, depth)?;
                Kind::Object(Box::new(Object { properties, rules }))
            }
            named => Kind::Ref(named.to_owned()),
        })
    }

    fn array(&mut self, node: &RawNode, depth: usize) -> Option<Kind> {
        let rules = self.array_rules(node)?;
        match node.items.as_deref() {
            Some(Sp {
                value: Items::Tuple(list),
                ..
            }) => {
                let mut items = Vec::new();
                let mut ok = true;
                for item in list {
                    match self.items_schema(item, depth) {
                        Some(s) => items.push(s),
                        None => ok = false,
                    }
                }
                let rest = match &node.additional_items {
                    Some(extra) => self.extra(extra, depth)?,
                    None => Extra::Unspecified,
                };
                ok.then(|| Kind::Tuple(Box::new(Tuple { items, rest, rules })))
            }
            Some(items) => Some(Kind::Array(
                Box::new(self.items_schema(items, depth)?),
                rules,
            )),
            None => Some(Kind::Array(Box::new(Schema::new(Kind::Any)), rules)),
        }
    }

    fn items_schema(&mut self, items: &Sp<Items>, depth: usize) -> Option<Schema> {
        match &items.value {
            Items::Node(inner) => self.schema(inner, Position::Items, depth + 1),
            Items::Name(name) => self.named(name, &items.loc, Position::Items, depth),
            Items::Tuple(_) => {
                self.error(&items.loc, "a tuple's item cannot itself be a list")
                    .hint = Some("write `{type: array, items: [...]}` for a nested tuple".into());
                None
            }
        }
    }

    /// A type given by name where a type is expected (`items: Product`).
    fn named(&mut self, name: &str, loc: &Loc, position: Position, depth: usize) -> Option<Schema> {
        let synthetic = RawNode {
            ty: Some(Sp::new(TypeSpec::One(name.to_owned()), loc.clone())),
            ..RawNode::default()
        };
        self.schema(&synthetic, position, depth + 1)
    }

    /// `additional_properties` or `additional_items`.
    fn extra(&mut self, extra: &Sp<Additional>, depth: usize) -> Option<Extra> {
        Some(match &extra.value {
            Additional::Allowed(true) => Extra::Any,
            Additional::Allowed(false) => Extra::Forbidden,
            Additional::Name(name) => Extra::Typed(Box::new(self.named(
                name,
                &extra.loc,
                Position::Values,
                depth,
            )?)),
            Additional::Node(node) => {
                Extra::Typed(Box::new(self.schema(node, Position::Values, depth + 1)?))
            }
        })
    }

    /// The rules of an object beyond its properties. `properties` are the declared ones, which
    /// `dependent_required` must name.
    pub(super) fn object_rules(
        &mut self,
        keys: &ObjectKeys<'_>,
        properties: &[Property],
        depth: usize,
    ) -> Option<ObjectRules> {
        let mut ok = true;
        let extra = match keys.additional_properties {
            Some(extra) => self.extra(extra, depth)?,
            None => Extra::Unspecified,
        };
        let mut patterns = Vec::new();
        if let Some(map) = keys.pattern_properties {
            for (pattern, node) in &map.value {
                match self.schema(node, Position::Values, depth + 1) {
                    Some(schema) => patterns.push(PatternProperty {
                        pattern: pattern.clone(),
                        schema,
                    }),
                    None => ok = false,
                }
            }
        }
        if let (Some(min), Some(max)) = (keys.min_properties, keys.max_properties)
            && min.value > max.value
        {
            self.error(
                &min.loc,
                format!(
                    "`min_properties` {} is greater than `max_properties` {}",
                    min.value, max.value
                ),
            );
            ok = false;
        }
        let mut dependent_required = Vec::new();
        if let Some(map) = keys.dependent_required {
            let declared: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
            for (key, needed) in &map.value {
                for name in std::iter::once(key).chain(needed) {
                    if !declared.is_empty() && !declared.contains(&name.as_str()) {
                        self.error(
                            &map.loc,
                            format!(
                                "`dependent_required` names `{name}`, which is not a property here"
                            ),
                        )
                        .hint = suggest::did_you_mean(name, &declared);
                        ok = false;
                    }
                }
                dependent_required.push((key.clone(), needed.clone()));
            }
        }
        ok.then(|| ObjectRules {
            extra,
            patterns,
            min_properties: keys.min_properties.map(|m| m.value),
            max_properties: keys.max_properties.map(|m| m.value),
            dependent_required,
        })
    }

    /// Properties of an event, trait set or object: each named once, each typed.
    pub(super) fn properties(
        &mut self,
        props: &Sp<Vec<RawNode>>,
        owner: &str,
        depth: usize,
    ) -> Option<Vec<Property>> {
        if props.value.len() > limits::MAX_PROPERTIES {
            self.error(
                &props.loc,
                format!(
                    "{owner} has {} properties; the limit is {}",
                    props.value.len(),
                    limits::MAX_PROPERTIES
                ),
            );
            return None;
        }
        let mut seen: BTreeMap<&str, &Loc> = BTreeMap::new();
        let mut out = Vec::with_capacity(props.value.len());
        let mut ok = true;
        for node in &props.value {
            let Some(name) = &node.name else {
                let loc = node_loc(node).unwrap_or_else(|| props.loc.clone());
                self.error(&loc, format!("a property of {owner} has no `name`"));
                ok = false;
                continue;
            };
            if let Some(first) = seen.insert(&name.value, &name.loc) {
                let first = first.clone();
                self.error(
                    &name.loc,
                    format!("property `{}` of {owner} is defined twice", name.value),
                )
                .notes
                .push((first, "first defined here".into()));
                ok = false;
                continue;
            }
            match self.property(node, name, depth) {
                Some(p) => out.push(p),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn property(&mut self, node: &RawNode, name: &Sp<String>, depth: usize) -> Option<Property> {
        let schema = self.schema(node, Position::Property, depth)?;
        let origin = match &node.origin {
            None => None,
            Some(o) => match o.value.as_str() {
                "use-cases" => Some(crate::model::Origin::UseCases),
                "spec" => Some(crate::model::Origin::Spec),
                "common" => Some(crate::model::Origin::Common),
                other => {
                    let hint = suggest::did_you_mean(other, &ORIGINS)
                        .unwrap_or_else(|| "use `use-cases`, `spec` or `common`".to_owned());
                    self.error(&o.loc, format!("unknown origin `{other}`")).hint = Some(hint);
                    return None;
                }
            },
        };
        let required = node.required.as_ref().is_some_and(|r| r.value);
        Some(Property {
            name: name.value.clone(),
            required,
            required_reason: if required {
                node.required_reason
                    .as_ref()
                    .map(|r| r.value.trim().to_owned())
            } else {
                None
            },
            origin,
            schema,
        })
    }

    fn string_rules(&mut self, node: &RawNode) -> Option<StringRules> {
        if let Some(format) = &node.format
            && !FORMATS.contains(&format.value.as_str())
        {
            let hint = suggest::did_you_mean(&format.value, &FORMATS)
                .unwrap_or_else(|| format!("known formats: {}", FORMATS.join(", ")));
            self.error(&format.loc, format!("unknown format `{}`", format.value))
                .hint = Some(hint);
            return None;
        }
        if let (Some(min), Some(max)) = (&node.min_length, &node.max_length)
            && min.value > max.value
        {
            self.error(
                &min.loc,
                format!(
                    "`min_length` {} is greater than `max_length` {}",
                    min.value, max.value
                ),
            );
            return None;
        }
        if let Some(p) = &node.pattern {
            self.check_pattern(&p.value, &p.loc);
        }
        Some(StringRules {
            format: node.format.as_ref().map(|f| f.value.clone()),
            pattern: node.pattern.as_ref().map(|p| p.value.clone()),
            min_length: node.min_length.as_ref().map(|m| m.value),
            max_length: node.max_length.as_ref().map(|m| m.value),
        })
    }

    /// A pattern the three targets' regex engines would not run alike cannot be validated:
    /// an error when generating validating code, and nothing otherwise.
    fn check_pattern(&mut self, pattern: &str, loc: &Loc) {
        if let Err(e) = crate::lang::validation::pattern::check(pattern) {
            self.warn(
                Diagnostic::warning(
                    loc,
                    format!(
                        "pattern `{pattern}` cannot be validated alike in every language: at character {}, {}",
                        e.offset + 1,
                        e.what
                    ),
                )
                .with_hint("rewrite the pattern without it, or generate with `--validate off`")
                .for_validation(),
            );
        }
    }

    fn number_rules(&mut self, node: &RawNode) -> Option<NumberRules> {
        let mut ok = true;
        let mut number = |key: &str, v: &Rare<Value>| -> Option<Number> {
            let sp = v.as_ref()?;
            match &sp.value {
                Value::Number(n) => Some(n.clone()),
                _ => {
                    self.error(&sp.loc, format!("`{key}` must be a number"));
                    ok = false;
                    None
                }
            }
        };
        let mut minimum = number("minimum", &node.minimum);
        let mut maximum = number("maximum", &node.maximum);
        let multiple_of = number("multiple_of", &node.multiple_of);
        // Draft-04 wrote `exclusiveMinimum: true` beside `minimum`; later drafts a number.
        let mut exclusive = |key: &str,
                             v: &Rare<Value>,
                             bound: &mut Option<Number>|
         -> Option<Number> {
            let sp = v.as_ref()?;
            match &sp.value {
                Value::Bool(true) => {
                    if bound.is_none() {
                        self.error(&sp.loc, format!("`{key}: true` needs the bound beside it"))
                            .hint =
                            Some(format!("write the bound as a number instead: `{key}: 0`"));
                        ok = false;
                    }
                    bound.take()
                }
                Value::Bool(false) => None,
                Value::Number(n) => Some(n.clone()),
                _ => {
                    self.error(&sp.loc, format!("`{key}` must be a number"));
                    ok = false;
                    None
                }
            }
        };
        let exclusive_minimum =
            exclusive("exclusive_minimum", &node.exclusive_minimum, &mut minimum);
        let exclusive_maximum =
            exclusive("exclusive_maximum", &node.exclusive_maximum, &mut maximum);
        if !ok {
            return None;
        }
        if let Some(m) = &multiple_of
            && m.as_f64().is_none_or(|f| f <= 0.0)
            && let Some(sp) = &node.multiple_of
        {
            self.error(&sp.loc, "`multiple_of` must be greater than 0");
            return None;
        }
        let low = [
            ("minimum", &minimum),
            ("exclusive_minimum", &exclusive_minimum),
        ]
        .into_iter()
        .find_map(|(k, v)| v.as_ref().map(|v| (k, v)));
        let high = [
            ("maximum", &maximum),
            ("exclusive_maximum", &exclusive_maximum),
        ]
        .into_iter()
        .find_map(|(k, v)| v.as_ref().map(|v| (k, v)));
        if let (Some((low_key, min)), Some((high_key, max))) = (low, high)
            && min.as_f64() > max.as_f64()
        {
            let loc = node
                .minimum
                .as_ref()
                .or(node.exclusive_minimum.as_ref())
                .map(|m| m.loc.clone())?;
            self.error(
                &loc,
                format!("`{low_key}` {min} is greater than `{high_key}` {max}"),
            );
            return None;
        }
        Some(NumberRules {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            multiple_of,
        })
    }

    fn array_rules(&mut self, node: &RawNode) -> Option<ArrayRules> {
        if let (Some(min), Some(max)) = (&node.min_items, &node.max_items)
            && min.value > max.value
        {
            self.error(
                &min.loc,
                format!(
                    "`min_items` {} is greater than `max_items` {}",
                    min.value, max.value
                ),
            );
            return None;
        }
        Some(ArrayRules {
            min_items: node.min_items.as_ref().map(|m| m.value),
            max_items: node.max_items.as_ref().map(|m| m.value),
            unique_items: node.unique_items.as_ref().is_some_and(|u| u.value),
        })
    }

    /// Keys that only make sense for some kinds: a `format` on an integer is a mistake.
    fn applicable_keys(&mut self, node: &RawNode, kind: &Kind) -> bool {
        let keys: [(&str, Option<&Loc>, Family); 20] = [
            (
                "format",
                node.format.as_ref().map(|s| &s.loc),
                Family::String,
            ),
            (
                "pattern",
                node.pattern.as_ref().map(|s| &s.loc),
                Family::String,
            ),
            (
                "min_length",
                node.min_length.as_ref().map(|s| &s.loc),
                Family::String,
            ),
            (
                "max_length",
                node.max_length.as_ref().map(|s| &s.loc),
                Family::String,
            ),
            (
                "minimum",
                node.minimum.as_ref().map(|s| &s.loc),
                Family::Numeric,
            ),
            (
                "maximum",
                node.maximum.as_ref().map(|s| &s.loc),
                Family::Numeric,
            ),
            (
                "exclusive_minimum",
                node.exclusive_minimum.as_ref().map(|s| &s.loc),
                Family::Numeric,
            ),
            (
                "exclusive_maximum",
                node.exclusive_maximum.as_ref().map(|s| &s.loc),
                Family::Numeric,
            ),
            (
                "multiple_of",
                node.multiple_of.as_ref().map(|s| &s.loc),
                Family::Numeric,
            ),
            ("items", node.items.as_ref().map(|s| &s.loc), Family::Array),
            (
                "min_items",
                node.min_items.as_ref().map(|s| &s.loc),
                Family::Array,
            ),
            (
                "max_items",
                node.max_items.as_ref().map(|s| &s.loc),
                Family::Array,
            ),
            (
                "unique_items",
                node.unique_items.as_ref().map(|s| &s.loc),
                Family::Array,
            ),
            (
                "additional_items",
                node.additional_items.as_ref().map(|s| &s.loc),
                Family::Tuple,
            ),
            (
                "properties",
                node.properties.as_ref().map(|s| &s.loc),
                Family::Object,
            ),
            (
                "additional_properties",
                node.additional_properties.as_ref().map(|s| &s.loc),
                Family::Object,
            ),
            (
                "pattern_properties",
                node.pattern_properties.as_ref().map(|s| &s.loc),
                Family::Object,
            ),
            (
                "min_properties",
                node.min_properties.as_ref().map(|s| &s.loc),
                Family::Object,
            ),
            (
                "max_properties",
                node.max_properties.as_ref().map(|s| &s.loc),
                Family::Object,
            ),
            (
                "dependent_required",
                node.dependent_required.as_ref().map(|s| &s.loc),
                Family::Object,
            ),
        ];
        let mut ok = true;
        // Most schemas have none of these keys: the kind is only looked into for those present.
        for (key, loc, family) in keys {
            let Some(loc) = loc else { continue };
            let applies = match kind {
                Kind::Union(u) => u.members.iter().any(|m| family.admits(&m.kind)),
                other => family.admits(other),
            };
            if !applies {
                let word = match kind {
                    Kind::Ref(name) => format!("named type `{name}`"),
                    Kind::Enum(_) => "an enum".to_owned(),
                    other => format!("type `{}`", Schema::new(other.clone()).type_word()),
                };
                self.error(
                    loc,
                    format!("`{key}` applies to {}, not to {word}", family.words()),
                );
                ok = false;
            }
        }
        if ok {
            self.typescript_index_signature(node, kind);
        }
        ok
    }

    /// An object with declared properties whose other keys are typed: TypeScript's index
    /// signature must also admit the declared properties' types, so it is wider there.
    fn typescript_index_signature(&mut self, node: &RawNode, kind: &Kind) {
        let Kind::Object(object) = kind else { return };
        let typed_extra =
            object.rules.extra.schema().is_some() || !object.rules.patterns.is_empty();
        if object.properties.is_empty() || !typed_extra {
            return;
        }
        let loc = node
            .additional_properties
            .as_ref()
            .map(|a| a.loc.clone())
            .or_else(|| node.pattern_properties.as_ref().map(|p| p.loc.clone()));
        if let Some(loc) = loc {
            self.warn(
                Diagnostic::warning(
                    &loc,
                    "TypeScript cannot type the other keys of an object apart from its declared properties",
                )
                .with_hint(
                    "in TypeScript the index signature also accepts the declared properties' types; Rust and Swift type the other keys exactly",
                )
                .only_for(&[Language::TypeScript]),
            );
        }
    }

    /// The values of `enum` and `const`, with `null` among them turned into nullability.
    /// `Ok(None)` when there are none; `Err` when they are invalid (reported).
    fn literals<'n>(&mut self, node: &'n RawNode, nullable: &mut bool) -> Result<Literals<'n>, ()> {
        if let (Some(values), Some(c)) = (&node.enum_values, &node.const_value) {
            self.error(&c.loc, "`const` cannot be combined with `enum`")
                .notes
                .push((values.loc.clone(), "`enum` is here".into()));
            return Err(());
        }
        if let Some(c) = &node.const_value {
            return match Literal::from_json(&c.value) {
                Some(lit) => Ok(Some((vec![lit], None))),
                None => {
                    *nullable = true;
                    Ok(None)
                }
            };
        }
        let Some(values) = &node.enum_values else {
            return Ok(None);
        };
        if values.value.is_empty() {
            self.error(&values.loc, "`enum` has no values");
            return Err(());
        }
        let mut out: Vec<Literal> = Vec::new();
        for v in &values.value {
            let Some(lit) = Literal::from_json(&v.value) else {
                *nullable = true;
                continue;
            };
            if out.contains(&lit) {
                self.error(
                    &v.loc,
                    format!("enum value `{}` is listed twice", lit.label()),
                );
                return Err(());
            }
            out.push(lit);
        }
        if out.is_empty() {
            self.error(&values.loc, "`enum` has no value other than null");
            return Err(());
        }
        Ok(Some((out, Some(values))))
    }

    /// Every enum value is of one of the types given.
    fn check_literals_fit(
        &mut self,
        words: &[&str],
        values: &[Literal],
        sp: &Option<&EnumValues>,
    ) -> Option<()> {
        let fits = |word: &str, l: &Literal| match (word, l) {
            ("any", _)
            | ("string", Literal::String(_))
            | ("boolean", Literal::Bool(_))
            | ("number", Literal::Number(_)) => true,
            ("integer", Literal::Number(n)) => n.is_integer(),
            ("array", Literal::Json(t)) => t.starts_with('['),
            ("object", Literal::Json(t)) => t.starts_with('{'),
            _ => false,
        };
        if let Some(word) = words.iter().find(|w| {
            !matches!(
                **w,
                "string" | "number" | "integer" | "boolean" | "array" | "object" | "any"
            )
        }) {
            let loc = sp.map(|s| s.loc.clone())?;
            self.error(
                &loc,
                format!("`enum` does not apply to named type `{word}`"),
            )
            .hint = Some("put the values in the named type's definition".into());
            return None;
        }
        if let Some(bad) = values.iter().find(|l| !words.iter().any(|w| fits(w, l))) {
            let item_loc = sp.and_then(|s| {
                s.value
                    .iter()
                    .find(|v| Literal::from_json(&v.value).as_ref() == Some(bad))
                    .map(|v| v.loc.clone())
            });
            if let Some(loc) = item_loc.or_else(|| sp.map(|s| s.loc.clone())) {
                self.error(
                    &loc,
                    format!(
                        "enum value `{}` is not of type `{}`",
                        bad.label(),
                        words.join(" | ")
                    ),
                );
            }
            return None;
        }
        Some(())
    }
}

/// The type that keys imply when `type` is missing: `items` an array, `properties` an object.
fn implied_type(node: &RawNode) -> Option<&'static str> {
    if node.items.is_some() || node.additional_items.is_some() {
        Some("array")
    } else if node.properties.is_some()
        || node.additional_properties.is_some()
        || node.pattern_properties.is_some()
    {
        Some("object")
    } else {
        None
    }
}

/// Whether an alternative is `type: null` and nothing else.
fn is_only_null(node: &RawNode) -> bool {
    let only_null_type = matches!(
        node.ty.as_ref().map(|t| &t.value),
        Some(TypeSpec::One(t)) if t == "null"
    ) || matches!(
        node.ty.as_ref().map(|t| &t.value),
        Some(TypeSpec::Many(ts)) if ts.iter().all(|t| t == "null")
    );
    only_null_type
        && node.enum_values.is_none()
        && node.const_value.is_none()
        && node.one_of.is_none()
        && node.any_of.is_none()
}

/// The annotations of a node.
pub(super) fn meta(node: &RawNode) -> Option<Box<Meta>> {
    let meta = Meta {
        title: node.title.as_ref().map(|t| t.value.trim().to_owned()),
        examples: node
            .examples
            .as_ref()
            .map(|e| e.value.clone())
            .unwrap_or_default(),
        default: node.default.as_ref().map(|d| d.value.clone()),
        deprecated: node.deprecated.as_ref().is_some_and(|d| d.value),
    };
    (!meta.is_empty()).then(|| Box::new(meta))
}

/// The kinds a keyword constrains.
#[derive(Clone, Copy)]
enum Family {
    String,
    Numeric,
    Array,
    /// Arrays with `items` given as a list.
    Tuple,
    Object,
}

impl Family {
    /// Whether `kind` is of this family. Constraints of an enum's base type may stay beside
    /// it (a user catalog adding an enum to a string with a pattern); the enum is the stricter
    /// rule.
    fn admits(self, kind: &Kind) -> bool {
        match self {
            Family::String => match kind {
                Kind::String(_) => true,
                Kind::Enum(values) => values.iter().all(|l| matches!(l, Literal::String(_))),
                _ => false,
            },
            Family::Numeric => match kind {
                Kind::Number(_) | Kind::Integer(_) => true,
                Kind::Enum(values) => values.iter().all(|l| matches!(l, Literal::Number(_))),
                _ => false,
            },
            Family::Array => matches!(kind, Kind::Array(..) | Kind::Tuple(_)),
            Family::Tuple => matches!(kind, Kind::Tuple(_)),
            Family::Object => matches!(kind, Kind::Object(_)),
        }
    }

    /// The family, in an error message.
    fn words(self) -> &'static str {
        match self {
            Family::String => "strings",
            Family::Numeric => "numbers and integers",
            Family::Array => "arrays",
            Family::Tuple => "tuples (`items` given as a list)",
            Family::Object => "objects",
        }
    }
}
