//! TypeScript and JavaScript: which calls are calls of a generated tracker.
//!
//! The receiver is recognised by name, file by file, from what the file imports:
//!
//! - the generated module is an import (`import`, `export ... from`, `require`) whose specifier
//!   resolves, relative to the file, to a file carrying tracktype's `@generated` header
//!   (`./tracking`, `../tracking/index.js`), or one named with `--ts-import`;
//! - a *tracker* is a name bound to a call of its `createTracker` (however imported: named,
//!   renamed, or through a namespace), a name annotated with its `Tracker` type (a variable, a
//!   parameter, a class field, an interface property), an alias of a tracker (`const t =
//!   tracker`), a name bound to a call of a function declared to return `Tracker`, or a name
//!   imported from a scanned file that exports a tracker (`import { tracker } from
//!   "./analytics"`, through any chain of re-exports);
//! - a call counts when its receiver's last name is a tracker (`tracker.orderCompleted(..)`,
//!   `this.tracker.orderCompleted(..)`): a per-event method, `track` with the event's name
//!   as a string literal, or `identify` and `group` (whatever their arguments, so both the
//!   analytics-next flavour, `tracker.identify(userId, traits)`, and the analytics-node one,
//!   `tracker.identify({ userId, traits })`).
//!
//! A method the generated tracker does not have, called on a tracker, is a stale call.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tree_sitter::{Node, Tree};

use super::api::{Api, traits_call};
use super::syntax::{Source, descendants, named_children, plain_literal, preorder};
use super::{Call, Called, Site};

/// The generic method that takes the event's wire name first.
const GENERIC: &str = "track";

/// The generated module's exports that make trackers.
const FACTORY_EXPORT: &str = "createTracker";
const TYPE_EXPORT: &str = "Tracker";

/// What one file says about trackers, before names are resolved across files.
#[derive(Debug, Default)]
pub struct TsFile {
    /// The path, normalized, to resolve relative imports against.
    path: PathBuf,
    imports: Vec<Import>,
    exports: Vec<Export>,
    defs: Vec<(String, Def)>,
    calls: Vec<MemberCall>,
}

#[derive(Debug)]
struct Import {
    spec: String,
    binding: Binding,
}

#[derive(Debug)]
enum Binding {
    Named { imported: String, local: String },
    Namespace(String),
    Default(String),
}

#[derive(Debug)]
enum Export {
    Local {
        exported: String,
        local: String,
    },
    From {
        exported: String,
        spec: String,
        imported: String,
    },
    Star {
        spec: String,
    },
}

/// How a name gets its value.
#[derive(Debug)]
enum Def {
    /// The result of calling the function at this path.
    Call(Vec<String>),
    /// Another name's value.
    Alias(String),
    /// An annotation with these types.
    Annotated(Vec<Vec<String>>),
    /// A function declared to return one of these types.
    Returns(Vec<Vec<String>>),
}

#[derive(Debug)]
enum Receiver {
    Name(String),
    CallOf(Vec<String>),
}

#[derive(Debug)]
struct MemberCall {
    receiver: Receiver,
    method: String,
    /// The first argument, when it is a plain string literal.
    literal: Option<String>,
    site: Site,
}

impl TsFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn import(&mut self, spec: &str, binding: Binding) {
        self.imports.push(Import {
            spec: spec.to_owned(),
            binding,
        });
    }
}

/// Collects one file's imports, exports, bindings and member calls.
pub fn extract(source: &Source<'_>, tree: &Tree, normalized: PathBuf) -> TsFile {
    let mut file = TsFile {
        path: normalized,
        ..TsFile::default()
    };
    preorder(tree.root_node(), |node| match node.kind() {
        "import_statement" => import_statement(source, node, &mut file),
        "export_statement" => export_statement(source, node, &mut file),
        "variable_declarator" => variable_declarator(source, node, &mut file),
        "required_parameter" | "optional_parameter" => {
            if let Some(pattern) = node.child_by_field_name("pattern")
                && pattern.kind() == "identifier"
            {
                annotated(source, node, source.text(pattern), &mut file);
            }
        }
        "public_field_definition" | "property_signature" => {
            if let Some(name) = source.field(node, "name") {
                annotated(source, node, name, &mut file);
                if let Some(value) = node.child_by_field_name("value") {
                    value_def(source, value, name, &mut file);
                }
            }
        }
        "function_declaration"
        | "function_signature"
        | "method_definition"
        | "method_signature" => {
            if let Some(name) = source.field(node, "name") {
                returns(source, node, name, &mut file);
            }
        }
        "assignment_expression" => {
            if let (Some(left), Some(right)) = (
                node.child_by_field_name("left"),
                node.child_by_field_name("right"),
            ) && let Some(name) = path(source, left).and_then(|p| p.last().cloned())
            {
                value_def(source, right, &name, &mut file);
            }
        }
        "call_expression" => member_call(source, node, &mut file),
        _ => {}
    });
    file
}

