//! The documentation's pages, decided once from the catalog and the selection: which goals,
//! use cases, events, types and traits are shown, where each page lives, and what links to
//! what. The Markdown and HTML renderers only lay these pages out.
//!
//! A use case is shown when the selection includes every event it needs (so `--use-case`
//! shows that use case, and any other the same events fully serve); a goal is shown when one
//! of its use cases is. Every selected event gets a page, needed by a shown use case or not.
//! Named types get a page when a shown event or trait refers to them, directly or through
//! other types.
//!
//! Per-use-case facts that come from elsewhere (such as the instrumentation status that
//! `tracktype status` finds in a code base) belong on [`UseCasePage`], beside its events.

use std::collections::{BTreeMap, BTreeSet};

use crate::lang::Request;
use crate::layout::{Layout, Origin};
use crate::model::{
    Catalog, Event, Goal, NamedType, Recommendation, Traits, TraitsCall, UseCase, slug,
};

use super::rows::{PropertyRow, rows_of};

/// Where a page lives: at the top of the output, or in one of the section directories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PagePath {
    pub dir: Option<&'static str>,
    pub stem: String,
}

impl PagePath {
    fn top(stem: &str) -> Self {
        Self {
            dir: None,
            stem: stem.to_owned(),
        }
    }

    fn within(dir: &'static str, stem: String) -> Self {
        Self {
            dir: Some(dir),
            stem,
        }
    }

    /// The file path, relative to the output directory.
    pub fn file(&self, ext: &str) -> String {
        match self.dir {
            Some(dir) => format!("{dir}/{}.{ext}", self.stem),
            None => format!("{}.{ext}", self.stem),
        }
    }

    /// The relative link from the page `from` to this one.
    pub fn href(&self, from: &PagePath, ext: &str) -> String {
        let up = if from.dir.is_some() { "../" } else { "" };
        format!("{up}{}", self.file(ext))
    }
}

/// Every page of the documentation.
pub struct Site<'c> {
    /// The selection as canonical flags; empty for everything.
    pub selection: String,
    pub goals: Vec<GoalPage<'c>>,
    pub use_cases: Vec<UseCasePage<'c>>,
    pub events: Vec<EventPage<'c>>,
    pub types: Vec<TypePage<'c>>,
    pub traits: Vec<TraitsPage<'c>>,
}

pub struct GoalPage<'c> {
    pub goal: &'c Goal,
    pub path: PagePath,
    /// The goal's shown use cases, each with the recommendation for the pair.
    pub pairs: Vec<Pair<'c>>,
    /// The goal's use cases that the selection does not cover, in catalog order.
    pub uncovered: Vec<&'c UseCase>,
}

/// A goal/use-case pair: the use case's page and the recommendation for the pair.
pub struct Pair<'c> {
    pub use_case: usize,
    pub recommendation: &'c Recommendation,
}

pub struct UseCasePage<'c> {
    pub use_case: &'c UseCase,
    pub path: PagePath,
    /// The goals the use case serves, each with the recommendation for the pair. Every goal
    /// of a shown use case is shown.
    pub goals: Vec<(usize, &'c Recommendation)>,
    /// The event pages of the events it needs, in the use case's order.
    pub events: Vec<usize>,
}

pub struct EventPage<'c> {
    pub event: &'c Event,
    pub path: PagePath,
    /// Index of the event in the request's events, for its generated identifiers.
    pub selected: usize,
    pub rows: Vec<PropertyRow<'c>>,
    /// Every use case of the catalog that needs the event, with its page when it is shown.
    pub needed_by: Vec<(&'c UseCase, Option<usize>)>,
}

pub struct TypePage<'c> {
    pub named: &'c NamedType,
    pub path: PagePath,
    /// The properties of an object type; empty for any other kind.
    pub rows: Vec<PropertyRow<'c>>,
    /// The event pages that refer to the type directly.
    pub used_by_events: Vec<usize>,
    /// The type pages that refer to it directly.
    pub used_by_types: Vec<usize>,
}

