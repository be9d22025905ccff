//! One JSON Schema as a catalog node: every construct production plans use, each kept as
//! exactly as the catalog can say it; what cannot be kept is a located warning naming the
//! JSON pointer of the schema, and what is contradictory is read the way that keeps the
//! user's data valid.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::catalog::FORMATS;
use crate::catalog::raw::{Additional, Items, Rare, RawNode, TypeSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Loc};
use crate::limits;
use crate::plan::json::{Json, Key, Value};
use crate::suggest;
use crate::yaml::Sp;

use super::merge;

/// JSON Schema's type words, and the editor's `any`.
pub const TYPE_WORDS: [&str; 8] = [
    "string", "number", "integer", "boolean", "array", "object", "null", "any",
];

const OBJECT_KEYS: [&str; 8] = [
    "properties",
    "additionalProperties",
    "patternProperties",
    "required",
    "minProperties",
    "maxProperties",
    "dependencies",
    "dependentRequired",
];
const ARRAY_KEYS: [&str; 5] = [
    "items",
    "additionalItems",
    "minItems",
    "maxItems",
    "uniqueItems",
];
const STRING_KEYS: [&str; 4] = ["minLength", "maxLength", "pattern", "format"];
const NUMBER_KEYS: [&str; 5] = [
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
/// Keywords that describe a schema for people or tools and never its values; Segment adds
/// `id`, `labels` and `eventMetadata`.
const ANNOTATION_KEYS: [&str; 17] = [
    "title",
    "description",
    "examples",
    "default",
    "deprecated",
    "$comment",
    "$schema",
    "$id",
    "id",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
    "labels",
    "eventMetadata",
    "definitions",
    "$defs",
];
const STRUCTURE_KEYS: [&str; 8] = [
    "type", "enum", "const", "$ref", "allOf", "anyOf", "oneOf", "nullable",
];
/// Validation keywords tracktype does not keep: each is a warning.
const UNSUPPORTED_KEYS: [&str; 14] = [
    "not",
    "if",
    "then",
    "else",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$recursiveRef",
    "prefixItems",
];

/// Every keyword that is kept or knowingly ignored, in the order suggestions prefer: one flat
/// list, as every key of every schema of a plan is looked up in it.
const KNOWN_KEYS: [&str; 47] = concat(&[
    &OBJECT_KEYS,
    &ARRAY_KEYS,
    &STRING_KEYS,
    &NUMBER_KEYS,
    &ANNOTATION_KEYS,
    &STRUCTURE_KEYS,
]);

/// The lists' words, one list after another.
const fn concat<const N: usize>(lists: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut n, mut list) = (0, 0);
    while list < lists.len() {
        let mut i = 0;
        while i < lists[list].len() {
            out[n] = lists[list][i];
            n += 1;
            i += 1;
        }
        list += 1;
    }
    assert!(n == N, "the length given is not the lists' total");
    out
}

/// The document a schema belongs to: what its references point into.
pub struct Doc<'a> {
    pub root: &'a Json,
    /// The JSON pointer of `root` in the file.
    pub pointer: String,
    /// `definitions` and `$defs` entries by name, with the pointer of each.
    definitions: HashMap<&'a str, (&'a Json, String)>,
}

impl<'a> Doc<'a> {
    pub fn new(root: &'a Json, pointer: String) -> Self {
        let mut definitions = HashMap::new();
        for key in ["definitions", "$defs"] {
            for (name, schema) in root.get(key).and_then(Json::members).unwrap_or_default() {
                definitions
                    .entry(name.name.as_str())
                    .or_insert_with(|| (schema, format!("{pointer}/{key}/{}", escape(&name.name))));
            }
        }
        Self {
            root,
            pointer,
            definitions,
        }
    }
}

/// Converts schemas, collecting the named types their references need.
#[derive(Default)]
pub struct Converter {
    /// Errors and warnings.
    pub diags: Diagnostics,
    /// Named types from `definitions` and `$defs`, each with where it was first defined.
    pub types: BTreeMap<String, (RawNode, Loc)>,
    /// The definitions already converted (or being converted), by identity.
    converted: HashSet<usize>,
    /// In-document pointers being inlined, to stop a reference cycle.
    inlining: Vec<String>,
}

/// The outcome of a reference: a named type, or the schema it points at, to read in place.
enum Target<'a> {
    Named(String),
    Inline(&'a Json, String),
}

impl Converter {
    /// Starts on another rule's schema: definitions are known by their place in one
    /// document, and each document's JSON is dropped once converted.
    pub fn begin_document(&mut self) {
        self.converted.clear();
        self.inlining.clear();
    }

    pub fn warn(&mut self, loc: &Loc, pointer: &str, what: &str, instead: &str) {
        self.diags.push(
            Diagnostic::warning(loc, format!("{what} (at {})", shown(pointer)))
                .with_hint(instead.to_owned()),
        );
    }

