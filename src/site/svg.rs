//! The diagram as inline SVG, drawn by tracktype: the graph laid out by [`super::layered`],
//! nodes as linked boxes, edges as curves. Colours come from the page's stylesheet (classes
//! per kind), so the diagram follows the light or dark scheme.

use std::fmt::Write as _;

use crate::error::Result;
use crate::naming::wrap;

use super::graph::{EdgeKind, Graph, NodeKind};
use super::layered::{self, Item, Link};
use super::markup::escape_html;
use super::model::PagePath;

/// Characters per line of a node's label before it wraps.
const LABEL_WIDTH: usize = 24;
/// An average character's width and a line's height at the diagram's font size (13px).
const CHAR_WIDTH: f64 = 7.2;
const LINE_HEIGHT: f64 = 16.0;
const PADDING_X: f64 = 12.0;
const PADDING_Y: f64 = 8.0;

/// The SVG of `graph`, with links relative to the page `from`.
pub fn draw(graph: &Graph, from: &PagePath, title: &str) -> Result<String> {
    let labels: Vec<Vec<String>> = graph
        .nodes
        .iter()
        .map(|n| {
            let lines = wrap(&n.label, LABEL_WIDTH);
            if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            }
        })
        .collect();
    let items: Vec<Item> = graph
        .nodes
        .iter()
        .zip(&labels)
        .map(|(n, lines)| {
            let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            Item {
                layer: n.kind.layer(),
                group: usize::from(matches!(n.kind, NodeKind::Source | NodeKind::Destination)),
                width: (longest as f64 * CHAR_WIDTH + 2.0 * PADDING_X).max(72.0),
                height: lines.len() as f64 * LINE_HEIGHT + 2.0 * PADDING_Y,
            }
        })
        .collect();
    let links: Vec<Link> = graph
        .edges
        .iter()
        .map(|e| Link {
            from: e.from,
            to: e.to,
            primary: e.kind == EdgeKind::Member,
        })
        .collect();
    let placement = layered::layout(&items, &links)?;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" viewBox=\"0 0 {w} {h}\" \
         width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"diagram-title diagram-desc\">",
        w = placement.width,
        h = placement.height
    );
    let _ = writeln!(
        svg,
        "<title id=\"diagram-title\">{}</title>",
        escape_html(title)
    );
    let _ = writeln!(
        svg,
        "<desc id=\"diagram-desc\">{} goals, {} use cases and {} events; \
         source types feed the use cases, which send to destination types.</desc>",
        graph.count(NodeKind::Goal),
        graph.count(NodeKind::UseCase),
        graph.count(NodeKind::Event)
    );
    svg.push_str("<g class=\"edges\">\n");
    for e in &graph.edges {
        let (fx, fy) = placement.positions[e.from];
        let (tx, ty) = placement.positions[e.to];
        let (x1, y1) = (fx + items[e.from].width, fy + items[e.from].height / 2.0);
        let (x2, y2) = (tx, ty + items[e.to].height / 2.0);
        let bend = (x2 - x1) / 2.0;
        let _ = writeln!(
            svg,
            "<path class=\"edge edge-{kind}\" data-kind=\"{kind}\" data-from=\"n{from}\" data-to=\"n{to}\" \
             d=\"M{x1} {y1} C{c1} {y1} {c2} {y2} {x2} {y2}\"/>",
            kind = e.kind.as_str(),
            from = e.from,
            to = e.to,
            x1 = num(x1),
            y1 = num(y1),
            c1 = num(x1 + bend),
            c2 = num(x2 - bend),
            x2 = num(x2),
            y2 = num(y2),
        );
    }
    svg.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, ((node, lines), item)) in graph.nodes.iter().zip(&labels).zip(&items).enumerate() {
        let (x, y) = placement.positions[i];
        let mut shape = String::new();
        let _ = write!(
            shape,
            "<g class=\"node node-{kind}\" id=\"n{i}\" data-kind=\"{kind}\" data-label=\"{label}\">\
             <rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{r}\"/><text>",
            kind = node.kind.as_str(),
            label = escape_html(&node.label),
            x = num(x),
            y = num(y),
            w = num(item.width),
            h = num(item.height),
            r = if matches!(node.kind, NodeKind::Source | NodeKind::Destination) {
                num(item.height / 2.0)
            } else {
                "6".to_owned()
            },
        );
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                shape,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(x + item.width / 2.0),
                num(y + PADDING_Y + LINE_HEIGHT * (k as f64 + 0.75)),
                escape_html(line)
            );
        }
        shape.push_str("</text></g>");
        match &node.page {
            Some(page) => {
                let _ = writeln!(
                    svg,
                    "<a href=\"{}\">{shape}</a>",
                    escape_html(&page.href(from, "html"))
                );
            }
            None => {
                svg.push_str(&shape);
                svg.push('\n');
            }
        }
    }
    svg.push_str("</g>\n</svg>");
    Ok(svg)
}

/// A coordinate as short, stable text: `12`, `12.5`.
fn num(v: f64) -> String {
    // Adding zero turns -0 into 0.
    let rounded = (v * 100.0).round() / 100.0 + 0.0;
    if rounded == rounded.trunc() {
        format!("{rounded:.0}")
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Selection;
    use crate::site::model::Site;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.0), "0");
    }

    #[test]
    fn every_node_and_edge_is_drawn_once() {
        let catalog = crate::catalog::embedded().unwrap();
        let site = Site::new(&crate::site::tests::request(&catalog, &Selection::all()));
        let graph = Graph::of_site(&site);
        let svg = draw(&graph, &Site::index_path(), "Diagram").unwrap();
        assert_eq!(svg.matches("<g class=\"node ").count(), graph.nodes.len());
        assert_eq!(
            svg.matches("<path class=\"edge ").count(),
            graph.edges.len()
        );
        assert!(svg.contains("href=\"goals/optimize-advertising.html\""));
    }
}