pub struct TraitsPage<'c> {
    pub call: TraitsCall,
    pub traits: &'c Traits,
    pub path: PagePath,
    pub rows: Vec<PropertyRow<'c>>,
}

impl<'c> Site<'c> {
    /// The pages for the request's events.
    pub fn new(request: &Request<'c>) -> Self {
        let catalog = request.catalog;
        let selected: BTreeSet<&str> = request.events.iter().map(|e| e.name.as_str()).collect();
        let everything = selected.len() == catalog.events.len();
        let covered = |u: &UseCase| {
            if u.events.is_empty() {
                everything
            } else {
                u.events.iter().all(|e| selected.contains(e.as_str()))
            }
        };

        let shown_use_cases: Vec<&UseCase> =
            catalog.use_cases.iter().filter(|u| covered(u)).collect();
        let use_case_index = index_by(&shown_use_cases, |u| &u.slug);
        let shown_goals: Vec<&Goal> = catalog
            .goals
            .iter()
            .filter(|g| {
                g.use_cases
                    .iter()
                    .any(|r| use_case_index.contains_key(r.use_case.as_str()))
            })
            .collect();
        let goal_index = index_by(&shown_goals, |g| &g.slug);

        let event_stems = unique_stems(request.events.iter().map(|e| e.name.as_str()));
        let event_index = index_by(&request.events, |e| &e.name);

        let types = referenced_types(catalog, &request.events);
        let type_stems = unique_stems(types.iter().map(|t| t.name.as_str()));
        let type_index = index_by(&types, |t| &t.name);

        let goals = shown_goals
            .iter()
            .map(|g| GoalPage {
                goal: g,
                path: PagePath::within("goals", g.slug.clone()),
                pairs: g
                    .use_cases
                    .iter()
                    .filter_map(|r| {
                        use_case_index.get(r.use_case.as_str()).map(|&i| Pair {
                            use_case: i,
                            recommendation: r,
                        })
                    })
                    .collect(),
                uncovered: g
                    .use_cases
                    .iter()
                    .filter(|r| !use_case_index.contains_key(r.use_case.as_str()))
                    .filter_map(|r| catalog.use_case(&r.use_case))
                    .collect(),
            })
            .collect();

        let use_cases = shown_use_cases
            .iter()
            .map(|u| UseCasePage {
                use_case: u,
                path: PagePath::within("use-cases", u.slug.clone()),
                goals: catalog
                    .goals_of(&u.slug)
                    .filter_map(|(g, r)| goal_index.get(g.slug.as_str()).map(|&i| (i, r)))
                    .collect(),
                events: u
                    .events
                    .iter()
                    .filter_map(|e| event_index.get(e.as_str()).copied())
                    .collect(),
            })
            .collect();

        let events = request
            .events
            .iter()
            .zip(event_stems)
            .enumerate()
            .map(|(i, (e, stem))| EventPage {
                event: e,
                path: PagePath::within("events", stem),
                selected: i,
                rows: rows_of(&e.properties, &type_index),
                needed_by: catalog
                    .use_cases_needing(&e.name)
                    .map(|u| (u, use_case_index.get(u.slug.as_str()).copied()))
                    .collect(),
            })
            .collect();

        let direct_refs = |props: &[crate::model::Property]| -> BTreeSet<String> {
            let mut out = Vec::new();
            props.iter().for_each(|p| p.schema.refs(&mut out));
            out.into_iter().collect()
        };
        let event_refs: Vec<BTreeSet<String>> = request
            .events
            .iter()
            .map(|e| {
                let mut refs = direct_refs(&e.properties);
                let mut more = Vec::new();
                e.rules.each_child(&mut |s| s.refs(&mut more));
                refs.extend(more);
                refs
            })
            .collect();
        let type_refs: Vec<BTreeSet<String>> = types
            .iter()
            .map(|t| {
                let mut out = Vec::new();
                t.schema.refs(&mut out);
                out.into_iter().collect()
            })
            .collect();
        let types = types
            .iter()
            .zip(type_stems)
            .map(|(t, stem)| TypePage {
                named: t,
                path: PagePath::within("types", stem),
                rows: match &t.schema.kind {
                    crate::model::Kind::Object(o) => rows_of(&o.properties, &type_index),
                    _ => Vec::new(),
                },
                used_by_events: indices_referring(&event_refs, &t.name),
                used_by_types: indices_referring(&type_refs, &t.name),
            })
            .collect();

        let traits = TraitsCall::ALL
            .into_iter()
            .filter_map(|call| {
                catalog.traits(call).map(|traits| TraitsPage {
                    call,
                    traits,
                    path: PagePath::top(call.as_str()),
                    rows: rows_of(&traits.properties, &type_index),
                })
            })
            .collect();

        Site {
            selection: request.selection.clone(),
            goals,
            use_cases,
            events,
            types,
            traits,
        }
    }