    fn error(&mut self, loc: &Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::at(loc, message));
        self.diags.0.last_mut().expect("just pushed")
    }

    /// One schema as a catalog node (without a name).
    pub fn node(&mut self, schema: &Json, doc: &Doc<'_>, pointer: &str, depth: usize) -> RawNode {
        let loc = schema.loc.clone();
        let mut node = RawNode::default();
        match &schema.value {
            Value::Bool(true) => {
                node.ty = Some(Sp::new(TypeSpec::One("any".into()), loc));
                return node;
            }
            Value::Bool(false) => {
                self.warn(
                    &loc,
                    pointer,
                    "the schema `false` allows no value at all",
                    "the generated type accepts any value; remove the property if it must never be sent",
                );
                node.ty = Some(Sp::new(TypeSpec::One("any".into()), loc));
                return node;
            }
            Value::Object(_) => {}
            _ => {
                self.error(
                    &loc,
                    format!("expected a schema (an object), found {}", schema.kind()),
                );
                return node;
            }
        }
        if depth > limits::MAX_SCHEMA_DEPTH {
            self.error(
                &loc,
                format!(
                    "schemas are nested more than {} levels deep",
                    limits::MAX_SCHEMA_DEPTH
                ),
            );
            return node;
        }
        self.check_keywords(schema, pointer);
        if let Some(all) = schema.get("allOf") {
            return match self.merged(schema, all, doc, pointer) {
                Some(merged) => self.node(&merged, doc, pointer, depth + 1),
                None => node,
            };
        }
        annotate(&mut node, schema);
        if let Some(reference) = schema.get("$ref") {
            return self.reference_node(node, schema, reference, doc, pointer, depth);
        }
        let alternatives = schema
            .get("oneOf")
            .map(|a| (a, true, "oneOf"))
            .or_else(|| schema.get("anyOf").map(|a| (a, false, "anyOf")));
        if let Some((list, exclusive, key)) = alternatives {
            if schema.get("oneOf").is_some() && schema.get("anyOf").is_some() {
                self.warn(
                    &loc,
                    pointer,
                    "`oneOf` and `anyOf` in one schema: only `oneOf` is kept",
                    "nest one of the lists in an `allOf` to keep both",
                );
            }
            let pointer = format!("{pointer}/{key}");
            return self.alternatives(node, schema, list, exclusive, doc, &pointer, depth);
        }
        self.plain(node, schema, doc, pointer, depth)
    }

    /// Warns about keywords that are not kept: unsupported validation keywords, and unknown
    /// keywords that look like a misspelt known one.
    fn check_keywords(&mut self, schema: &Json, pointer: &str) {
        for (key, value) in schema.members().unwrap_or_default() {
            let name = key.name.as_str();
            if UNSUPPORTED_KEYS.contains(&name) {
                self.warn(
                    &key.loc,
                    pointer,
                    &format!("`{name}` is not supported and is not kept"),
                    "the generated type does not check it; the rest of the schema is kept",
                );
            } else if name == "dependencies"
                && value
                    .members()
                    .is_some_and(|m| m.iter().any(|(_, v)| v.as_array().is_none()))
            {
                self.warn(
                    &key.loc,
                    pointer,
                    "`dependencies` with schemas (dependent schemas) is not supported and is not kept",
                    "only the list form (dependent required properties) is kept",
                );
            } else if !KNOWN_KEYS.contains(&name)
                && let Some(close) = suggest::closest(name, &KNOWN_KEYS)
            {
                self.warn(
                    &key.loc,
                    pointer,
                    &format!("unknown keyword `{name}` is ignored"),
                    &format!("did you mean `{close}`?"),
                );
            }
        }
    }

    /// `allOf` with the keywords beside it, references resolved, merged into one schema.
    fn merged(&mut self, schema: &Json, all: &Json, doc: &Doc<'_>, pointer: &str) -> Option<Json> {
        let Some(list) = all.as_array() else {
            self.error(&all.loc, "`allOf` must be a list of schemas");
            return None;
        };
        let beside: Vec<(Key, Json)> = schema
            .members()
            .unwrap_or_default()
            .iter()
            .filter(|(k, _)| k.name != "allOf")
            .cloned()
            .collect();
        let mut members = vec![Json {
            value: Value::Object(beside),
            loc: schema.loc.clone(),
        }];
        for (i, member) in list.iter().enumerate() {
            match member.get("$ref") {
                Some(reference) => {
                    let at = format!("{pointer}/allOf/{i}");
                    match self.target(reference, doc, &at)? {
                        Target::Named(name) => {
                            let (definition, _) = doc.definitions.get(name.as_str())?;
                            members.push((*definition).clone());
                        }
                        Target::Inline(target, _) => members.push(target.clone()),
                    }
                }
                None => members.push(member.clone()),
            }
        }
        match merge::merge(members, &schema.loc) {
            Ok(merged) => Some(merged),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    /// Where a `$ref` points: a named type (`#/definitions/X`, `#/$defs/X`), another place in
    /// the document, or an error for anything outside it.
    fn target<'a>(&mut self, reference: &Json, doc: &Doc<'a>, pointer: &str) -> Option<Target<'a>> {
        let Some(text) = reference.as_str() else {
            self.error(&reference.loc, "`$ref` must be a string");
            return None;
        };
        for prefix in ["#/definitions/", "#/$defs/"] {
            if let Some(encoded) = text.strip_prefix(prefix) {
                let name = unescape_pointer(encoded);
                if !name.contains('/') {
                    return self
                        .definition(&name, text, reference, doc)
                        .map(Target::Named);
                }
            }
        }
        let Some(fragment) = text.strip_prefix('#') else {
            self.error(
                &reference.loc,
                format!("`{text}` refers to another document, which tracktype cannot read"),
            )
            .hint = Some(format!(
                "copy the schema into this document's `definitions` and refer to it as `#/definitions/<name>` (at {})",
                shown(pointer)
            ));
            return None;
        };
        match resolve_pointer(doc.root, fragment) {
            Some(target) => Some(Target::Inline(target, format!("{}{fragment}", doc.pointer))),
            None => {
                self.error(
                    &reference.loc,
                    format!("`{text}` points at nothing in this document"),
                );
                None
            }
        }
    }

    /// A named type from the document's definitions, converted once.
    fn definition(
        &mut self,
        name: &str,
        text: &str,
        reference: &Json,
        doc: &Doc<'_>,
    ) -> Option<String> {
        let Some((definition, at)) = doc.definitions.get(name) else {
            let names: Vec<&str> = doc.definitions.keys().copied().collect();
            self.error(
                &reference.loc,
                format!("`{text}` refers to a definition that does not exist"),
            )
            .hint = suggest::closest(name, &names)
                .map(|c| format!("did you mean `#/definitions/{c}`?"));
            return None;
        };
        if crate::catalog::BUILTIN_TYPES.contains(&name) {
            self.error(
                &reference.loc,
                format!("a definition named `{name}` would hide the built-in type of that name"),
            );
            return None;
        }
        // Each definition is converted once, when first referred to: one that refers to itself
        // then ends (the catalog reports the cycle), and one referred to many times costs no
        // more than one referred to once.
        if !self
            .converted
            .insert(std::ptr::from_ref(*definition) as usize)
        {
            return Some(name.to_owned());
        }
        let mut node = self.node(definition, doc, at, 1);
        node.name = Some(Sp::new(name.to_owned(), definition.loc.clone()));
        match self.types.get(name) {
            None => {
                self.types
                    .insert(name.to_owned(), (node, definition.loc.clone()));
            }
            Some((existing, first)) if *existing != node => {
                // Every schema carries its own definitions; they must agree across events.
                let first = first.clone();
                self.error(
                    &definition.loc,
                    format!("definition `{name}` differs from another of the same name"),
                )
                .notes
                .push((first, "the other definition".into()));
            }
            Some(_) => {}
        }
        Some(name.to_owned())
    }

    fn reference_node(
        &mut self,
        mut node: RawNode,
        schema: &Json,
        reference: &Json,
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) -> RawNode {
        let nullable = admits_null(schema);
        for (key, _) in schema.members().unwrap_or_default() {
            let name = key.name.as_str();
            if !ANNOTATION_KEYS.contains(&name)
                && name != "$ref"
                && name != "type"
                && name != "nullable"
            {
                self.warn(
                    &key.loc,
                    pointer,
                    &format!("`{name}` beside `$ref` is not kept"),
                    "JSON Schema draft-07 ignores keywords beside `$ref`; move it into the referenced schema, or combine them with `allOf`",
                );
            }
        }
        match self.target(reference, doc, pointer) {
            Some(Target::Named(name)) => {
                let spec = if nullable {
                    TypeSpec::Many(vec![name, "null".into()])
                } else {
                    TypeSpec::One(name)
                };
                node.ty = Some(Sp::new(spec, reference.loc.clone()));
                node
            }
            Some(Target::Inline(target, at)) => {
                if self.inlining.contains(&at) {
                    self.error(
                        &reference.loc,
                        "this reference leads back to itself through schemas that are not definitions",
                    )
                    .hint = Some("move the schema into `definitions` and refer to it there".into());
                    return node;
                }
                self.inlining.push(at.clone());
                let mut inner = self.node(target, doc, &at, depth + 1);
                self.inlining.pop();
                inner.description = node.description.or(inner.description);
                inner.title = node.title.or(inner.title);
                inner.deprecated = node.deprecated.or(inner.deprecated);
                if nullable {
                    inner.nullable = Some(Box::new(Sp::new(true, reference.loc.clone())));
                }
                inner
            }
            None => node,
        }
    }

    /// `oneOf` / `anyOf`: the keywords beside the list apply to every alternative; `null`
    /// alternatives make the value nullable; alternatives that are bare types form a type list.
    #[allow(clippy::too_many_arguments)]
    fn alternatives(
        &mut self,
        mut node: RawNode,
        schema: &Json,
        list: &Json,
        exclusive: bool,
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) -> RawNode {
        let Some(items) = list.as_array() else {
            self.error(&list.loc, "`oneOf` and `anyOf` must be lists of schemas");
            return node;
        };
        let beside: Vec<(Key, Json)> = schema
            .members()
            .unwrap_or_default()
            .iter()
            .filter(|(k, _)| {
                !matches!(k.name.as_str(), "oneOf" | "anyOf")
                    && !ANNOTATION_KEYS.contains(&k.name.as_str())
            })
            .cloned()
            .collect();
        let mut nullable = admits_null(schema) && beside.iter().all(|(k, _)| k.name != "type");
        let mut members: Vec<RawNode> = Vec::new();
        for (i, alternative) in items.iter().enumerate() {
            if is_null_schema(alternative) {
                nullable = true;
                continue;
            }
            let at = format!("{pointer}/{i}");
            let effective = if beside.is_empty() {
                alternative.clone()
            } else {
                let resolved = match alternative.get("$ref") {
                    Some(reference) => match self.target(reference, doc, &at) {
                        Some(Target::Named(name)) => doc
                            .definitions
                            .get(name.as_str())
                            .map_or_else(|| alternative.clone(), |(d, _)| (*d).clone()),
                        Some(Target::Inline(target, _)) => target.clone(),
                        None => continue,
                    },
                    None => alternative.clone(),
                };
                let shared = Json {
                    value: Value::Object(beside.clone()),
                    loc: schema.loc.clone(),
                };
                match merge::merge(vec![shared, resolved], &alternative.loc) {
                    Ok(m) => m,
                    Err(d) => {
                        self.diags.push(d);
                        continue;
                    }
                }
            };
            let mut member = self.node(&effective, doc, &at, depth + 1);
            if member.nullable.take().is_some_and(|n| n.value) || strip_null(&mut member) {
                nullable = true;
            }
            members.push(member);
        }
        let mut kept = match members.len() {
            0 => RawNode {
                ty: Some(Sp::new(TypeSpec::One("any".into()), list.loc.clone())),
                ..RawNode::default()
            },
            1 => members.pop().unwrap_or_default(),
            _ if !exclusive && members.iter().all(is_bare_type) => {
                let mut words: Vec<String> = Vec::new();
                for m in &members {
                    if let Some(Sp {
                        value: TypeSpec::One(w),
                        ..
                    }) = &m.ty
                        && !words.contains(w)
                    {
                        words.push(w.clone());
                    }
                }
                RawNode {
                    ty: Some(Sp::new(TypeSpec::Many(words), list.loc.clone())),
                    ..RawNode::default()
                }
            }
            _ => {
                let sp = Sp::new(members, list.loc.clone());
                if exclusive {
                    RawNode {
                        one_of: Some(Box::new(sp)),
                        ..RawNode::default()
                    }
                } else {
                    RawNode {
                        any_of: Some(Box::new(sp)),
                        ..RawNode::default()
                    }
                }
            }
        };
        if nullable {
            kept.nullable = Some(Box::new(Sp::new(true, list.loc.clone())));
        }
        kept.description = node.description.take().or(kept.description);
        kept.title = node.title.take().or(kept.title);
        kept.examples = node.examples.take().or(kept.examples);
        kept.default = node.default.take().or(kept.default);
        kept.deprecated = node.deprecated.take().or(kept.deprecated);
        kept
    }

    /// A schema without alternatives or references: its types and the keywords for them.
    fn plain(
        &mut self,
        mut node: RawNode,
        schema: &Json,
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) -> RawNode {
        let loc = schema.loc.clone();
        let mut words: Vec<String> = Vec::new();
        let mut nullable = matches!(
            schema.get("nullable").map(|n| &n.value),
            Some(Value::Bool(true))
        );
        if let Some(ty) = schema.get("type") {
            let list: Vec<&Json> = match &ty.value {
                Value::String(_) => vec![ty],
                Value::Array(items) => items.iter().collect(),
                _ => {
                    self.error(&ty.loc, "`type` must be a string or a list of strings");
                    vec![]
                }
            };
            for word in list {
                match word.as_str() {
                    Some("null") => nullable = true,
                    Some(w) if TYPE_WORDS.contains(&w) => {
                        if !words.iter().any(|x| x == w) {
                            words.push(w.to_owned());
                        }
                    }
                    Some(w) => {
                        let hint = suggest::did_you_mean(w, &TYPE_WORDS).unwrap_or_else(|| {
                            format!("JSON Schema's types are {}", TYPE_WORDS.join(", "))
                        });
                        self.error(&word.loc, format!("unknown JSON Schema type `{w}`"))
                            .hint = Some(hint);
                    }
                    None => {
                        self.error(&word.loc, "a type in `type` must be a string");
                    }
                }
            }
        }
        if words.iter().any(|w| w == "any") {
            words = vec!["any".into()];
        }
        if words.iter().any(|w| w == "integer") && words.iter().any(|w| w == "number") {
            // Every integer is a number: the list means number.
            words.retain(|w| w != "integer");
        }
        let literals = self.literals(schema, &mut nullable, &words, pointer);
        let families = [
            ("object", family(schema, &OBJECT_KEYS)),
            ("array", family(schema, &ARRAY_KEYS)),
            ("string", family(schema, &STRING_KEYS)),
            ("number", family(schema, &NUMBER_KEYS)),
        ];
        if words.is_empty() && literals.is_none() {
            let inferred = families[0]
                .1
                .map(|_| "object")
                .or(families[1].1.map(|_| "array"));
            match inferred {
                Some(word) => words.push(word.to_owned()),
                None => {
                    for (word, present) in &families[2..] {
                        if let Some((key, value)) = present {
                            self.warn(
                                &value.loc,
                                pointer,
                                &format!("`{key}` without `type` constrains only {word} values and is not kept"),
                                "the generated type accepts any value; add `\"type\"` to keep the constraint",
                            );
                        }
                    }
                    words.push("any".to_owned());
                }
            }
        }
        let admits = |family: &str| {
            words
                .iter()
                .any(|w| w == family || w == "any" || (family == "number" && w == "integer"))
                || (words.is_empty() && literals.is_some())
        };
        for (word, present) in families {
            if let Some((key, value)) = present
                && !admits(word)
            {
                self.warn(
                    &value.loc,
                    pointer,
                    &format!(
                        "`{key}` applies to {word} values, but the schema's type is {}: it is ignored",
                        words.join(" or ")
                    ),
                    "the generated type follows `type`, which every valid value meets",
                );
            }
        }
        if words == ["any"] && schema.get("type").is_some() {
            for (word, present) in families {
                if let Some((key, value)) = present {
                    self.warn(
                        &value.loc,
                        pointer,
                        &format!("`{key}` constrains only {word} values of a schema of any type, and is not kept"),
                        "the generated type accepts any value",
                    );
                }
            }
        }
        if words != ["any"] {
            if words.iter().any(|w| w == "object") {
                self.object_keywords(&mut node, schema, doc, pointer, depth);
            }
            if words.iter().any(|w| w == "array") {
                self.array_keywords(&mut node, schema, doc, pointer, depth);
            }
            if words.iter().any(|w| w == "string") || (words.is_empty() && literals.is_some()) {
                self.string_keywords(&mut node, schema);
            }
            if words.iter().any(|w| w == "number" || w == "integer") {
                self.number_keywords(&mut node, schema);
            }
        }
        if let Some(values) = literals {
            node.enum_values = Some(Box::new(values));
        }
        if !words.is_empty() {
            if nullable && words != ["any"] {
                words.push("null".into());
            }
            let spec = if words.len() == 1 {
                TypeSpec::One(words.remove(0))
            } else {
                TypeSpec::Many(words)
            };
            node.ty = Some(Sp::new(
                spec,
                schema.get("type").map_or(loc, |t| t.loc.clone()),
            ));
        } else if nullable {
            node.nullable = Some(Box::new(Sp::new(true, loc)));
        }
        node
    }

    /// `enum` and `const`, as catalog enum values; values that no type in `words` admits are
    /// dropped with a warning (no valid value can be one of them).
    fn literals(
        &mut self,
        schema: &Json,
        nullable: &mut bool,
        words: &[String],
        pointer: &str,
    ) -> Option<Sp<Vec<Sp<serde_json::Value>>>> {
        let (values, at): (Vec<&Json>, Loc) = match (schema.get("const"), schema.get("enum")) {
            (Some(c), _) => (vec![c], c.loc.clone()),
            (None, Some(e)) => match e.as_array() {
                Some(items) => (items.iter().collect(), e.loc.clone()),
                None => {
                    self.error(&e.loc, "`enum` must be a list");
                    return None;
                }
            },
            (None, None) => return None,
        };
        let fits = |v: &Json| {
            words.is_empty()
                || words.iter().any(|w| match (w.as_str(), &v.value) {
                    ("any", _) | ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
                    ("number", Value::Number(_)) => true,
                    ("integer", Value::Number(n)) => n.as_i64().is_some() || n.as_u64().is_some(),
                    ("array", Value::Array(_)) | ("object", Value::Object(_)) => true,
                    _ => false,
                })
        };
        let mut out = Vec::new();
        for v in values {
            if matches!(v.value, Value::Null) {
                *nullable = true;
                out.push(Sp::new(serde_json::Value::Null, v.loc.clone()));
            } else if fits(v) {
                out.push(Sp::new(v.to_plain(), v.loc.clone()));
            } else {
                self.warn(
                    &v.loc,
                    pointer,
                    &format!(
                        "enum value {} is not of the schema's type {}, so no valid value can be it",
                        v.to_plain(),
                        words.join(" or ")
                    ),
                    "it is left out of the generated type",
                );
            }
        }
        if out.iter().all(|v| v.value.is_null()) {
            // Only null (or nothing valid): nullability, without values.
            return None;
        }
        Some(Sp::new(out, at))
    }

    fn object_keywords(
        &mut self,
        node: &mut RawNode,
        schema: &Json,
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) {
        let required: Vec<&Json> = match schema.get("required") {
            None => Vec::new(),
            Some(r) => match r.as_array() {
                Some(items) => items.iter().collect(),
                None => {
                    self.error(&r.loc, "`required` must be a list of property names");
                    Vec::new()
                }
            },
        };
        match schema.get("properties") {
            Some(props) if props.members().is_none() => {
                self.error(
                    &props.loc,
                    format!("`properties` must be an object, not {}", props.kind()),
                )
                .hint =
                    Some("write each property as a key with its schema: {\"name\": {...}}".into());
            }
            Some(props) => {
                node.properties = rare(self.properties(props, &required, doc, pointer, depth));
            }
            None if !required.is_empty() => {
                // Keys that must be present, with no schema: required properties of any type.
                let list = required
                    .iter()
                    .filter_map(|r| {
                        r.as_str().map(|name| RawNode {
                            name: Some(Sp::new(name.to_owned(), r.loc.clone())),
                            ty: Some(Sp::new(TypeSpec::One("any".into()), r.loc.clone())),
                            required: Some(Box::new(Sp::new(true, r.loc.clone()))),
                            ..RawNode::default()
                        })
                    })
                    .collect();
                node.properties = Some(Box::new(Sp::new(list, schema.loc.clone())));
            }
            None => {}
        }
        if let Some(extra) = schema.get("additionalProperties") {
            let at = format!("{pointer}/additionalProperties");
            node.additional_properties = rare(self.additional(extra, doc, &at, depth));
        }
        if let Some(patterns) = schema.get("patternProperties") {
            match patterns.members() {
                Some(members) => {
                    let map = members
                        .iter()
                        .map(|(k, v)| {
                            let at = format!("{pointer}/patternProperties/{}", escape(&k.name));
                            (k.name.clone(), self.node(v, doc, &at, depth + 1))
                        })
                        .collect();
                    node.pattern_properties = Some(Box::new(Sp::new(map, patterns.loc.clone())));
                }
                None => {
                    self.error(&patterns.loc, "`patternProperties` must be an object");
                }
            }
        }
        node.min_properties = rare(self.whole(schema, "minProperties"));
        node.max_properties = rare(self.whole(schema, "maxProperties"));
        let mut dependent: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut dependent_at = None;
        for key in ["dependentRequired", "dependencies"] {
            let Some(map) = schema.get(key) else { continue };
            dependent_at.get_or_insert_with(|| map.loc.clone());
            for (name, needed) in map.members().unwrap_or_default() {
                let Some(list) = needed.as_array() else {
                    continue;
                };
                let entry = dependent.entry(name.name.clone()).or_default();
                for n in list.iter().filter_map(Json::as_str) {
                    if !entry.iter().any(|e| e == n) {
                        entry.push(n.to_owned());
                    }
                }
            }
        }
        if let (false, Some(at)) = (dependent.is_empty(), dependent_at) {
            node.dependent_required = Some(Box::new(Sp::new(dependent, at)));
        }
    }

    /// The properties of an object schema, sorted by name (a JSON object's order means
    /// nothing), each marked required as `required` says; `required` naming a property that
    /// is not there is an error.
    pub fn properties(
        &mut self,
        props: &Json,
        required: &[&Json],
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) -> Option<Sp<Vec<RawNode>>> {
        let members = props.members()?;
        if members.len() > limits::MAX_PROPERTIES {
            self.error(
                &props.loc,
                format!(
                    "an object has {} properties; the limit is {}",
                    members.len(),
                    limits::MAX_PROPERTIES
                ),
            );
            return None;
        }
        let names: Vec<&str> = members.iter().map(|(k, _)| k.name.as_str()).collect();
        let mut required_names: HashSet<&str> = HashSet::new();
        for r in required {
            match r.as_str() {
                Some(name) if names.contains(&name) => {
                    required_names.insert(name);
                }
                Some(name) => {
                    self.error(
                        &r.loc,
                        format!("`required` names `{name}`, which is not among the properties"),
                    )
                    .hint = suggest::did_you_mean(name, &names).or_else(|| {
                        Some("add it to `properties`, or remove it from `required`".into())
                    });
                }
                None => {
                    self.error(&r.loc, "`required` must list property names (strings)");
                }
            }
        }
        let mut out: Vec<RawNode> = members
            .iter()
            .map(|(key, value)| {
                let at = format!("{pointer}/properties/{}", escape(&key.name));
                let mut node = self.node(value, doc, &at, depth + 1);
                node.name = Some(Sp::new(key.name.clone(), key.loc.clone()));
                if required_names.contains(key.name.as_str()) {
                    node.required = Some(Box::new(Sp::new(true, key.loc.clone())));
                }
                node
            })
            .collect();
        sort_by_name(&mut out);
        Some(Sp::new(out, props.loc.clone()))
    }

    fn additional(
        &mut self,
        extra: &Json,
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) -> Option<Sp<Additional>> {
        let value = match &extra.value {
            Value::Bool(b) => Additional::Allowed(*b),
            Value::Object(_) => {
                Additional::Node(Box::new(self.node(extra, doc, pointer, depth + 1)))
            }
            _ => {
                self.error(
                    &extra.loc,
                    format!(
                        "expected `true`, `false` or a schema, found {}",
                        extra.kind()
                    ),
                );
                return None;
            }
        };
        Some(Sp::new(value, extra.loc.clone()))
    }

    fn array_keywords(
        &mut self,
        node: &mut RawNode,
        schema: &Json,
        doc: &Doc<'_>,
        pointer: &str,
        depth: usize,
    ) {
        if let Some(items) = schema.get("items") {
            let at = format!("{pointer}/items");
            match &items.value {
                Value::Object(_) | Value::Bool(_) => {
                    node.items = Some(Box::new(Sp::new(
                        Items::Node(Box::new(self.node(items, doc, &at, depth + 1))),
                        items.loc.clone(),
                    )));
                }
                Value::Array(list) => {
                    let tuple = list
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let at = format!("{at}/{i}");
                            Sp::new(
                                Items::Node(Box::new(self.node(item, doc, &at, depth + 1))),
                                item.loc.clone(),
                            )
                        })
                        .collect();
                    node.items = Some(Box::new(Sp::new(Items::Tuple(tuple), items.loc.clone())));
                    if let Some(extra) = schema.get("additionalItems") {
                        let at = format!("{pointer}/additionalItems");
                        node.additional_items = rare(self.additional(extra, doc, &at, depth));
                    }
                }
                _ => {
                    self.error(&items.loc, "`items` must be a schema or a list of schemas");
                }
            }
        }
        if let Some(extra) = schema.get("additionalItems")
            && !matches!(schema.get("items").map(|i| &i.value), Some(Value::Array(_)))
        {
            self.warn(
                &extra.loc,
                pointer,
                "`additionalItems` without a list of `items` has no effect",
                "it is ignored, as JSON Schema ignores it",
            );
        }
        node.min_items = rare(self.whole(schema, "minItems"));
        node.max_items = rare(self.whole(schema, "maxItems"));
        if let Some(u) = schema.get("uniqueItems") {
            match u.value {
                Value::Bool(b) => node.unique_items = Some(Box::new(Sp::new(b, u.loc.clone()))),
                _ => {
                    self.error(&u.loc, "`uniqueItems` must be true or false");
                }
            }
        }
    }

    fn string_keywords(&mut self, node: &mut RawNode, schema: &Json) {
        if let Some(f) = schema.get("format") {
            match f.as_str() {
                Some(format) if FORMATS.contains(&format) => {
                    node.format = Some(Box::new(Sp::new(format.to_owned(), f.loc.clone())));
                }
                Some(format) => {
                    // A format the catalog cannot name is kept for people, in the description.
                    let note = format!("Format: {format}.");
                    node.description = Some(match node.description.take() {
                        Some(d) => Sp::new(format!("{} {note}", d.value), d.loc),
                        None => Sp::new(note, f.loc.clone()),
                    });
                }
                None => {
                    self.error(&f.loc, "`format` must be a string");
                }
            }
        }
        if let Some(p) = schema.get("pattern") {
            match p.as_str() {
                Some(s) => node.pattern = Some(Box::new(Sp::new(s.to_owned(), p.loc.clone()))),
                None => {
                    self.error(&p.loc, "`pattern` must be a string");
                }
            }
        }
        node.min_length = rare(self.whole(schema, "minLength"));
        node.max_length = rare(self.whole(schema, "maxLength"));
    }

    fn number_keywords(&mut self, node: &mut RawNode, schema: &Json) {
        let mut number = |key: &str, bool_allowed: bool| -> Rare<serde_json::Value> {
            let v = schema.get(key)?;
            match &v.value {
                Value::Number(_) => Some(Box::new(Sp::new(v.to_plain(), v.loc.clone()))),
                Value::Bool(_) if bool_allowed => {
                    Some(Box::new(Sp::new(v.to_plain(), v.loc.clone())))
                }
                _ => {
                    self.error(&v.loc, format!("`{key}` must be a number"));
                    None
                }
            }
        };
        node.minimum = number("minimum", false);
        node.maximum = number("maximum", false);
        node.exclusive_minimum = number("exclusiveMinimum", true);
        node.exclusive_maximum = number("exclusiveMaximum", true);
        node.multiple_of = number("multipleOf", false);
    }

    /// A non-negative whole number keyword.
    fn whole(&mut self, schema: &Json, key: &str) -> Option<Sp<u64>> {
        let v = schema.get(key)?;
        match &v.value {
            Value::Number(n) if n.as_u64().is_some() => {
                Some(Sp::new(n.as_u64().unwrap_or_default(), v.loc.clone()))
            }
            _ => {
                self.error(&v.loc, format!("`{key}` must be a whole number"));
                None
            }
        }
    }
}

