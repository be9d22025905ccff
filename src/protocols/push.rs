//! `push`: the difference between the rules tracktype computes for a selection and those a
//! tracking plan has, and the requests that make Protocols match.
//!
//! Rules are matched by `(type, key)`. tracktype never creates an event version: a changed
//! rule replaces the schema of Protocols' latest version of it (same version number), a new
//! rule is created with the version `export` gives it (1), and older versions are left alone.
//! `--prune` removes every version of the rules that are not selected.

use std::collections::BTreeMap;

use serde_json::Value;

use super::api::{self, Rule, RuleKey};
use super::canonical;
use super::client::Client;
use super::error::ApiError;

/// Rules per PATCH request.
pub const UPSERT_BATCH: usize = 200;

/// Rules per DELETE request: they travel in the query string, which must stay short.
pub const REMOVE_BATCH: usize = 50;

/// What differs, each list sorted by type and key.
#[derive(Debug, Default)]
pub struct Diff {
    pub added: Vec<Rule>,
    pub changed: Vec<Change>,
    /// Rules of the plan that are not selected, with all their versions.
    pub not_selected: Vec<Removal>,
    pub unchanged: usize,
}

/// A selected rule whose schema differs from Protocols' latest version of it.
#[derive(Debug)]
pub struct Change {
    pub current: Rule,
    /// tracktype's rule, at the version of `current`.
    pub wanted: Rule,
}

#[derive(Debug)]
pub struct Removal {
    pub id: RuleKey,
    pub versions: Vec<Rule>,
}

/// Compares Protocols' rules (`current`, any versions) with tracktype's (`wanted`).
pub fn diff(current: &[Rule], wanted: &[Rule]) -> Diff {
    let mut by_key: BTreeMap<&RuleKey, Vec<&Rule>> = BTreeMap::new();
    for rule in current {
        by_key.entry(&rule.id).or_default().push(rule);
    }
    for versions in by_key.values_mut() {
        versions.sort_by(|a, b| api::version_order(&a.version, &b.version));
    }
    let mut wanted_by_key: BTreeMap<&RuleKey, &Rule> = BTreeMap::new();
    for rule in wanted {
        let keep = wanted_by_key
            .get(&rule.id)
            .is_none_or(|other| api::version_order(&other.version, &rule.version).is_lt());
        if keep {
            wanted_by_key.insert(&rule.id, rule);
        }
    }
    let mut diff = Diff::default();
    for (id, want) in &wanted_by_key {
        match by_key.get(id).and_then(|versions| versions.last()) {
            None => diff.added.push((*want).clone()),
            Some(latest) if canonical::same(&latest.json_schema, &want.json_schema) => {
                diff.unchanged += 1;
            }
            Some(latest) => diff.changed.push(Change {
                current: (*latest).clone(),
                wanted: Rule {
                    version: latest.version.clone(),
                    deprecated_at: None,
                    ..(*want).clone()
                },
            }),
        }
    }
    for (id, versions) in by_key {
        if !wanted_by_key.contains_key(id) {
            diff.not_selected.push(Removal {
                id: id.clone(),
                versions: versions.into_iter().cloned().collect(),
            });
        }
    }
    diff
}

impl Diff {
    pub fn is_empty(&self, prune: bool) -> bool {
        self.added.is_empty() && self.changed.is_empty() && (!prune || self.not_selected.is_empty())
    }
}

impl Change {
    /// A unified diff of the two schemas, canonical JSON, at most `max_lines` lines.
    pub fn schema_diff(&self, max_lines: usize) -> String {
        let old = canonical::text(&self.current.json_schema);
        let new = canonical::text(&self.wanted.json_schema);
        let diff = similar::TextDiff::from_lines(&old, &new);
        let text = diff
            .unified_diff()
            .context_radius(1)
            .header(
                &format!("Protocols (version {})", self.current.version),
                "tracktype",
            )
            .to_string();
        let lines: Vec<&str> = text.lines().collect();
        let mut out = lines
            .iter()
            .take(max_lines)
            .map(|l| format!("{l}\n"))
            .collect::<String>();
        if lines.len() > max_lines {
            out.push_str(&format!("… {} more lines\n", lines.len() - max_lines));
        }
        out
    }
}

/// What `apply` has sent so far.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: usize,
    pub updated: usize,
    pub removed: usize,
}

