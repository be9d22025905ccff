//! Our fixture plans, with a sample payload for every alternative of every union
//! (`tests/data/fidelity-samples.json`): they join the random catalogs' batches, so each
//! language compiles them in the same one compilation and checks every sample the same way.

use std::collections::BTreeMap;

use serde_json::Value;
use tracktype::in_memory;
use tracktype::lang::Language;

use super::{Case, CaseEvent, targets};
use crate::support::root;

/// The plans, by a name for messages.
pub const PLANS: [(&str, &str); 1] = [("fidelity", "tests/data/plans/fidelity-public-api.json")];

fn samples() -> BTreeMap<String, Vec<Value>> {
    let path = root().join("tests/data/fidelity-samples.json");
    let text = std::fs::read_to_string(&path).expect("the samples file");
    let doc: Value = serde_json::from_str(&text).expect("the samples file is JSON");
    serde_json::from_value(doc["samples"].clone()).expect("samples by event name")
}

/// One case per fixture plan, the first at index `first`.
pub fn cases(first: usize) -> Vec<Case> {
    let samples = samples();
    PLANS
        .iter()
        .enumerate()
        .map(|(k, (name, path))| {
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
                    .get(&r.wire)
                    .unwrap_or_else(|| panic!("fixture plan {name}: no sample for {:?}", r.wire));
                for sample in list {
                    events.push(CaseEvent {
                        wire: r.wire.clone(),
                        has_properties: !event.properties.is_empty(),
                        sample: sample.clone(),
                        rust: r.clone(),
                        typescript: t.clone(),
                        swift: s.clone(),
                    });
                }
            }
            Case { files, events }
        })
        .collect()
}

#[test]
fn every_sample_is_of_an_event_of_the_plans() {
    let events: Vec<String> = cases(0)
        .iter()
        .flat_map(|c| c.events.iter().map(|e| e.wire.clone()))
        .collect();
    for name in samples().keys() {
        assert!(
            events.contains(name),
            "a sample for {name:?}, which no fixture plan has"
        );
    }
}