/// The first keyword of a family that a schema has, with its value.
fn family<'s>(schema: &'s Json, keys: &[&'static str]) -> Option<(&'static str, &'s Json)> {
    keys.iter().find_map(|k| schema.get(k).map(|v| (*k, v)))
}

/// Title, description, examples, default and deprecated.
fn annotate(node: &mut RawNode, schema: &Json) {
    let text = |v: Option<&Json>| {
        v.and_then(|v| {
            v.as_str()
                .filter(|s| !s.trim().is_empty())
                .map(|s| Sp::new(s.to_owned(), v.loc.clone()))
        })
    };
    node.description = text(schema.get("description"));
    node.title = rare(text(schema.get("title")));
    if let Some(e) = schema.get("examples") {
        let values = match e.as_array() {
            Some(items) => items.iter().map(Json::to_plain).collect(),
            None => vec![e.to_plain()],
        };
        node.examples = Some(Box::new(Sp::new(values, e.loc.clone())));
    }
    if let Some(d) = schema.get("default") {
        node.default = Some(Box::new(Sp::new(d.to_plain(), d.loc.clone())));
    }
    if let Some(d) = schema.get("deprecated")
        && matches!(d.value, Value::Bool(true))
    {
        node.deprecated = Some(Box::new(Sp::new(true, d.loc.clone())));
    }
}