/// Sends the difference: one PATCH per batch of added and changed rules, then, with `prune`,
/// one DELETE per batch of versions to remove. `done` counts what succeeded, also when a
/// later request fails.
pub fn apply(
    client: &Client,
    diff: &Diff,
    prune: bool,
    done: &mut Applied,
) -> Result<(), ApiError> {
    let path = api::rules_path(client.plan());
    let upserts: Vec<(&Rule, bool)> = diff
        .added
        .iter()
        .map(|r| (r, true))
        .chain(diff.changed.iter().map(|c| (&c.wanted, false)))
        .collect();
    for batch in upserts.chunks(UPSERT_BATCH) {
        client.patch(&path, &api::upsert_body(batch.iter().map(|(r, _)| *r)))?;
        let created = batch.iter().filter(|(_, new)| *new).count();
        done.created += created;
        done.updated += batch.len() - created;
    }
    if prune {
        let versions: Vec<&Rule> = diff.not_selected.iter().flat_map(|r| &r.versions).collect();
        for batch in versions.chunks(REMOVE_BATCH) {
            client.delete(&path, &api::remove_query(batch.iter().copied()))?;
            done.removed += batch.len();
        }
    }
    Ok(())
}

/// tracktype's rules, from what `export` computes (`{rules: [...]}`).
pub fn wanted_rules(exported: &Value) -> Result<Vec<Rule>, String> {
    let rules = exported
        .get("rules")
        .ok_or_else(|| "exported rules have no `rules` list".to_owned())?;
    api::read_rules(rules, "rules")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule(t: &str, key: &str, version: u64, schema: Value) -> Rule {
        Rule {
            id: RuleKey {
                rule_type: t.into(),
                key: Some(key.into()),
            },
            version: version.into(),
            json_schema: schema,
            deprecated_at: None,
        }
    }

    #[test]
    fn rules_are_added_changed_kept_or_not_selected_by_type_and_key() {
        let current = vec![
            rule("TRACK", "Same", 1, json!({"a": 1, "b": 2})),
            rule("TRACK", "Changed", 1, json!({"old": true})),
            rule("TRACK", "Changed", 3, json!({"v3": true})),
            rule("TRACK", "Gone", 1, json!({})),
            rule("TRACK", "Gone", 2, json!({})),
            // Same key, another type: another rule.
            rule("IDENTIFY", "New", 1, json!({})),
        ];
        let wanted = vec![
            rule("TRACK", "Same", 1, json!({"b": 2, "a": 1.0})),
            rule("TRACK", "Changed", 1, json!({"new": true})),
            rule("TRACK", "New", 1, json!({})),
        ];
        let d = diff(&current, &wanted);
        assert_eq!(d.unchanged, 1);
        let added: Vec<String> = d.added.iter().map(|r| r.id.to_string()).collect();
        assert_eq!(added, ["TRACK `New`"]);
        assert_eq!(d.changed.len(), 1);
        // The latest version is the one compared, and the one updated in place.
        assert_eq!(d.changed[0].current.json_schema, json!({"v3": true}));
        assert_eq!(d.changed[0].wanted.version, 3.into());
        assert_eq!(d.changed[0].wanted.json_schema, json!({"new": true}));
        let gone: Vec<(String, usize)> = d
            .not_selected
            .iter()
            .map(|r| (r.id.to_string(), r.versions.len()))
            .collect();
        assert_eq!(
            gone,
            [("IDENTIFY `New`".into(), 1), ("TRACK `Gone`".into(), 2)]
        );
        assert!(!d.is_empty(false));
        let nothing = diff(&wanted, &wanted);
        assert!(nothing.is_empty(true));
        assert_eq!(nothing.unchanged, 3);
    }

    #[test]
    fn a_changed_rule_shows_a_short_diff() {
        let change = Change {
            current: rule("TRACK", "X", 2, json!({"a": 1, "b": 2, "c": 3, "d": 4})),
            wanted: rule("TRACK", "X", 2, json!({"a": 1, "b": 20, "c": 3, "d": 4})),
        };
        let text = change.schema_diff(40);
        assert!(
            text.starts_with("--- Protocols (version 2)\n+++ tracktype\n"),
            "{text}"
        );
        assert!(text.contains("-  \"b\": 2,\n+  \"b\": 20,\n"), "{text}");
        let short = change.schema_diff(3);
        assert!(
            short.ends_with("@@ -2,3 +2,3 @@\n… 4 more lines\n"),
            "{short}"
        );
    }
}
