//! Rust: which calls are calls of the generated `Tracker`.
//!
//! A file counts only if it names the generated module (`tracking` unless `--rust-module`
//! says otherwise) in a `use` or a path: `use crate::tracking::{Tracker, OrderCompleted}`,
//! `tracking::Tracker::new(..)`. In it, the generated types are the names imported from the
//! module (renames followed, globs included) and paths through it. A *tracker* is, by name in
//! the file: a binding, parameter or field whose type mentions `Tracker`, a binding of
//! `Tracker::new(..)` (and any method chain on it, `&` of it, or an alias of a tracker), or the
//! result of a function declared to return a `Tracker`. A call counts when its receiver is a
//! tracker: a per-event method (`tracker.order_completed(..)`), or the generic
//! `tracker.track(identity, OrderCompleted::new(..))` whose event is the type of its second
//! argument (a constructor call, a struct literal, or a binding of either). A message built by
//! hand, `Message::new(identity, &OrderCompleted::new(..))`, counts too. So do the identify and
//! group calls, on a tracker (`tracker.identify(identity, traits)`, `tracker.group(identity,
//! group_id, traits)`) or as messages (`Message::identify(..)`, `Message::group(..)`).
//!
//! A method the generated `Tracker` does not have (nor its derived `Clone` and `Debug`), called
//! on a tracker, is a stale call.

use std::collections::{HashMap, HashSet};

use tree_sitter::{Node, Tree};

use super::api::{Api, traits_call};
use super::syntax::{Source, descendants, named_children, preorder};
use super::{Call, Called};

/// The generated `Tracker`'s methods, and its derived traits', that make no call of their own:
/// `send` sends a message built by hand, which counts where it is built.
const NOT_EVENTS: &[&str] = &[
    "new",
    "with_context",
    "send",
    "clone",
    "clone_from",
    "to_owned",
    "fmt",
];

/// The generic method: the event is the type of its second argument.
const GENERIC: &str = "track";

const TRACKER: &str = "Tracker";
const MESSAGE: &str = "Message";

/// Deepest chain of bindings followed to find an event's type (`let a = b; let b = ...`).
const MAX_ALIASES: usize = 16;

/// Deepest expression or `use` tree looked into: hostile input must not overflow the stack.
const MAX_NESTING: usize = 256;