    pub fn index_path() -> PagePath {
        PagePath::top("index")
    }
}

fn indices_referring(refs: &[BTreeSet<String>], name: &str) -> Vec<usize> {
    refs.iter()
        .enumerate()
        .filter(|(_, r)| r.contains(name))
        .map(|(i, _)| i)
        .collect()
}

/// Each item's position, by its key.
fn index_by<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a String) -> BTreeMap<&'a str, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item).as_str(), i))
        .collect()
}

/// The named types the events and the traits refer to, directly or through other types, in
/// name order: those the SDKs declare.
fn referenced_types<'c>(catalog: &'c Catalog, events: &[&'c Event]) -> Vec<&'c NamedType> {
    Layout::new(catalog, events)
        .decls
        .iter()
        .filter_map(|d| match &d.origin {
            Origin::Named(name) => catalog.named_type(name),
            _ => None,
        })
        .collect()
}

/// A file stem per name: its slug, numbered when two names share one (`order-completed`,
/// `order-completed-2`), and `page` for a name with no letter or digit. Names come sorted, so
/// the numbering is deterministic.
fn unique_stems<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = BTreeSet::new();
    names
        .map(|name| {
            let base = match slug(name) {
                s if s.is_empty() => "page".to_owned(),
                s => s,
            };
            let mut stem = base.clone();
            let mut n = 2;
            while !taken.insert(stem.clone()) {
                stem = format!("{base}-{n}");
                n += 1;
            }
            stem
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Selection;

    fn site_for(selection: &Selection, catalog: &Catalog) -> Vec<String> {
        let site = Site::new(&crate::site::tests::request(catalog, selection));
        site.use_cases
            .iter()
            .map(|u| u.use_case.slug.clone())
            .collect()
    }

    #[test]
    fn a_use_case_is_shown_when_the_selection_covers_its_events() {
        let catalog = crate::catalog::embedded().unwrap();
        let one = Selection {
            use_cases: vec!["mitigate-cart-abandonment".into()],
            ..Selection::default()
        };
        let shown = site_for(&one, &catalog);
        assert!(shown.contains(&"mitigate-cart-abandonment".to_owned()));
        // Build high-value lookalikes needs only Order Completed, which that use case has.
        assert!(shown.contains(&"build-high-value-lookalikes".to_owned()));
        assert!(!shown.contains(&"accelerate-signup".to_owned()));
        let all = site_for(&Selection::all(), &catalog);
        assert_eq!(all.len(), catalog.use_cases.len());
    }

    #[test]
    fn stems_are_unique_and_never_empty() {
        let stems = unique_stems(["Order Completed", "order completed", "!!!", "?"].into_iter());
        assert_eq!(
            stems,
            ["order-completed", "order-completed-2", "page", "page-2"]
        );
    }

    #[test]
    fn links_climb_out_of_section_directories() {
        let event = PagePath::within("events", "order-completed".into());
        let use_case = PagePath::within("use-cases", "x".into());
        let index = Site::index_path();
        assert_eq!(event.href(&use_case, "md"), "../events/order-completed.md");
        assert_eq!(event.href(&index, "html"), "events/order-completed.html");
        assert_eq!(index.href(&event, "md"), "../index.md");
    }
}
