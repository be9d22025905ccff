//! `tracktype list goals|use-cases|events` and `tracktype show USE_CASE`.

use serde_json::{Value, json};

use crate::describe;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::model::{Call, Catalog, Kind, Property, TraitsCall, UseCase, slug};
use crate::suggest;

use super::style::{Paint, col, num, table};
use super::{Format, ListWhat};

pub fn list(
    catalog: &Catalog,
    what: ListWhat,
    goal: Option<&str>,
    use_case: Option<&str>,
    plan_events: bool,
    format: Format,
    paint: Paint,
) -> Result<String> {
    let goal = goal.map(|g| find_goal(catalog, g)).transpose()?;
    let use_case = use_case.map(|u| find_use_case(catalog, u)).transpose()?;
    let in_goal = |uc: &str| goal.is_none_or(|g| g.use_cases.iter().any(|r| r.use_case == uc));
    let use_cases: Vec<&UseCase> = catalog
        .use_cases
        .iter()
        .filter(|u| in_goal(&u.slug) && use_case.is_none_or(|only| only.slug == u.slug))
        .collect();
    let text = match what {
        ListWhat::Goals => {
            let goals: Vec<_> = catalog
                .goals
                .iter()
                .filter(|g| goal.is_none_or(|only| only.slug == g.slug))
                .collect();
            match format {
                Format::Json => json_text(&Value::Array(
                    goals.iter().map(|g| describe::goal_json(g)).collect(),
                )),
                Format::Text => {
                    let rows: Vec<Vec<String>> = goals
                        .iter()
                        .map(|g| {
                            vec![
                                g.slug.clone(),
                                g.use_cases.len().to_string(),
                                g.name.clone(),
                            ]
                        })
                        .collect();
                    table(
                        &[col("SLUG"), num("USE CASES"), col("NAME")],
                        &rows,
                        paint,
                        0,
                    )
                }
            }
        }
        ListWhat::UseCases => match format {
            Format::Json => json_text(&Value::Array(
                use_cases
                    .iter()
                    .map(|u| describe::use_case_json(catalog, u))
                    .collect(),
            )),
            Format::Text => {
                let rows: Vec<Vec<String>> = use_cases
                    .iter()
                    .map(|u| vec![u.slug.clone(), u.events.len().to_string(), u.name.clone()])
                    .collect();
                table(&[col("SLUG"), num("EVENTS"), col("NAME")], &rows, paint, 0)
            }
        },
        ListWhat::Events => {
            let filtered = goal.is_some() || use_case.is_some();
            // As everywhere: with --plan and nothing else selected, the plan's events.
            let plan_only = plan_events && !filtered;
            let events: Vec<_> = catalog
                .events
                .iter()
                .filter(|e| !filtered || use_cases.iter().any(|u| u.events.contains(&e.name)))
                .filter(|e| !plan_only || e.from_plan)
                .collect();
            match format {
                Format::Json => json_text(&Value::Array(
                    events
                        .iter()
                        .map(|e| describe::event_json(catalog, e))
                        .collect(),
                )),
                Format::Text => {
                    let rows: Vec<Vec<String>> = events
                        .iter()
                        .map(|e| {
                            let needed: Vec<String> = catalog
                                .use_cases_needing(&e.name)
                                .map(|u| u.slug.clone())
                                .collect();
                            vec![
                                e.name.clone(),
                                e.call.as_str().to_owned(),
                                e.properties.len().to_string(),
                                needed.join(", "),
                            ]
                        })
                        .collect();
                    table(
                        &[
                            col("EVENT"),
                            col("CALL"),
                            num("PROPERTIES"),
                            col("USE CASES"),
                        ],
                        &rows,
                        paint,
                        0,
                    )
                }
            }
        }
    };
    Ok(text)
}

