//! The status as text for people and as JSON for tools; both say the same.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::cli::style::Paint;

use super::{EventStatus, Site, Stale, TargetStatus, TraitsStatus, UseCaseStatus};

/// The report of every scope, then one summary line per scope.
pub fn text(statuses: &[TargetStatus], paint: Paint) -> String {
    let mut out = String::new();
    for (i, status) in statuses.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        target_text(&mut out, status, paint);
    }
    out
}

fn target_text(out: &mut String, status: &TargetStatus, paint: Paint) {
    let languages: Vec<&str> = status.languages.iter().map(|l| l.name()).collect();
    let sources: Vec<String> = status
        .sources
        .iter()
        .map(|s| s.display().to_string())
        .collect();
    let _ = writeln!(
        out,
        "{}{} {} file{} ({}) in {}",
        status
            .target
            .as_ref()
            .map(|t| format!("{} ", paint.bold(&format!("target {t}:"))))
            .unwrap_or_default(),
        paint.bold("scanned"),
        status.files,
        plural(status.files),
        languages.join(", "),
        sources.join(", ")
    );
    // A use case that serves several goals is listed under each, its events only once.
    let mut shown = HashSet::new();
    for goal in &status.goals {
        let _ = writeln!(out, "\n{}", paint.bold(&goal.name));
        for use_case in &goal.use_cases {
            use_case_text(out, use_case, shown.insert(&use_case.slug), paint);
        }
    }
    if !status.use_cases.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Use cases of no goal"));
        for use_case in &status.use_cases {
            use_case_text(out, use_case, true, paint);
        }
    }
    if !status.events.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Events selected on their own"));
        events_text(out, &status.events, paint);
    }
    let _ = writeln!(out, "\n{}", paint.bold("Identify and group"));
    traits_text(out, &status.traits, paint);
    if !status.stale.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.bold("Stale calls: events the selection does not contain")
        );
        for stale in &status.stale {
            stale_text(out, stale, paint);
        }
    }
    for (path, reason) in &status.skipped {
        let _ = writeln!(
            out,
            "{}: skipped {}: {reason}",
            paint.red("warning"),
            path.display()
        );
    }
    let _ = writeln!(out, "\n{}", summary(status, paint));
}

fn use_case_text(out: &mut String, use_case: &UseCaseStatus, with_events: bool, paint: Paint) {
    let count = format!(
        "{} of {} events",
        use_case.implemented(),
        use_case.events.len()
    );
    let _ = writeln!(
        out,
        "  {} ({}): {}{}",
        use_case.name,
        use_case.slug,
        if use_case.complete() {
            paint.green(&format!("{count}, ready"))
        } else {
            paint.red(&format!("{count}, incomplete"))
        },
        if with_events { "" } else { " (events above)" }
    );
    if with_events {
        events_text(out, &use_case.events, paint);
    }
}

/// Events with their status and call sites, names aligned.
fn events_text(out: &mut String, events: &[EventStatus], paint: Paint) {
    let width = widest(events.iter().map(|e| e.name.as_str()));
    for event in events {
        let pad = " ".repeat(width - event.name.chars().count());
        if event.calls.is_empty() {
            let _ = writeln!(out, "    {} {}", paint.red("missing    "), event.name);
            continue;
        }
        for (i, site) in event.calls.iter().enumerate() {
            if i == 0 {
                let _ = writeln!(
                    out,
                    "    {} {}{pad}  {site}",
                    paint.green("implemented"),
                    event.name
                );
            } else {
                let _ = writeln!(out, "    {} {site}", " ".repeat(12 + width + 1));
            }
        }
    }
}

/// Each call with every site, names aligned. One never made is not painted as a fault:
/// `--check` asks nothing of identify and group.
fn traits_text(out: &mut String, traits: &[TraitsStatus], paint: Paint) {
    let width = widest(traits.iter().map(|t| t.call.as_str()));
    for status in traits {
        let name = status.call.as_str();
        let pad = " ".repeat(width - name.chars().count());
        let mut sites = status.calls.iter();
        let Some(first) = sites.next() else {
            let _ = writeln!(out, "  {name}{pad}  {}", paint.dim("never called"));
            continue;
        };
        let _ = writeln!(out, "  {name}{pad}  {first}");
        for site in sites {
            let _ = writeln!(out, "  {}  {site}", " ".repeat(width));
        }
    }
}

