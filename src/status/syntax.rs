//! What every extractor needs from a tree-sitter tree: node text, locations, a traversal that
//! cannot overflow the stack on deeply nested code.

use std::path::Path;

use tree_sitter::Node;

use super::Site;

/// One parsed file's text and path.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn text(&self, node: Node<'_>) -> &'a str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    /// Where a node starts, with the column in characters as editors count them.
    pub fn site(&self, node: Node<'_>) -> Site {
        let start = node.start_byte();
        let point = node.start_position();
        let line_start = start.saturating_sub(point.column);
        let column = self
            .text
            .get(line_start..start)
            .map_or(point.column, |s| s.chars().count());
        Site {
            file: self.path.to_owned(),
            line: u32::try_from(point.row + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The text of a node's child by field name.
    pub fn field(&self, node: Node<'_>, field: &str) -> Option<&'a str> {
        node.child_by_field_name(field).map(|n| self.text(n))
    }
}

/// Visits every node in document order, with an explicit cursor instead of recursion.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    let mut cursor = root.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The text of a string literal of one of `kinds` made only of `part` children: no escapes,
/// no interpolation, so that it is exactly the text sent.
pub fn plain_literal(
    source: &Source<'_>,
    node: Node<'_>,
    kinds: &[&str],
    part: &str,
) -> Option<String> {
    if !kinds.contains(&node.kind()) {
        return None;
    }
    let parts = named_children(node);
    parts
        .iter()
        .all(|p| p.kind() == part)
        .then(|| parts.iter().map(|p| source.text(*p)).collect())
}

/// A node's named children.
pub fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// Every descendant of `node` (itself included) of one of `kinds`.
pub fn descendants<'t>(node: Node<'t>, kinds: &[&str]) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    preorder(node, |n| {
        if kinds.contains(&n.kind()) {
            found.push(n);
        }
    });
    found
}