struct File<'s, 't> {
    source: &'s Source<'s>,
    /// The module's name, and the names `use` gives it (`use crate::tracking::{self as t}`).
    module: Vec<String>,
    mentions_module: bool,
    /// Names imported from the module: local name → the module's name.
    imported: HashMap<String, String>,
    /// `use module::*`: every name may be the module's.
    glob: bool,
    typed: Vec<(String, Node<'t>)>,
    bound: Vec<(String, Node<'t>)>,
    returns: Vec<(String, Node<'t>)>,
    calls: Vec<Node<'t>>,
}

/// The calls of the generated API in one file.
pub fn calls(source: &Source<'_>, tree: &Tree, api: &Api) -> Vec<Call> {
    let mut file = File {
        source,
        module: vec![api.modules.rust.clone()],
        mentions_module: false,
        imported: HashMap::new(),
        glob: false,
        typed: Vec::new(),
        bound: Vec::new(),
        returns: Vec::new(),
        calls: Vec::new(),
    };
    preorder(tree.root_node(), |node| file.collect(node));
    if !file.mentions_module {
        return Vec::new();
    }
    let trackers = file.trackers();
    let factories: HashSet<&str> = file
        .returns
        .iter()
        .filter(|(_, ty)| file.mentions_tracker(*ty))
        .map(|(name, _)| name.as_str())
        .collect();
    let tracked = Trackers {
        names: &trackers,
        factories: &factories,
    };
    let mut found = Vec::new();
    for call in &file.calls {
        if let Some(c) = file.call(*call, &tracked, api) {
            found.push(c);
        }
    }
    found
}

struct Trackers<'a> {
    names: &'a HashSet<String>,
    factories: &'a HashSet<&'a str>,
}

impl<'s, 't> File<'s, 't> {
    fn collect(&mut self, node: Node<'t>) {
        match node.kind() {
            "use_declaration" => {
                if let Some(argument) = node.child_by_field_name("argument") {
                    self.use_tree(argument, false, 0);
                }
            }
            "scoped_identifier" | "scoped_type_identifier"
                if self.through_module(self.source.text(node)) =>
            {
                self.mentions_module = true;
            }
            "parameter" | "let_declaration" => {
                if let Some(pattern) = node.child_by_field_name("pattern")
                    && pattern.kind() == "identifier"
                {
                    let name = self.source.text(pattern).to_owned();
                    if let Some(ty) = node.child_by_field_name("type") {
                        self.typed.push((name.clone(), ty));
                    }
                    if let Some(value) = node.child_by_field_name("value") {
                        self.bound.push((name, value));
                    }
                }
            }
            "field_declaration" => {
                if let (Some(name), Some(ty)) = (
                    self.source.field(node, "name"),
                    node.child_by_field_name("type"),
                ) {
                    self.typed.push((name.to_owned(), ty));
                }
            }
            "field_initializer" => {
                if let (Some(name), Some(value)) = (
                    self.source.field(node, "field"),
                    node.child_by_field_name("value"),
                ) {
                    self.bound.push((name.to_owned(), value));
                }
            }
            "function_item" | "function_signature_item" => {
                if let (Some(name), Some(ty)) = (
                    self.source.field(node, "name"),
                    node.child_by_field_name("return_type"),
                ) {
                    self.returns.push((name.to_owned(), ty));
                }
            }
            "call_expression" => self.calls.push(node),
            _ => {}
        }
    }

    /// Whether a path goes through the module: `crate::tracking::X`, `tracking::X`.
    fn through_module(&self, path: &str) -> bool {
        let segments: Vec<&str> = path.split("::").map(str::trim).collect();
        segments
            .split_last()
            .is_some_and(|(_, before)| before.iter().any(|s| self.is_module(s)))
    }

    fn is_module(&self, name: &str) -> bool {
        self.module.iter().any(|m| m == name)
    }

    fn use_tree(&mut self, node: Node<'_>, in_module: bool, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        let source = self.source;
        let text = |n: Node<'_>| source.text(n).to_owned();
        match node.kind() {
            "scoped_identifier" => {
                let path = text(node);
                let through = in_module || self.through_module(&path);
                let last = path.rsplit("::").next().unwrap_or("").trim().to_owned();
                if through || self.is_module(&last) {
                    self.mentions_module = true;
                }
                if through {
                    self.imported.insert(last.clone(), last);
                }
            }
            "identifier" => {
                let name = text(node);
                if self.is_module(&name) {
                    self.mentions_module = true;
                }
                if in_module {
                    self.imported.insert(name.clone(), name);
                }
            }
            "use_as_clause" => {
                if let (Some(path), Some(alias)) = (
                    node.child_by_field_name("path"),
                    node.child_by_field_name("alias"),
                ) {
                    let path = text(path);
                    let original = path.rsplit("::").next().unwrap_or("").trim().to_owned();
                    if (in_module && original == "self") || self.is_module(&original) {
                        self.mentions_module = true;
                        self.module.push(text(alias));
                    } else if in_module || self.through_module(&path) {
                        self.mentions_module = true;
                        self.imported.insert(text(alias), original);
                    }
                }
            }
            "scoped_use_list" => {
                let through = in_module
                    || node.child_by_field_name("path").is_some_and(|p| {
                        let path = format!("{}::_", self.source.text(p));
                        self.through_module(&path)
                    });
                if through {
                    self.mentions_module = true;
                }
                if let Some(list) = node.child_by_field_name("list") {
                    self.use_tree(list, through, depth + 1);
                }
            }
            "use_list" => {
                for item in named_children(node) {
                    self.use_tree(item, in_module, depth + 1);
                }
            }
            "use_wildcard" => {
                let through = in_module
                    || named_children(node).first().is_some_and(|p| {
                        let path = format!("{}::*", self.source.text(*p));
                        self.through_module(&path)
                    });
                if through {
                    self.mentions_module = true;
                    self.glob = true;
                }
            }
            _ => {}
        }
    }

    /// The module's name a type or path in the code stands for, if it is one of the module's.
    fn generated(&self, path: &str) -> Option<String> {
        let path = path.trim_start_matches(['&', ' ']);
        let path = path.strip_prefix("mut ").unwrap_or(path);
        let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
        let last = path.rsplit("::").next()?;
        if path.contains("::") {
            return self.through_module(&path).then(|| last.to_owned());
        }
        match self.imported.get(last) {
            Some(original) => Some(original.clone()),
            None => self.glob.then(|| last.to_owned()),
        }
    }

    fn mentions_tracker(&self, ty: Node<'_>) -> bool {
        descendants(ty, &["type_identifier", "scoped_type_identifier"])
            .into_iter()
            .any(|t| self.generated(self.source.text(t)).as_deref() == Some(TRACKER))
    }

    /// Every name bound to a tracker, until aliases add no more.
    fn trackers(&self) -> HashSet<String> {
        let mut names: HashSet<String> = self
            .typed
            .iter()
            .filter(|(_, ty)| self.mentions_tracker(*ty))
            .map(|(name, _)| name.clone())
            .collect();
        let no_factories = HashSet::new();
        loop {
            let before = names.len();
            let found: Vec<String> = self
                .bound
                .iter()
                .filter(|(name, value)| {
                    !names.contains(name)
                        && self.is_tracker(
                            *value,
                            0,
                            &Trackers {
                                names: &names,
                                factories: &no_factories,
                            },
                        )
                })
                .map(|(name, _)| name.clone())
                .collect();
            names.extend(found);
            if names.len() == before {
                return names;
            }
        }
    }

    /// Whether an expression is a tracker: a tracker's name, `Tracker::new(..)`, a method chain
    /// on a tracker, a reference to one, or a call of a function returning one.
    fn is_tracker(&self, expr: Node<'_>, depth: usize, trackers: &Trackers<'_>) -> bool {
        if depth > MAX_NESTING {
            return false;
        }
        match expr.kind() {
            "identifier" => trackers.names.contains(self.source.text(expr)),
            "field_expression" => self
                .source
                .field(expr, "field")
                .is_some_and(|f| trackers.names.contains(f)),
            "reference_expression" | "parenthesized_expression" | "try_expression" => {
                named_children(expr)
                    .last()
                    .is_some_and(|inner| self.is_tracker(*inner, depth + 1, trackers))
            }
            "call_expression" => {
                let Some(function) = expr.child_by_field_name("function") else {
                    return false;
                };
                match function.kind() {
                    "scoped_identifier" => {
                        let path = self.source.text(function);
                        let (owner, name) = path.rsplit_once("::").unwrap_or(("", path));
                        (name.trim() == "new" && self.generated(owner).as_deref() == Some(TRACKER))
                            || trackers.factories.contains(name.trim())
                    }
                    "identifier" => trackers.factories.contains(self.source.text(function)),
                    "field_expression" => {
                        self.source
                            .field(function, "field")
                            .is_some_and(|f| trackers.factories.contains(f))
                            || function
                                .child_by_field_name("value")
                                .is_some_and(|v| self.is_tracker(v, depth + 1, trackers))
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn call(&self, call: Node<'_>, trackers: &Trackers<'_>, api: &Api) -> Option<Call> {
        let function = call.child_by_field_name("function")?;
        let args = call
            .child_by_field_name("arguments")
            .map(named_children)
            .unwrap_or_default();
        match function.kind() {
            "field_expression" => {
                let receiver = function.child_by_field_name("value")?;
                let method_node = function.child_by_field_name("field")?;
                let method = self.source.text(method_node);
                if NOT_EVENTS.contains(&method) || !self.is_tracker(receiver, 0, trackers) {
                    return None;
                }
                let called = if method == GENERIC {
                    self.event_of(*args.get(1)?, api, 0)?
                } else if let Some(traits) = traits_call(method) {
                    Called::Traits(traits)
                } else {
                    api.method(method)
                        .unwrap_or_else(|| Called::Unknown(method.to_owned()))
                };
                Some(Call {
                    site: self.source.site(method_node),
                    called,
                })
            }
            "scoped_identifier" => {
                let path = self.source.text(function);
                let (owner, name) = path.rsplit_once("::")?;
                if self.generated(owner).as_deref() != Some(MESSAGE) {
                    return None;
                }
                let name = name.trim();
                let called = if name == "new" {
                    self.event_of(*args.get(1)?, api, 0)?
                } else {
                    Called::Traits(traits_call(name)?)
                };
                Some(Call {
                    site: self.source.site(function.child_by_field_name("name")?),
                    called,
                })
            }
            _ => None,
        }
    }

    /// The event an expression is, from its generated type: `OrderCompleted::new(..)`,
    /// `OrderCompleted { .. }`, `&order`, or a binding of one of those. `None` when the type
    /// cannot be told.
    fn event_of(&self, expr: Node<'_>, api: &Api, depth: usize) -> Option<Called> {
        if depth > MAX_ALIASES {
            return None;
        }
        match expr.kind() {
            "reference_expression" | "parenthesized_expression" => {
                self.event_of(*named_children(expr).last()?, api, depth + 1)
            }
            "call_expression" => {
                let function = expr.child_by_field_name("function")?;
                if function.kind() != "scoped_identifier" {
                    return None;
                }
                let (owner, _) = self.source.text(function).rsplit_once("::")?;
                self.event_type(owner, api)
            }
            "struct_expression" => self.event_type(self.source.field(expr, "name")?, api),
            "identifier" => {
                let name = self.source.text(expr);
                if let Some((_, ty)) = self.typed.iter().rev().find(|(n, _)| n == name) {
                    return self.event_type(self.source.text(*ty), api);
                }
                let (_, value) = self.bound.iter().rev().find(|(n, _)| n == name)?;
                self.event_of(*value, api, depth + 1)
            }
            _ => None,
        }
    }

    fn event_type(&self, ty: &str, api: &Api) -> Option<Called> {
        self.generated(ty).map(|name| api.event_type(&name))
    }
}
