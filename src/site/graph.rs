//! The diagram's graph: goals → use cases → events, with the source types that feed each use
//! case and the destination types it sends to. Mermaid (Markdown) and the SVG layout (HTML)
//! both draw this one graph, so the two formats show the same diagram.

use std::collections::BTreeMap;

use super::model::{PagePath, Site};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Goal,
    Source,
    UseCase,
    Event,
    Destination,
}

impl NodeKind {
    /// The word used in CSS classes, data attributes and Mermaid class names.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Goal => "goal",
            NodeKind::Source => "source",
            NodeKind::UseCase => "use-case",
            NodeKind::Event => "event",
            NodeKind::Destination => "destination",
        }
    }

    /// The column the kind is drawn in: goals and sources feed use cases, which need events
    /// and send to destinations.
    pub fn layer(self) -> usize {
        match self {
            NodeKind::Goal | NodeKind::Source => 0,
            NodeKind::UseCase => 1,
            NodeKind::Event | NodeKind::Destination => 2,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// A goal's use case, or a use case's event.
    Member,
    /// A source type recommended for the use case.
    Source,
    /// A destination type recommended for the use case.
    Destination,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Member => "member",
            EdgeKind::Source => "source",
            EdgeKind::Destination => "destination",
        }
    }
}

pub struct Node {
    pub kind: NodeKind,
    pub label: String,
    /// The node's page, for a link.
    pub page: Option<PagePath>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
}

#[derive(Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The whole selection: every shown goal, its shown use cases and their events.
    pub fn of_site(site: &Site<'_>) -> Self {
        Self::of_goals(site, &(0..site.goals.len()).collect::<Vec<_>>())
    }

    /// One goal's part of the selection.
    pub fn of_goal(site: &Site<'_>, goal: usize) -> Self {
        Self::of_goals(site, &[goal])
    }

    fn of_goals(site: &Site<'_>, goals: &[usize]) -> Self {
        let mut b = Builder::default();
        for &g in goals {
            let page = &site.goals[g];
            let goal = b.node(
                (NodeKind::Goal, g),
                &page.goal.name,
                Some(page.path.clone()),
            );
            for pair in &page.pairs {
                let u = &site.use_cases[pair.use_case];
                let use_case = b.node(
                    (NodeKind::UseCase, pair.use_case),
                    &u.use_case.name,
                    Some(u.path.clone()),
                );
                b.edge(goal, use_case, EdgeKind::Member);
                for &e in &u.events {
                    let ev = &site.events[e];
                    let event = b.node((NodeKind::Event, e), &ev.event.name, Some(ev.path.clone()));
                    b.edge(use_case, event, EdgeKind::Member);
                }
                for source in &pair.recommendation.sources {
                    let s = b.named(NodeKind::Source, source);
                    b.edge(s, use_case, EdgeKind::Source);
                }
                for destination in &pair.recommendation.destinations {
                    let d = b.named(NodeKind::Destination, destination);
                    b.edge(use_case, d, EdgeKind::Destination);
                }
            }
        }
        b.graph.edges.sort();
        b.graph.edges.dedup();
        b.graph
    }

    /// How many nodes of a kind the graph has.
    pub fn count(&self, kind: NodeKind) -> usize {
        self.nodes.iter().filter(|n| n.kind == kind).count()
    }
}

#[derive(Default)]
struct Builder {
    graph: Graph,
    /// Pages already drawn, by kind and page index.
    pages: BTreeMap<(NodeKind, usize), usize>,
    /// Source and destination types already drawn, by kind and name.
    names: BTreeMap<(NodeKind, String), usize>,
}

impl Builder {
    fn node(&mut self, key: (NodeKind, usize), label: &str, page: Option<PagePath>) -> usize {
        if let Some(&i) = self.pages.get(&key) {
            return i;
        }
        let i = self.push(key.0, label, page);
        self.pages.insert(key, i);
        i
    }

    fn named(&mut self, kind: NodeKind, name: &str) -> usize {
        if let Some(&i) = self.names.get(&(kind, name.to_owned())) {
            return i;
        }
        let i = self.push(kind, name, None);
        self.names.insert((kind, name.to_owned()), i);
        i
    }

    fn push(&mut self, kind: NodeKind, label: &str, page: Option<PagePath>) -> usize {
        self.graph.nodes.push(Node {
            kind,
            label: label.to_owned(),
            page,
        });
        self.graph.nodes.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize, kind: EdgeKind) {
        self.graph.edges.push(Edge { from, to, kind });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Selection;

    #[test]
    fn the_whole_catalog_has_a_node_per_page_and_an_edge_per_membership() {
        let catalog = crate::catalog::embedded().unwrap();
        let site = Site::new(&crate::site::tests::request(&catalog, &Selection::all()));
        let graph = Graph::of_site(&site);
        assert_eq!(graph.count(NodeKind::Goal), catalog.goals.len());
        assert_eq!(graph.count(NodeKind::UseCase), catalog.use_cases.len());
        let events_in_use_cases = catalog
            .events
            .iter()
            .filter(|e| catalog.use_cases_needing(&e.name).next().is_some())
            .count();
        assert_eq!(graph.count(NodeKind::Event), events_in_use_cases);
        let memberships: usize = catalog
            .goals
            .iter()
            .map(|g| g.use_cases.len())
            .sum::<usize>()
            + catalog
                .use_cases
                .iter()
                .map(|u| u.events.len())
                .sum::<usize>();
        let members = graph
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Member)
            .count();
        assert_eq!(members, memberships);
        for e in &graph.edges {
            assert_eq!(
                graph.nodes[e.from].kind.layer() + 1,
                graph.nodes[e.to].kind.layer(),
                "edges join neighbouring columns"
            );
        }
    }
}