/// Whether a schema's own `type` (or `nullable`) admits `null`.
fn admits_null(schema: &Json) -> bool {
    let in_type = match schema.get("type").map(|t| &t.value) {
        Some(Value::String(s)) => s == "null",
        Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some("null")),
        _ => false,
    };
    in_type
        || matches!(
            schema.get("nullable").map(|n| &n.value),
            Some(Value::Bool(true))
        )
}

/// Whether a schema allows only `null`.
fn is_null_schema(schema: &Json) -> bool {
    let null_type = match schema.get("type").map(|t| &t.value) {
        Some(Value::String(s)) => s == "null",
        Some(Value::Array(items)) => {
            !items.is_empty() && items.iter().all(|i| i.as_str() == Some("null"))
        }
        _ => false,
    };
    let null_const = schema
        .get("const")
        .is_some_and(|c| matches!(c.value, Value::Null));
    (null_type || null_const)
        && schema.members().unwrap_or_default().iter().all(|(k, _)| {
            matches!(k.name.as_str(), "type" | "const")
                || ANNOTATION_KEYS.contains(&k.name.as_str())
        })
}

/// Takes `null` out of a node's type list, for an alternative whose nullability moves up to
/// the union; whether it was there.
fn strip_null(node: &mut RawNode) -> bool {
    let Some(ty) = &mut node.ty else { return false };
    match &mut ty.value {
        TypeSpec::Many(words) if words.iter().any(|w| w == "null") => {
            words.retain(|w| w != "null");
            if words.len() == 1 {
                ty.value = TypeSpec::One(words.remove(0));
            }
            true
        }
        _ => false,
    }
}

