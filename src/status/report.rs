//! From calls to status: every selected goal, use case and event, implemented or missing, the
//! identify and group calls, and the calls of events the selection does not have.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::lang::Language;
use crate::model::{Catalog, Event, TraitsCall, UseCase, slug};

use super::walk::Scan;
use super::{Called, Scope, Site};

/// The status of one scope: a project target, or the selection given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetStatus {
    pub target: Option<String>,
    pub languages: Vec<Language>,
    pub sources: Vec<PathBuf>,
    /// Source files parsed.
    pub files: usize,
    /// The selected goals, each with its selected use cases.
    pub goals: Vec<GoalStatus>,
    /// Selected use cases that no goal lists.
    pub use_cases: Vec<UseCaseStatus>,
    /// Selected events that are in none of the reported use cases.
    pub events: Vec<EventStatus>,
    /// Identify, then group, with every place that makes the call.
    pub traits: Vec<TraitsStatus>,
    /// Calls of events the selection does not contain.
    pub stale: Vec<Stale>,
    /// Files not read, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalStatus {
    pub slug: String,
    pub name: String,
    pub use_cases: Vec<UseCaseStatus>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UseCaseStatus {
    pub slug: String,
    pub name: String,
    pub events: Vec<EventStatus>,
}

/// One selected event and every place that sends it; none means it is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventStatus {
    pub name: String,
    pub calls: Vec<Site>,
}

/// Every identify or group call. Informational: audiences are built from identify traits, so a
/// team wants to know whether its code identifies users at all, but no selection asks for the
/// calls, so `--check` does not either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraitsStatus {
    pub call: TraitsCall,
    pub calls: Vec<Site>,
}

/// Calls of something the selection does not contain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    /// The event's wire name, or the method, type or name as the code writes it.
    pub called: String,
    /// Whether the catalog has the event (it is only not selected).
    pub in_catalog: bool,
    pub calls: Vec<Site>,
}

impl EventStatus {
    pub fn implemented(&self) -> bool {
        !self.calls.is_empty()
    }
}

impl UseCaseStatus {
    pub fn implemented(&self) -> usize {
        self.events.iter().filter(|e| e.implemented()).count()
    }

    pub fn complete(&self) -> bool {
        self.implemented() == self.events.len()
    }
}

impl TargetStatus {
    /// Every reported use case, each once, in report order.
    pub fn all_use_cases(&self) -> Vec<&UseCaseStatus> {
        let mut seen = BTreeSet::new();
        self.goals
            .iter()
            .flat_map(|g| &g.use_cases)
            .chain(&self.use_cases)
            .filter(|u| seen.insert(u.slug.as_str()))
            .collect()
    }

    /// What `--check` asks: every selected use case complete, every event selected on its own
    /// sent somewhere, and no stale call. Identify and group calls are reported, not required.
    pub fn ok(&self) -> bool {
        self.all_use_cases().iter().all(|u| u.complete())
            && self.events.iter().all(EventStatus::implemented)
            && self.stale.is_empty()
    }
}

pub(super) fn build(
    catalog: &Catalog,
    scope: &Scope,
    events: &[&Event],
    scan: Scan,
) -> TargetStatus {
    let mut sites: BTreeMap<&str, Vec<Site>> = BTreeMap::new();
    let mut stale: BTreeMap<(String, bool), Vec<Site>> = BTreeMap::new();
    let mut traits: BTreeMap<TraitsCall, Vec<Site>> = BTreeMap::new();
    for call in scan.calls {
        match call.called {
            Called::Event(wire) => {
                if let Some(e) = events.iter().find(|e| e.name == wire) {
                    sites.entry(e.name.as_str()).or_default().push(call.site);
                }
            }
            Called::Unselected(wire) => stale.entry((wire, true)).or_default().push(call.site),
            Called::Unknown(name) => stale.entry((name, false)).or_default().push(call.site),
            Called::Traits(kind) => traits.entry(kind).or_default().push(call.site),
        }
    }
    let event_status = |name: &str| EventStatus {
        name: name.to_owned(),
        calls: sites.get(name).cloned().unwrap_or_default(),
    };
    let use_case_status = |u: &UseCase| UseCaseStatus {
        slug: u.slug.clone(),
        name: u.name.clone(),
        events: u.events.iter().map(|e| event_status(e)).collect(),
    };

    let pairs = selected_pairs(catalog, scope);
    let goals: Vec<GoalStatus> = catalog
        .goals
        .iter()
        .filter_map(|g| {
            let use_cases: Vec<UseCaseStatus> = g
                .use_cases
                .iter()
                .filter(|r| pairs.contains(&(Some(g.slug.as_str()), r.use_case.as_str())))
                .filter_map(|r| catalog.use_case(&r.use_case))
                .map(use_case_status)
                .collect();
            (!use_cases.is_empty()).then(|| GoalStatus {
                slug: g.slug.clone(),
                name: g.name.clone(),
                use_cases,
            })
        })
        .collect();
    let use_cases: Vec<UseCaseStatus> = catalog
        .use_cases
        .iter()
        .filter(|u| pairs.contains(&(None, u.slug.as_str())))
        .map(use_case_status)
        .collect();
    let covered: BTreeSet<&str> = pairs
        .iter()
        .filter_map(|(_, u)| catalog.use_case(u))
        .flat_map(|u| u.events.iter().map(String::as_str))
        .collect();
    let lone_events = events
        .iter()
        .filter(|e| !covered.contains(e.name.as_str()))
        .map(|e| event_status(&e.name))
        .collect();
    TargetStatus {
        target: scope.target.clone(),
        languages: scope.languages.clone(),
        sources: scope.sources.clone(),
        files: scan.files,
        goals,
        use_cases,
        events: lone_events,
        traits: TraitsCall::ALL
            .into_iter()
            .map(|call| TraitsStatus {
                call,
                calls: traits.remove(&call).unwrap_or_default(),
            })
            .collect(),
        stale: stale
            .into_iter()
            .map(|((called, in_catalog), calls)| Stale {
                called,
                in_catalog,
                calls,
            })
            .collect(),
        skipped: scan.skipped,
    }
}

/// The (goal, use case) pairs the selection names: a goal's use cases under it, a use case
/// under every goal that lists it, or under none when no goal does.
fn selected_pairs<'c>(catalog: &'c Catalog, scope: &Scope) -> BTreeSet<(Option<&'c str>, &'c str)> {
    let selection = &scope.selection;
    let mut pairs = BTreeSet::new();
    let add_use_case = |u: &'c UseCase, pairs: &mut BTreeSet<_>| {
        let mut goals = catalog.goals_of(&u.slug).peekable();
        if goals.peek().is_none() {
            pairs.insert((None, u.slug.as_str()));
        }
        for (g, _) in goals {
            pairs.insert((Some(g.slug.as_str()), u.slug.as_str()));
        }
    };
    if selection.all {
        for u in &catalog.use_cases {
            add_use_case(u, &mut pairs);
        }
    }
    for given in &selection.use_cases {
        if let Some(u) = catalog.use_case(&slug(given)) {
            add_use_case(u, &mut pairs);
        }
    }
    for given in &selection.goals {
        if let Some(g) = catalog.goal(&slug(given)) {
            for r in &g.use_cases {
                pairs.insert((Some(g.slug.as_str()), r.use_case.as_str()));
            }
        }
    }
    pairs
}