fn string_value(source: &Source<'_>, node: Node<'_>) -> Option<String> {
    plain_literal(
        source,
        node,
        &["string", "template_string"],
        "string_fragment",
    )
}

fn import_statement(source: &Source<'_>, node: Node<'_>, file: &mut TsFile) {
    let Some(spec) = node
        .child_by_field_name("source")
        .and_then(|s| string_value(source, s))
    else {
        // `import x = require("s")`
        for clause in named_children(node) {
            if clause.kind() == "import_require_clause"
                && let (Some(name), Some(spec)) = (
                    named_children(clause).first().map(|n| source.text(*n)),
                    clause
                        .child_by_field_name("source")
                        .and_then(|s| string_value(source, s)),
                )
            {
                file.import(&spec, Binding::Namespace(name.to_owned()));
            }
        }
        return;
    };
    for clause in named_children(node) {
        if clause.kind() != "import_clause" {
            continue;
        }
        for part in named_children(clause) {
            let mut push = |binding| file.import(&spec, binding);
            match part.kind() {
                "identifier" => push(Binding::Default(source.text(part).to_owned())),
                "namespace_import" => {
                    if let Some(name) = named_children(part).first() {
                        push(Binding::Namespace(source.text(*name).to_owned()));
                    }
                }
                "named_imports" => {
                    for specifier in named_children(part) {
                        if let Some(imported) = source.field(specifier, "name") {
                            let local = source.field(specifier, "alias").unwrap_or(imported);
                            push(Binding::Named {
                                imported: imported.to_owned(),
                                local: local.to_owned(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn export_statement(source: &Source<'_>, node: Node<'_>, file: &mut TsFile) {
    let from = node
        .child_by_field_name("source")
        .and_then(|s| string_value(source, s));
    let is_default = {
        let mut cursor = node.walk();
        node.children(&mut cursor).any(|c| c.kind() == "default")
    };
    let clause = named_children(node)
        .into_iter()
        .find(|c| c.kind() == "export_clause");
    match (from, clause) {
        (Some(spec), Some(clause)) => {
            for specifier in named_children(clause) {
                if let Some(imported) = source.field(specifier, "name") {
                    let exported = source.field(specifier, "alias").unwrap_or(imported);
                    file.exports.push(Export::From {
                        exported: exported.to_owned(),
                        spec: spec.clone(),
                        imported: imported.to_owned(),
                    });
                }
            }
        }
        (Some(spec), None) => file.exports.push(Export::Star { spec }),
        (None, Some(clause)) => {
            for specifier in named_children(clause) {
                if let Some(local) = source.field(specifier, "name") {
                    let exported = source.field(specifier, "alias").unwrap_or(local);
                    file.exports.push(Export::Local {
                        exported: exported.to_owned(),
                        local: local.to_owned(),
                    });
                }
            }
        }
        (None, None) => {
            if let Some(declaration) = node.child_by_field_name("declaration") {
                for name in declared_names(source, declaration) {
                    let exported = if is_default { "default" } else { name };
                    file.exports.push(Export::Local {
                        exported: exported.to_owned(),
                        local: name.to_owned(),
                    });
                }
            } else if is_default && let Some(value) = node.child_by_field_name("value") {
                // `export default createTracker(...)`: the value gets the name `default`, which
                // no variable can have.
                value_def(source, value, "default", file);
                file.exports.push(Export::Local {
                    exported: "default".into(),
                    local: "default".into(),
                });
            }
        }
    }
}

/// The names a declaration binds: variables, or a function's or class's name.
fn declared_names<'a>(source: &Source<'a>, declaration: Node<'_>) -> Vec<&'a str> {
    match declaration.kind() {
        "lexical_declaration" | "variable_declaration" => named_children(declaration)
            .into_iter()
            .filter(|d| d.kind() == "variable_declarator")
            .filter_map(|d| d.child_by_field_name("name"))
            .filter(|n| n.kind() == "identifier")
            .map(|n| source.text(n))
            .collect(),
        _ => source.field(declaration, "name").into_iter().collect(),
    }
}

fn variable_declarator(source: &Source<'_>, node: Node<'_>, file: &mut TsFile) {
    let (Some(name), value) = (
        node.child_by_field_name("name"),
        node.child_by_field_name("value"),
    ) else {
        return;
    };
    if let Some(spec) = value.and_then(|v| required(source, v)) {
        require_bindings(source, name, spec, file);
        return;
    }
    if name.kind() != "identifier" {
        return;
    }
    let name = source.text(name);
    annotated(source, node, name, file);
    if let Some(value) = value {
        value_def(source, value, name, file);
    }
}

/// The specifier of `require("s")`.
fn required(source: &Source<'_>, value: Node<'_>) -> Option<String> {
    if value.kind() != "call_expression" || source.field(value, "function") != Some("require") {
        return None;
    }
    let args = value.child_by_field_name("arguments")?;
    string_value(source, *named_children(args).first()?)
}

fn require_bindings(source: &Source<'_>, name: Node<'_>, spec: String, file: &mut TsFile) {
    let mut push = |binding| file.import(&spec, binding);
    match name.kind() {
        "identifier" => push(Binding::Namespace(source.text(name).to_owned())),
        "object_pattern" => {
            for part in named_children(name) {
                match part.kind() {
                    "shorthand_property_identifier_pattern" => {
                        let n = source.text(part).to_owned();
                        push(Binding::Named {
                            imported: n.clone(),
                            local: n,
                        });
                    }
                    "pair_pattern" => {
                        if let (Some(key), Some(value)) =
                            (source.field(part, "key"), source.field(part, "value"))
                        {
                            push(Binding::Named {
                                imported: key.to_owned(),
                                local: value.to_owned(),
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// A `type:` annotation on `node` makes `name` a tracker if it names the tracker type.
fn annotated(source: &Source<'_>, node: Node<'_>, name: &str, file: &mut TsFile) {
    if let Some(types) = node
        .child_by_field_name("type")
        .map(|t| type_paths(source, t))
        .filter(|t| !t.is_empty())
    {
        file.defs.push((name.to_owned(), Def::Annotated(types)));
    }
}

fn returns(source: &Source<'_>, node: Node<'_>, name: &str, file: &mut TsFile) {
    if let Some(types) = node
        .child_by_field_name("return_type")
        .map(|t| type_paths(source, t))
        .filter(|t| !t.is_empty())
    {
        file.defs.push((name.to_owned(), Def::Returns(types)));
    }
}

/// Every type named in an annotation: `Tracker`, `T.Tracker`, inside generics and unions too.
fn type_paths(source: &Source<'_>, annotation: Node<'_>) -> Vec<Vec<String>> {
    descendants(annotation, &["type_identifier", "nested_type_identifier"])
        .into_iter()
        .filter(|n| {
            n.kind() == "nested_type_identifier"
                || n.parent()
                    .is_none_or(|p| p.kind() != "nested_type_identifier")
        })
        .map(|n| {
            source
                .text(n)
                .split('.')
                .map(|s| s.trim().to_owned())
                .collect()
        })
        .collect()
}

/// What assigning `value` to `name` makes of it.
fn value_def(source: &Source<'_>, value: Node<'_>, name: &str, file: &mut TsFile) {
    // Wrappers that keep the value: `await x`, `(x)`, `x!`, `x as Tracker`.
    let mut value = value;
    for _ in 0..MAX_NESTING {
        match value.kind() {
            "await_expression" | "parenthesized_expression" | "non_null_expression" => {}
            "as_expression" | "satisfies_expression" => {
                let types: Vec<Vec<String>> = named_children(value)
                    .iter()
                    .skip(1)
                    .flat_map(|t| type_paths(source, *t))
                    .collect();
                if !types.is_empty() {
                    file.defs.push((name.to_owned(), Def::Annotated(types)));
                }
            }
            _ => break,
        }
        let Some(inner) = named_children(value).first().copied() else {
            return;
        };
        value = inner;
    }
    let def = match value.kind() {
        "call_expression" => {
            let Some(callee) = value
                .child_by_field_name("function")
                .and_then(|f| path(source, f))
            else {
                return;
            };
            Def::Call(callee)
        }
        "identifier" | "member_expression" => {
            let Some(last) = path(source, value).and_then(|p| p.last().cloned()) else {
                return;
            };
            Def::Alias(last)
        }
        "arrow_function" | "function_expression" | "function" => {
            returns(source, value, name, file);
            return;
        }
        _ => return,
    };
    file.defs.push((name.to_owned(), def));
}

/// `a`, `a.b.c`, `this.a`: the names of an expression made only of names. Walked without
/// recursion: a chain of a million `.a` is hostile input, not a reason to overflow the stack.
fn path(source: &Source<'_>, node: Node<'_>) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut node = node;
    loop {
        match node.kind() {
            "identifier" | "this" | "property_identifier" | "shorthand_property_identifier" => {
                names.push(source.text(node).to_owned());
                names.reverse();
                return Some(names);
            }
            "member_expression" => {
                names.push(source.field(node, "property")?.to_owned());
                node = node.child_by_field_name("object")?;
            }
            "non_null_expression" | "parenthesized_expression" => {
                node = *named_children(node).first()?;
            }
            _ => return None,
        }
    }
}

fn member_call(source: &Source<'_>, node: Node<'_>, file: &mut TsFile) {
    let Some(function) = node.child_by_field_name("function") else {
        return;
    };
    if function.kind() != "member_expression" {
        return;
    }
    let (Some(object), Some(property)) = (
        function.child_by_field_name("object"),
        function.child_by_field_name("property"),
    ) else {
        return;
    };
    let receiver = if object.kind() == "call_expression" {
        match object
            .child_by_field_name("function")
            .and_then(|f| path(source, f))
        {
            Some(callee) => Receiver::CallOf(callee),
            None => return,
        }
    } else {
        match path(source, object).and_then(|p| p.last().cloned()) {
            Some(name) => Receiver::Name(name),
            None => return,
        }
    };
    let literal = node
        .child_by_field_name("arguments")
        .and_then(|args| named_children(args).first().copied())
        .and_then(|first| string_value(source, first));
    file.calls.push(MemberCall {
        receiver,
        method: source.text(property).to_owned(),
        literal,
        site: source.site(property),
    });
}

const VALUE: u8 = 1;
const FACTORY: u8 = 2;
const TYPE: u8 = 4;

/// Where an import leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Module {
    Generated,
    File(usize),
}

/// Most wrappers (`await`, parentheses, `as`) looked through around a value.
const MAX_NESTING: usize = 64;

/// Deepest chain of re-exports followed; a cycle of re-exports stops here.
const MAX_REEXPORTS: usize = 32;

/// Resolves every file's trackers, across files, and returns the calls of the generated API.
pub fn resolve(files: &[TsFile], generated: &HashSet<PathBuf>, api: &Api) -> Vec<Call> {
    let resolver = Resolver::new(files, generated, api);
    let mut calls = Vec::new();
    for (i, file) in files.iter().enumerate() {
        for call in &file.calls {
            let tracker = match &call.receiver {
                Receiver::Name(name) => resolver.flags(i, name) & VALUE != 0,
                Receiver::CallOf(callee) => resolver.path_flags(i, callee) & FACTORY != 0,
            };
            if !tracker {
                continue;
            }
            let called = if call.method == GENERIC {
                match &call.literal {
                    Some(wire) => api.wire(wire),
                    // A name computed at run time says nothing about which event it is.
                    None => continue,
                }
            } else if let Some(traits) = traits_call(&call.method) {
                Called::Traits(traits)
            } else {
                api.method(&call.method)
                    .unwrap_or_else(|| Called::Unknown(call.method.clone()))
            };
            calls.push(Call {
                site: call.site.clone(),
                called,
            });
        }
    }
    calls
}

/// The files that export a tracker, a function returning one, or the tracker type, under any
/// name: the files whose importers may hold trackers.
pub fn exporters(files: &[TsFile], generated: &HashSet<PathBuf>, api: &Api) -> Vec<PathBuf> {
    let resolver = Resolver::new(files, generated, api);
    (0..files.len())
        .filter(|&i| resolver.exports_tracker(i, 0))
        .map(|i| files[i].path.clone())
        .collect()
}

struct Resolver<'a> {
    files: &'a [TsFile],
    /// Each file's names and what they are (`VALUE`, `FACTORY`, `TYPE`).
    names: Vec<HashMap<String, u8>>,
    /// Each file's namespace imports.
    namespaces: Vec<HashMap<String, Module>>,
    /// Each file's imports, resolved.
    targets: Vec<Vec<Option<Module>>>,
    /// Each file's re-exports, resolved.
    export_targets: Vec<Vec<Option<Module>>>,
}

impl<'a> Resolver<'a> {
    fn new(files: &'a [TsFile], generated: &HashSet<PathBuf>, api: &Api) -> Self {
        let index: HashMap<&Path, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_path(), i))
            .collect();
        let mut on_disk: HashMap<PathBuf, bool> = HashMap::new();
        let mut target = |from: &Path, spec: &str| -> Option<Module> {
            if api.modules.ts_imports.iter().any(|s| s == spec) {
                return Some(Module::Generated);
            }
            if !(spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == "..") {
                return None;
            }
            let base = crate::project::normalize(&from.parent()?.join(spec));
            candidates(&base).into_iter().find_map(|candidate| {
                if let Some(&i) = index.get(candidate.as_path()) {
                    return Some(Module::File(i));
                }
                let ours = generated.contains(&candidate)
                    || *on_disk
                        .entry(candidate.clone())
                        .or_insert_with(|| crate::writer::is_ours(&candidate));
                ours.then_some(Module::Generated)
            })
        };
        let targets: Vec<Vec<Option<Module>>> = files
            .iter()
            .map(|f| f.imports.iter().map(|i| target(&f.path, &i.spec)).collect())
            .collect();
        let export_targets = files
            .iter()
            .map(|f| {
                f.exports
                    .iter()
                    .map(|e| match e {
                        Export::From { spec, .. } | Export::Star { spec } => target(&f.path, spec),
                        Export::Local { .. } => None,
                    })
                    .collect()
            })
            .collect();
        let mut resolver = Self {
            files,
            names: vec![HashMap::new(); files.len()],
            namespaces: vec![HashMap::new(); files.len()],
            targets,
            export_targets,
        };
        resolver.settle();
        resolver
    }

    /// Spreads what names are until nothing changes: each round can only add flags, so this
    /// ends, after as many rounds as the longest chain of imports and aliases.
    fn settle(&mut self) {
        loop {
            let mut changed = false;
            for i in 0..self.files.len() {
                let mut found: Vec<(String, u8)> = Vec::new();
                let mut namespaces: Vec<(String, Module)> = Vec::new();
                for (import, target) in self.files[i].imports.iter().zip(&self.targets[i]) {
                    let Some(target) = *target else { continue };
                    match &import.binding {
                        Binding::Named { imported, local } => {
                            found.push((local.clone(), self.export_flags(target, imported, 0)));
                        }
                        Binding::Default(local) => {
                            found.push((local.clone(), self.export_flags(target, "default", 0)));
                        }
                        Binding::Namespace(local) => namespaces.push((local.clone(), target)),
                    }
                }
                for (name, def) in &self.files[i].defs {
                    let flags = match def {
                        Def::Call(callee) => {
                            if self.path_flags(i, callee) & FACTORY != 0 {
                                VALUE
                            } else {
                                0
                            }
                        }
                        Def::Alias(other) => self.flags(i, other) & VALUE,
                        Def::Annotated(types) => {
                            if self.any_type(i, types) {
                                VALUE
                            } else {
                                0
                            }
                        }
                        Def::Returns(types) => {
                            if self.any_type(i, types) {
                                FACTORY
                            } else {
                                0
                            }
                        }
                    };
                    found.push((name.clone(), flags));
                }
                for (name, module) in namespaces {
                    changed |= self.namespaces[i].insert(name, module).is_none();
                }
                for (name, flags) in found {
                    if flags == 0 {
                        continue;
                    }
                    let entry = self.names[i].entry(name).or_insert(0);
                    if *entry | flags != *entry {
                        *entry |= flags;
                        changed = true;
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    fn flags(&self, file: usize, name: &str) -> u8 {
        self.names[file].get(name).copied().unwrap_or(0)
    }

    fn any_type(&self, file: usize, types: &[Vec<String>]) -> bool {
        types.iter().any(|t| self.path_flags(file, t) & TYPE != 0)
    }

    /// `name`, `namespace.name`, or the last name of a longer path.
    fn path_flags(&self, file: usize, path: &[String]) -> u8 {
        match path {
            [name] => self.flags(file, name),
            [namespace, name] if self.namespaces[file].contains_key(namespace) => {
                self.export_flags(self.namespaces[file][namespace], name, 0)
            }
            [.., last] => self.flags(file, last),
            [] => 0,
        }
    }

    fn exports_tracker(&self, file: usize, depth: usize) -> bool {
        if depth > MAX_REEXPORTS {
            return false;
        }
        let exports = self.files[file].exports.iter();
        exports
            .zip(&self.export_targets[file])
            .any(|(export, target)| match (export, target) {
                (Export::Local { local, .. }, _) => self.flags(file, local) != 0,
                (Export::From { imported, .. }, Some(target)) => {
                    self.export_flags(*target, imported, depth + 1) != 0
                }
                (Export::Star { .. }, Some(Module::Generated)) => true,
                (Export::Star { .. }, Some(Module::File(k))) => self.exports_tracker(*k, depth + 1),
                _ => false,
            })
    }

    /// What a module's export `name` is.
    fn export_flags(&self, module: Module, name: &str, depth: usize) -> u8 {
        let file = match module {
            Module::Generated => {
                return match name {
                    FACTORY_EXPORT => FACTORY,
                    TYPE_EXPORT => TYPE,
                    _ => 0,
                };
            }
            Module::File(i) => i,
        };
        if depth > MAX_REEXPORTS {
            return 0;
        }
        let mut flags = 0;
        for (export, target) in self.files[file]
            .exports
            .iter()
            .zip(&self.export_targets[file])
        {
            flags |= match (export, target) {
                (Export::Local { exported, local }, _) if exported == name => {
                    self.flags(file, local)
                }
                (
                    Export::From {
                        exported, imported, ..
                    },
                    Some(target),
                ) if exported == name => self.export_flags(*target, imported, depth + 1),
                (Export::Star { .. }, Some(target)) if name != "default" => {
                    self.export_flags(*target, name, depth + 1)
                }
                _ => 0,
            };
        }
        flags
    }
}

/// The files a relative specifier may mean, in the order TypeScript and bundlers try them.
fn candidates(base: &Path) -> Vec<PathBuf> {
    const EXTENSIONS: &[&str] = &["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
    let mut found = Vec::new();
    let ext = base.extension().and_then(|e| e.to_str()).unwrap_or("");
    if EXTENSIONS.contains(&ext) {
        // TypeScript's ES modules import `./x.js` for the source `./x.ts`.
        let source_ext = match ext {
            "js" => Some("ts"),
            "jsx" => Some("tsx"),
            "mjs" => Some("mts"),
            "cjs" => Some("cts"),
            _ => None,
        };
        if let Some(source_ext) = source_ext {
            found.push(base.with_extension(source_ext));
        }
        found.push(base.to_owned());
    }
    for e in EXTENSIONS {
        let mut with = base.as_os_str().to_owned();
        with.push(".");
        with.push(e);
        found.push(PathBuf::from(with));
    }
    for e in EXTENSIONS {
        found.push(base.join(format!("index.{e}")));
    }
    found
}
