//! The diagram as a Mermaid flowchart, which GitHub and most Markdown viewers draw. Labels
//! are quoted and every character Mermaid could read as syntax is written as an entity
//! (`#quot;`), so any event name draws as written.

use std::fmt::Write as _;

use super::graph::{EdgeKind, Graph, NodeKind};

/// Each kind's class: fill, stroke and text colours readable on light and dark pages alike.
const CLASSES: [(NodeKind, &str); 5] = [
    (NodeKind::Goal, "fill:#1d4ed8,stroke:#1e3a8a,color:#ffffff"),
    (
        NodeKind::UseCase,
        "fill:#dbeafe,stroke:#1d4ed8,color:#0b1b3f",
    ),
    (NodeKind::Event, "fill:#dcfce7,stroke:#15803d,color:#052e16"),
    (
        NodeKind::Source,
        "fill:#fef3c7,stroke:#b45309,color:#451a03",
    ),
    (
        NodeKind::Destination,
        "fill:#fce7f3,stroke:#be185d,color:#500724",
    ),
];

/// The flowchart's source, without the fence.
pub fn flowchart(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        let (open, close) = match node.kind {
            NodeKind::Source | NodeKind::Destination => ("([", "])"),
            _ => ("[", "]"),
        };
        let _ = writeln!(out, "  n{i}{open}\"{}\"{close}", label(&node.label));
    }
    for e in &graph.edges {
        let arrow = match e.kind {
            EdgeKind::Member => "-->",
            EdgeKind::Source | EdgeKind::Destination => "-.->",
        };
        let _ = writeln!(out, "  n{} {arrow} n{}", e.from, e.to);
    }
    for (kind, style) in CLASSES {
        let members: Vec<String> = graph
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == kind)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if members.is_empty() {
            continue;
        }
        let name = class_name(kind);
        let _ = writeln!(out, "  classDef {name} {style}");
        let _ = writeln!(out, "  class {} {name}", members.join(","));
    }
    out
}

/// Mermaid class names may not contain `-`.
fn class_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Goal => "goal",
        NodeKind::UseCase => "useCase",
        NodeKind::Event => "event",
        NodeKind::Source => "source",
        NodeKind::Destination => "destination",
    }
}

/// A label for inside double quotes: letters, digits, spaces and harmless punctuation as
/// they are; anything else as a numeric entity, which Mermaid decodes.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || " -_.,:'/?!+=@*()".contains(c) {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            let _ = write!(out, "#{};", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_mermaid_syntax() {
        assert_eq!(label("Order Completed"), "Order Completed");
        assert_eq!(label("a\"b#c<d>[e]"), "a#34;b#35;c#60;d#62;#91;e#93;");
        assert_eq!(label("tab\there"), "tab here");
    }
}
