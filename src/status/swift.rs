//! Swift: which calls are calls of the generated `TrackingClient` extension.
//!
//! A file counts only if it imports the generated module (`import Tracking`, or the name given
//! with `--swift-module`), which it must to name the event types. Swift has no per-file names
//! to follow: the tracker is whatever conforms to `TrackingClient` (usually analytics-swift's
//! `Analytics`), declared anywhere in the module. So in such a file a call counts by its shape
//! alone, whatever the receiver (`analytics.orderCompleted(..)`, `client.orderCompleted(..)`,
//! or unqualified inside a conforming type): a per-event method with the generated signature
//! (one unlabelled argument, or none), `track(name: "Order Completed", ...)` with the name
//! as a plain string literal, or the generated identify and group, `identify(userId:traits:)`
//! and `group(groupId:traits:)` (the traits may be left to their default).
//!
//! Without a receiver to go by, a stale call is one the catalog can name: the method of an
//! event that is not selected, or `track(name:)` with a name the selection does not have.

use tree_sitter::{Node, Tree};

use super::api::{Api, traits_call};
use super::syntax::{Source, named_children, plain_literal, preorder};
use super::{Call, Called};
use crate::model::TraitsCall;

/// The generic method, and the label of its event-name argument.
const GENERIC: &str = "track";
const NAME_LABEL: &str = "name";

/// The calls of the generated API in one file.
pub fn calls(source: &Source<'_>, tree: &Tree, api: &Api) -> Vec<Call> {
    let module = api.modules.swift.as_str();
    let mut imports = false;
    let mut candidates = Vec::new();
    preorder(tree.root_node(), |node| match node.kind() {
        "import_declaration" => {
            imports |= named_children(node)
                .iter()
                .filter(|n| n.kind() == "identifier")
                .any(|n| source.text(*n).split('.').next().map(str::trim) == Some(module));
        }
        "call_expression" => candidates.push(node),
        _ => {}
    });
    if !imports {
        return Vec::new();
    }
    candidates
        .into_iter()
        .filter_map(|node| call(source, node, api))
        .collect()
}

/// One argument: its label, if any, and its value.
struct Argument<'t> {
    label: Option<String>,
    value: Option<Node<'t>>,
}

fn call(source: &Source<'_>, node: Node<'_>, api: &Api) -> Option<Call> {
    let parts = named_children(node);
    let (callee, suffix) = (parts.first()?, parts.get(1)?);
    if suffix.kind() != "call_suffix" {
        return None;
    }
    let method = match callee.kind() {
        "simple_identifier" => *callee,
        "navigation_expression" => callee
            .child_by_field_name("suffix")?
            .child_by_field_name("suffix")?,
        _ => return None,
    };
    let name = source.text(method);
    let arguments = arguments(source, *suffix)?;
    let called = if name == GENERIC {
        let event = arguments
            .iter()
            .find(|a| a.label.as_deref() == Some(NAME_LABEL))?
            .value?;
        api.wire(&plain_string(source, event)?)
    } else if let Some(traits) = traits_call(name) {
        if !traits_shape(traits, &arguments) {
            return None;
        }
        Called::Traits(traits)
    } else {
        let called = api.method(name)?;
        let fits = arguments.is_empty() || (arguments.len() == 1 && arguments[0].label.is_none());
        if !fits {
            return None;
        }
        called
    };
    Some(Call {
        site: source.site(method),
        called,
    })
}

/// Whether the arguments are the generated method's: the id's label, then `traits` or nothing.
fn traits_shape(call: TraitsCall, arguments: &[Argument<'_>]) -> bool {
    let id = match call {
        TraitsCall::Identify => "userId",
        TraitsCall::Group => "groupId",
    };
    let labels: Vec<Option<&str>> = arguments.iter().map(|a| a.label.as_deref()).collect();
    labels == [Some(id)] || labels == [Some(id), Some("traits")]
}

/// The call's arguments; `None` when it has a trailing closure, which no generated method takes.
fn arguments<'t>(source: &Source<'_>, suffix: Node<'t>) -> Option<Vec<Argument<'t>>> {
    let mut found = Vec::new();
    for part in named_children(suffix) {
        if part.kind() != "value_arguments" {
            return None;
        }
        for argument in named_children(part) {
            if argument.kind() != "value_argument" {
                continue;
            }
            found.push(Argument {
                label: argument
                    .child_by_field_name("name")
                    .map(|l| source.text(l).trim().to_owned()),
                value: argument.child_by_field_name("value"),
            });
        }
    }
    Some(found)
}

/// A string literal without interpolation: the event name as sent.
fn plain_string(source: &Source<'_>, node: Node<'_>) -> Option<String> {
    plain_literal(source, node, &["line_string_literal"], "line_str_text")
}
