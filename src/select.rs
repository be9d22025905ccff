//! Stage 2: which events to generate, from goals, use cases, event names, or everything.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::model::{Catalog, Event, slug};
use crate::suggest;

/// A union of goals, use cases and events. Goals and use cases may be given by slug or name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub all: bool,
    pub goals: Vec<String>,
    pub use_cases: Vec<String>,
    pub events: Vec<String>,
    /// Every event a tracking plan defines.
    pub plan_events: bool,
}

impl Selection {
    pub fn all() -> Self {
        Self {
            all: true,
            ..Self::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.all
            && !self.plan_events
            && self.goals.is_empty()
            && self.use_cases.is_empty()
            && self.events.is_empty()
    }

    /// The selection as command-line flags in a canonical order (slugs, sorted, each once), so
    /// that the order of flags changes nothing in generated headers.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.all {
            parts.push("--all".to_owned());
        }
        if self.plan_events {
            parts.push("(the events of the plans)".to_owned());
        }
        let sorted = |items: &[String], normalize: fn(&str) -> String| -> BTreeSet<String> {
            items.iter().map(|s| normalize(s)).collect()
        };
        for g in sorted(&self.goals, slug) {
            parts.push(format!("--goal {g}"));
        }
        for u in sorted(&self.use_cases, slug) {
            parts.push(format!("--use-case {u}"));
        }
        for e in sorted(&self.events, str::to_owned) {
            parts.push(format!("--event {}", shell_quote(&e)));
        }
        parts.join(" ")
    }

    /// The selected events, each once, in catalog order. Unknown names are errors with the
    /// closest match as a hint; all of them are reported.
    pub fn resolve<'c>(&self, catalog: &'c Catalog) -> Result<Vec<&'c Event>> {
        let mut diags = Diagnostics::default();
        let mut names: BTreeSet<&str> = BTreeSet::new();
        if self.all {
            names.extend(catalog.events.iter().map(|e| e.name.as_str()));
        }
        if self.plan_events {
            names.extend(
                catalog
                    .events
                    .iter()
                    .filter(|e| e.from_plan)
                    .map(|e| e.name.as_str()),
            );
        }
        for goal in &self.goals {
            match catalog.goal(&slug(goal)) {
                Some(g) => {
                    for pair in &g.use_cases {
                        if let Some(u) = catalog.use_case(&pair.use_case) {
                            names.extend(u.events.iter().map(String::as_str));
                        }
                    }
                }
                None => diags.push(unknown(
                    "goal",
                    goal,
                    catalog.goals.iter().map(|g| g.slug.as_str()),
                )),
            }
        }
        for use_case in &self.use_cases {
            match catalog.use_case(&slug(use_case)) {
                Some(u) => names.extend(u.events.iter().map(String::as_str)),
                None => diags.push(unknown(
                    "use case",
                    use_case,
                    catalog.use_cases.iter().map(|u| u.slug.as_str()),
                )),
            }
        }
        for event in &self.events {
            match catalog.event(event) {
                Some(e) => {
                    names.insert(e.name.as_str());
                }
                None => diags.push(unknown(
                    "event",
                    event,
                    catalog.events.iter().map(|e| e.name.as_str()),
                )),
            }
        }
        if !diags.is_empty() {
            return Err(Error::Invalid(diags));
        }
        Ok(catalog
            .events
            .iter()
            .filter(|e| names.contains(e.name.as_str()))
            .collect())
    }
}

fn unknown<'a>(kind: &str, given: &str, known: impl Iterator<Item = &'a str>) -> Diagnostic {
    let known: Vec<&str> = known.collect();
    let key = if kind == "event" {
        given.to_owned()
    } else {
        slug(given)
    };
    let hint = suggest::did_you_mean(&key, &known).unwrap_or_else(|| {
        format!(
            "run `tracktype list {}` to see them all",
            match kind {
                "goal" => "goals",
                "use case" => "use-cases",
                _ => "events",
            }
        )
    });
    Diagnostic::global(format!("unknown {kind} `{given}`")).with_hint(hint)
}

/// Quotes a value for a shell when it needs quoting, as a reader would type it.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_is_canonical() {
        let a = Selection {
            use_cases: vec![
                "mitigate-cart-abandonment".into(),
                "Accelerate signup".into(),
            ],
            events: vec!["Page Viewed".into()],
            ..Selection::default()
        };
        let b = Selection {
            use_cases: vec![
                "accelerate-signup".into(),
                "mitigate-cart-abandonment".into(),
                "accelerate-signup".into(),
            ],
            events: vec!["Page Viewed".into()],
            ..Selection::default()
        };
        assert_eq!(a.describe(), b.describe());
        assert_eq!(
            a.describe(),
            "--use-case accelerate-signup --use-case mitigate-cart-abandonment --event 'Page Viewed'"
        );
    }

    #[test]
    fn resolves_a_union_in_catalog_order() {
        let catalog = crate::catalog::embedded().unwrap();
        let sel = Selection {
            use_cases: vec!["mitigate-cart-abandonment".into()],
            events: vec!["Order Completed".into(), "Page Viewed".into()],
            ..Selection::default()
        };
        let names: Vec<&str> = sel
            .resolve(&catalog)
            .unwrap()
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Checkout Started", "Order Completed", "Page Viewed"]
        );
    }

    #[test]
    fn unknown_names_get_the_closest_match() {
        let catalog = crate::catalog::embedded().unwrap();
        let sel = Selection {
            use_cases: vec!["mitigate-cart-abandon".into()],
            ..Selection::default()
        };
        let err = sel.resolve(&catalog).unwrap_err().to_string();
        assert!(
            err.contains("unknown use case `mitigate-cart-abandon`"),
            "{err}"
        );
        assert!(
            err.contains("did you mean `mitigate-cart-abandonment`?"),
            "{err}"
        );
    }
}