/// How many characters the longest name has, to align what follows the names.
fn widest<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(|n| n.chars().count()).max().unwrap_or(0)
}

fn stale_text(out: &mut String, stale: &Stale, paint: Paint) {
    let why = if stale.in_catalog {
        "in the catalog, not selected"
    } else {
        "not in the catalog"
    };
    let _ = writeln!(out, "  {} {} ({why})", paint.red("stale"), stale.called);
    for site in &stale.calls {
        let _ = writeln!(out, "    {site}");
    }
}

fn summary(status: &TargetStatus, paint: Paint) -> String {
    let use_cases = status.all_use_cases();
    let complete = use_cases.iter().filter(|u| u.complete()).count();
    let stale_calls: usize = status.stale.iter().map(|s| s.calls.len()).sum();
    let mut parts = Vec::new();
    if !use_cases.is_empty() {
        parts.push(format!(
            "{complete} of {} use case{} ready",
            use_cases.len(),
            plural(use_cases.len())
        ));
    }
    if !status.events.is_empty() {
        let sent = status.events.iter().filter(|e| e.implemented()).count();
        parts.push(format!(
            "{sent} of {} event{} selected on {} sent",
            status.events.len(),
            plural(status.events.len()),
            if status.events.len() == 1 {
                "its own"
            } else {
                "their own"
            }
        ));
    }
    parts.push(format!("{stale_calls} stale call{}", plural(stale_calls)));
    let verdict = if status.ok() {
        paint.green("ok")
    } else {
        paint.red("incomplete")
    };
    format!("{verdict}: {}", parts.join(", "))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The same report for tools.
pub fn json(statuses: &[TargetStatus]) -> Value {
    json!({
        "ok": statuses.iter().all(TargetStatus::ok),
        "targets": statuses.iter().map(target_json).collect::<Vec<_>>(),
    })
}

fn target_json(status: &TargetStatus) -> Value {
    json!({
        "target": status.target,
        "ok": status.ok(),
        "languages": status.languages.iter().map(|l| l.name()).collect::<Vec<_>>(),
        "sources": status.sources.iter().map(|s| s.display().to_string()).collect::<Vec<_>>(),
        "files": status.files,
        "goals": status.goals.iter().map(|g| json!({
            "slug": g.slug,
            "name": g.name,
            "use_cases": g.use_cases.iter().map(use_case_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "use_cases": status.use_cases.iter().map(use_case_json).collect::<Vec<_>>(),
        "events": status.events.iter().map(event_json).collect::<Vec<_>>(),
        "calls": status.traits.iter().map(|t| (
            t.call.as_str().to_owned(),
            Value::from(t.calls.iter().map(site_json).collect::<Vec<_>>()),
        )).collect::<serde_json::Map<_, _>>(),
        "stale": status.stale.iter().map(|s| json!({
            "called": s.called,
            "in_catalog": s.in_catalog,
            "calls": s.calls.iter().map(site_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "skipped": status.skipped.iter().map(|(path, reason)| json!({
            "file": path.display().to_string(),
            "reason": reason,
        })).collect::<Vec<_>>(),
    })
}

fn use_case_json(use_case: &UseCaseStatus) -> Value {
    json!({
        "slug": use_case.slug,
        "name": use_case.name,
        "implemented": use_case.implemented(),
        "total": use_case.events.len(),
        "complete": use_case.complete(),
        "events": use_case.events.iter().map(event_json).collect::<Vec<_>>(),
    })
}

fn event_json(event: &EventStatus) -> Value {
    json!({
        "name": event.name,
        "status": if event.implemented() { "implemented" } else { "missing" },
        "calls": event.calls.iter().map(site_json).collect::<Vec<_>>(),
    })
}

fn site_json(site: &Site) -> Value {
    json!({
        "file": site.file.display().to_string(),
        "line": site.line,
        "column": site.column,
    })
}