pub fn show(catalog: &Catalog, use_case: &str, format: Format, paint: Paint) -> Result<String> {
    let use_case = find_use_case(catalog, use_case)?;
    let events: Vec<_> = use_case
        .events
        .iter()
        .filter_map(|name| catalog.event(name))
        .collect();
    if format == Format::Json {
        let goals: Vec<Value> = catalog
            .goals_of(&use_case.slug)
            .map(|(g, r)| {
                json!({
                    "slug": g.slug, "name": g.name,
                    "sources": r.sources, "destinations": r.destinations,
                })
            })
            .collect();
        return Ok(json_text(&json!({
            "use_case": describe::use_case_json(catalog, use_case),
            "goals": goals,
            "events": events.iter().map(|e| describe::event_json(catalog, e)).collect::<Vec<_>>(),
            "identify": catalog.identify.as_ref().map(describe::traits_json),
            "group": catalog.group.as_ref().map(describe::traits_json),
        })));
    }

    let mut out = String::new();
    out.push_str(&format!(
        "{} {}\n",
        paint.bold(&use_case.name),
        paint.dim(&format!("({})", use_case.slug))
    ));
    if !use_case.summary.is_empty() {
        out.push_str(&format!("{}\n", use_case.summary));
    }
    out.push_str(&format!("\n{}\n", paint.bold("Recommended connections")));
    for (goal, rec) in catalog.goals_of(&use_case.slug) {
        out.push_str(&format!(
            "  {} {}\n",
            goal.name,
            paint.dim(&format!("({})", goal.slug))
        ));
        out.push_str(&format!("    sources:       {}\n", rec.sources.join(", ")));
        out.push_str(&format!(
            "    destinations:  {}\n",
            rec.destinations.join(", ")
        ));
    }
    for event in events {
        out.push_str(&format!("\n{}\n", paint.bold(&paint.cyan(&event.name))));
        if !event.description.is_empty() {
            out.push_str(&format!("  {}\n", event.description));
        }
        if let Some(sent) = call_line(&event.call) {
            out.push_str(&format!("  {}\n", paint.dim(&sent)));
        }
        properties_table(&mut out, &event.properties, "PROPERTY", paint);
    }
    for call in TraitsCall::ALL {
        if let Some(traits) = catalog.traits(call) {
            let title = format!("{} traits", call.as_str());
            out.push_str(&format!("\n{}\n", paint.bold(&capitalise(&title))));
            if !traits.description.is_empty() {
                out.push_str(&format!("  {}\n", traits.description));
            }
            properties_table(&mut out, &traits.properties, "TRAIT", paint);
        }
    }
    Ok(out)
}

/// How a page or screen event is sent; `None` for a track event, the default.
fn call_line(call: &Call) -> Option<String> {
    let fields = call.fields()?;
    let mut line = format!("Sent as a {} call", call.as_str());
    let parts: Vec<String> = [("name", &fields.name), ("category", &fields.category)]
        .into_iter()
        .filter_map(|(what, wire)| wire.as_ref().map(|w| format!("its {what} is `{w}`")))
        .collect();
    if fields.name.is_none() {
        line.push_str(" named after the event");
    }
    if !parts.is_empty() {
        line.push_str(&format!(": {}", parts.join(", ")));
    }
    line.push('.');
    Some(line)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn properties_table(out: &mut String, properties: &[Property], what: &str, paint: Paint) {
    if properties.is_empty() {
        out.push_str(&format!("  {}\n", paint.dim("(no properties)")));
        return;
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = properties.iter().map(property_row).collect();
    out.push_str(&table(
        &[col(what), col("TYPE"), col("REQUIRED"), col("DESCRIPTION")],
        &rows,
        paint,
        2,
    ));
}

fn property_row(p: &Property) -> Vec<String> {
    let mut ty = match &p.schema.kind {
        Kind::Enum(values) => values
            .iter()
            .map(|v| format!("{:?}", v.label()))
            .collect::<Vec<_>>()
            .join(" | "),
        _ => p.schema.type_word(),
    };
    if p.schema.nullable {
        ty.push_str(" | null");
    }
    vec![
        p.name.clone(),
        ty,
        if p.required {
            "yes".into()
        } else {
            String::new()
        },
        p.schema.description.clone(),
    ]
}

fn find_use_case<'c>(catalog: &'c Catalog, given: &str) -> Result<&'c UseCase> {
    catalog.use_case(&slug(given)).ok_or_else(|| {
        let slugs: Vec<&str> = catalog.use_cases.iter().map(|u| u.slug.as_str()).collect();
        Diagnostic::global(format!("unknown use case `{given}`"))
            .with_hint(
                suggest::did_you_mean(&slug(given), &slugs)
                    .unwrap_or_else(|| "run `tracktype list use-cases` to see them all".into()),
            )
            .into()
    })
}

fn find_goal<'c>(catalog: &'c Catalog, given: &str) -> Result<&'c crate::model::Goal> {
    catalog.goal(&slug(given)).ok_or_else(|| {
        let slugs: Vec<&str> = catalog.goals.iter().map(|g| g.slug.as_str()).collect();
        Diagnostic::global(format!("unknown goal `{given}`"))
            .with_hint(
                suggest::did_you_mean(&slug(given), &slugs)
                    .unwrap_or_else(|| "run `tracktype list goals` to see them all".into()),
            )
            .into()
    })
}

pub fn json_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