/// An alternative that is only a type word: it can join a type list.
fn is_bare_type(node: &RawNode) -> bool {
    matches!(&node.ty, Some(Sp { value: TypeSpec::One(w), .. })
        if matches!(w.as_str(), "string" | "number" | "integer" | "boolean"))
        && *node
            == RawNode {
                ty: node.ty.clone(),
                ..RawNode::default()
            }
}

/// Properties sorted by name: a JSON object's order means nothing, and output must not
/// depend on it.
pub fn sort_by_name(props: &mut [RawNode]) {
    props.sort_by(|a, b| {
        a.name
            .as_ref()
            .map(|n| &n.value)
            .cmp(&b.name.as_ref().map(|n| &n.value))
    });
}

/// A JSON pointer segment for a key.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// How messages show a pointer: `/` for the root.
fn shown(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// The value a JSON pointer (from a URI fragment) names in `root`.
fn resolve_pointer<'a>(root: &'a Json, fragment: &str) -> Option<&'a Json> {
    if fragment.is_empty() {
        return Some(root);
    }
    let mut current = root;
    for segment in fragment.strip_prefix('/')?.split('/') {
        let segment = unescape_pointer(segment);
        current = match &current.value {
            Value::Object(_) => current.get(&segment)?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// A JSON pointer segment from a URI fragment: percent-decoded, then `~1` → `/`, `~0` → `~`.
pub fn unescape_pointer(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let hex = |b: u8| char::from(b).to_digit(16);
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded)
        .replace("~1", "/")
        .replace("~0", "~")
}

/// A key most nodes lack, boxed.
fn rare<T>(value: Option<Sp<T>>) -> Rare<T> {
    value.map(Box::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_unescaped() {
        assert_eq!(unescape_pointer("a~1b%20c~0"), "a/b c~");
        assert_eq!(unescape_pointer("Product"), "Product");
        // A `%` before a character of several bytes, or at the end, is kept as it is.
        assert_eq!(unescape_pointer("a%é%"), "a%é%");
        assert_eq!(unescape_pointer("%4"), "%4");
    }
}
