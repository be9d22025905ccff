//! Our fixture plans, with sample payloads: for every alternative of every union
//! (`tests/data/fidelity-samples.json`), and for every kind of call
//! (`tests/data/calls-samples.json`). They join the random catalogs' batches, so each
//! language compiles them in the same one compilation and checks every sample the same way.

use std::collections::BTreeMap;

use serde_json::Value;
use tracktype::in_memory;
use tracktype::lang::Language;

use super::{Case, CaseEvent, Sent, case_traits, targets, traits_types};
use crate::support::root;

/// The plans, by a name for messages, with their samples.
pub const PLANS: [(&str, &str, &str); 4] = [
    (
        "fidelity",
        "tests/data/plans/fidelity-public-api.json",
        "tests/data/fidelity-samples.json",
    ),
    (
        "calls-public-api",
        "tests/data/plans/calls-public-api.json",
        "tests/data/calls-samples.json",
    ),
    (
        "calls-config-api",
        "tests/data/plans/calls-config-api.json",
        "tests/data/calls-samples.json",
    ),
    (
        "calls-rudderstack",
        "tests/data/plans/calls-rudderstack.json",
        "tests/data/calls-samples.json",
    ),
];

/// A samples file: payloads by event name, and traits by call.
struct Samples {
    events: BTreeMap<String, Vec<Value>>,
    traits: BTreeMap<String, Vec<Value>>,
}

fn samples(path: &str) -> Samples {
    let text = std::fs::read_to_string(root().join(path)).expect("the samples file");
    let doc: Value = serde_json::from_str(&text).expect("the samples file is JSON");
    Samples {
        events: serde_json::from_value(doc["samples"].clone()).expect("samples by event name"),
        traits: serde_json::from_value(doc.get("traits").cloned().unwrap_or_default())
            .unwrap_or_default(),
    }
}

/// One case per fixture plan, the first at index `first`.
pub fn cases(first: usize) -> Vec<Case> {
    PLANS
        .iter()
        .enumerate()
        .map(|(k, (name, path, samples_path))| {
            let samples = samples(samples_path);
            let i = first + k;
            let bytes = std::fs::read(root().join(path)).expect("the fixture plan");
            let catalog = in_memory::load_plan(&bytes)
                .unwrap_or_else(|e| panic!("fixture plan {name} does not load:\n{e}"));
            let files = targets(i)
                .into_iter()
                .map(|target| {
                    let files = in_memory::generate_all(&catalog, &target)
                        .unwrap_or_else(|e| panic!("fixture plan {name}, {target:?}:\n{e}"));
                    (target, files)
                })
                .collect();
            let ids =
                |language| in_memory::event_identifiers(&catalog, language).expect("identifiers");
            let (rust, typescript, swift) = (
                ids(Language::Rust),
                ids(Language::TypeScript),
                ids(Language::Swift),
            );
            let mut events = Vec::new();
            for ((r, t), s) in rust.into_iter().zip(typescript).zip(swift) {
                let event = catalog
                    .event(&r.wire)
                    .expect("a generated event is in the catalog");
                let list = samples
                    .events
                    .get(&r.wire)
                    .unwrap_or_else(|| panic!("fixture plan {name}: no sample for {:?}", r.wire));
                let fields = event.call.fields();
                for sample in list {
                    events.push(CaseEvent {
                        sent: Sent::of(
                            &r.wire,
                            event.call.as_str(),
                            fields.and_then(|f| f.name.as_deref()),
                            fields.and_then(|f| f.category.as_deref()),
                            sample,
                        ),
                        wire: r.wire.clone(),
                        has_properties: !event.properties.is_empty(),
                        sample: sample.clone(),
                        rust: r.clone(),
                        typescript: t.clone(),
                        swift: s.clone(),
                    });
                }
            }
            // Traits without samples of their own are sent empty.
            let traits_sample = |call: &str| {
                samples
                    .traits
                    .get(call)
                    .and_then(|l| l.first().cloned())
                    .unwrap_or_else(|| serde_json::json!({}))
            };
            let traits = case_traits(
                traits_types(&catalog).expect("traits types"),
                [traits_sample("identify"), traits_sample("group")],
            );
            Case {
                files,
                events,
                traits,
            }
        })
        .collect()
}

#[test]
fn every_sample_is_of_an_event_of_the_plans() {
    let events: Vec<String> = cases(0)
        .iter()
        .flat_map(|c| c.events.iter().map(|e| e.wire.clone()))
        .collect();
    let names: Vec<String> = PLANS
        .iter()
        .flat_map(|(_, _, path)| samples(path).events.into_keys())
        .collect();
    for name in &names {
        assert!(
            events.contains(name),
            "a sample for {name:?}, which no fixture plan has"
        );
    }
}
