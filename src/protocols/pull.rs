//! `pull`: a tracking plan and every one of its rules, fetched page by page and written as a
//! Public-API plan file that `--plan` and `import` read.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::api::{self, Rule, TrackingPlan};
use super::canonical;
use super::client::Client;
use super::error::ApiError;

/// Most pages followed: 200,000 rules, a hundred times the most Protocols' editor imports.
pub const MAX_PAGES: usize = 1_000;

/// A tracking plan as Protocols has it.
#[derive(Debug)]
pub struct Pulled {
    pub plan: TrackingPlan,
    /// Every version of every rule, in canonical order.
    pub rules: Vec<Rule>,
}

/// Fetches the plan's description and all its rules.
pub fn fetch(client: &Client) -> Result<Pulled, ApiError> {
    let plan_path = api::plan_path(client.plan());
    let plan = api::read_plan(&client.get(&plan_path, &[])?)
        .map_err(|reason| client.malformed("GET", &plan_path, reason))?;
    let rules_path = api::rules_path(client.plan());
    let mut rules = Vec::new();
    let mut cursor: Option<String> = None;
    let mut seen = BTreeSet::new();
    let mut pages = 0;
    loop {
        let page =
            api::read_rules_page(&client.get(&rules_path, &api::page_query(cursor.as_deref()))?)
                .map_err(|reason| client.malformed("GET", &rules_path, reason))?;
        pages += 1;
        rules.extend(page.rules);
        let Some(next) = page.next else {
            break;
        };
        // A cursor seen before would loop forever; so would an endless list.
        if !seen.insert(next.clone()) {
            return Err(client.malformed(
                "GET",
                &rules_path,
                format!("page {pages} points back to an earlier page (cursor `{next}`)"),
            ));
        }
        if pages >= MAX_PAGES {
            return Err(client.malformed(
                "GET",
                &rules_path,
                format!("there are more than {MAX_PAGES} pages of rules"),
            ));
        }
        cursor = Some(next);
    }
    rules.sort_by(Rule::order);
    Ok(Pulled { plan, rules })
}

impl Pulled {
    /// The plan file: `{rules: [...], trackingPlan: {...}}`, canonical JSON.
    pub fn file_text(&self) -> String {
        let rules: Vec<Value> = self.rules.iter().map(Rule::to_json).collect();
        canonical::text(&json!({ "trackingPlan": self.plan.to_json(), "rules": rules }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::api::RuleKey;

    #[test]
    fn the_file_is_canonical_whatever_the_order_rules_came_in() {
        let rule = |key: &str, version: u64, schema: &str| Rule {
            id: RuleKey {
                rule_type: "TRACK".into(),
                key: Some(key.into()),
            },
            version: version.into(),
            json_schema: serde_json::from_str(schema).unwrap(),
            deprecated_at: None,
        };
        let plan = TrackingPlan {
            id: "tp_1".into(),
            name: Some("Web".into()),
            details: serde_json::Map::new(),
        };
        let mut a = vec![
            rule("B", 1, r#"{"y":1,"x":2}"#),
            rule("A", 2, "{}"),
            rule("A", 1, "{}"),
        ];
        let mut b = vec![
            rule("A", 1, "{}"),
            rule("A", 2, "{}"),
            rule("B", 1, r#"{"x":2,"y":1}"#),
        ];
        a.sort_by(Rule::order);
        b.sort_by(Rule::order);
        let text = |rules| {
            Pulled {
                plan: plan.clone(),
                rules,
            }
            .file_text()
        };
        let (ta, tb) = (text(a), text(b));
        assert_eq!(ta, tb);
        assert!(ta.starts_with("{\n  \"rules\": [\n    {\n      \"jsonSchema\": {},\n      \"key\": \"A\",\n      \"type\": \"TRACK\",\n      \"version\": 1\n"), "{ta}");
        assert!(
            ta.ends_with(
                "  \"trackingPlan\": {\n    \"id\": \"tp_1\",\n    \"name\": \"Web\"\n  }\n}\n"
            ),
            "{ta}"
        );
    }
}
