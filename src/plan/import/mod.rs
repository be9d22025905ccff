//! A tracking plan as a catalog document. Three formats are read: Segment's Config API
//! (`rules.events[]`, Typewriter v7's `plan.json`), Segment's Public API (`rules[]` of
//! `{type, key, jsonSchema, version}`), and RudderStack's (Config-API-shaped, each rule with
//! an `eventType`). Track, page and screen rules become events with their call; identify and
//! group rules type the traits; common rules add to every call. Every value keeps its place
//! in the JSON, and named types come from `definitions` and `$defs`.

mod convert;
mod merge;
mod rules;
mod schema;

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::catalog::raw::{RawDocument, RawEvent, RawNode, RawTraits};
use crate::diagnostic::{Diagnostic, Diagnostics, Loc, SourceFile};
use crate::yaml::Sp;

use super::json::{self, Json};
use convert::{Converted, Taken};
use rules::{Rule, RuleKind};
use schema::Converter;

pub use schema::TYPE_WORDS;

/// Which format a plan is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `rules.events[]`, each with a `rules` JSON Schema of the whole message (Typewriter v7).
    ConfigApi,
    /// `rules[]` of `{type, key, jsonSchema, version}` (the Public API, and Typewriter v8+).
    PublicApi,
    /// RudderStack's plans: Config-API-shaped, each rule with an `eventType`.
    RudderStack,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::ConfigApi => "Segment Config-API",
            Format::PublicApi => "Segment Public-API",
            Format::RudderStack => "RudderStack",
        }
    }
}

/// A plan read into a catalog document, and what could not be kept exactly.
#[derive(Debug)]
pub struct Imported {
    pub format: Format,
    pub document: RawDocument,
    /// Located warnings.
    pub warnings: Diagnostics,
}

/// The arrays whose items are rules: a Public-API plan's `rules` (or the API's `data.rules`),
/// a Config-API or RudderStack plan's `rules.events`.
pub(crate) const RULE_ARRAYS: [&str; 3] = ["/rules", "/data/rules", "/rules/events"];

/// Rules as they are read: converted one by one, their JSON dropped.
#[derive(Default)]
struct Reader {
    converter: Converter,
    /// Each rule converted, with the pointer of the array it was in.
    taken: Vec<(&'static str, Taken)>,
    /// Problems with rules as rules (no type, no key), whatever their version.
    errors: Diagnostics,
    /// Some rule has an `eventType`: the plan is RudderStack's.
    rudderstack: bool,
}

impl Reader {
    fn take(&mut self, array: &'static str, index: usize, item: &Json) {
        let at = format!("{array}/{index}");
        let rule = if array == "/rules/events" {
            self.rudderstack |= item.get("eventType").is_some();
            rules::config_event(item, &at)
        } else {
            rules::public(item, &at).map(Some)
        };
        match rule {
            Ok(Some(rule)) => self.convert(array, &rule),
            Ok(None) => {}
            Err(e) => self.errors.push(e),
        }
    }

    fn convert(&mut self, array: &'static str, rule: &Rule<'_>) {
        let taken = convert::convert(&mut self.converter, rule);
        self.taken.push((array, taken));
    }

    /// What `later` read, after what this one read.
    fn append(&mut self, later: Reader) {
        self.taken.extend(later.taken);
        self.errors.extend(later.errors);
        self.rudderstack |= later.rudderstack;
    }
}

/// Rules handed to a converter at a time. One at a time, each hand-over woke the other thread:
/// at 10,000 rules that was a tenth of loading's time spent in the kernel's futex calls.
const BATCH: usize = 32;

/// Rules read, with the array each came from and its index there.
type Batch = Vec<(&'static str, usize, Json)>;

/// Threads converting rules. Converting a rule takes about twice as long as parsing it, and
/// each rule converts on its own: with two converters the parser is no longer kept waiting.
const CONVERTERS: usize = 2;

/// Parses the plan, converting its rules on other threads as the parser reaches them: each
/// batch of rules' JSON goes to one converter, in turn, and is dropped there.
fn read_rules(file: &Arc<SourceFile>) -> Result<(Json, Reader), Diagnostics> {
    std::thread::scope(|scope| {
        let mut senders = Vec::with_capacity(CONVERTERS);
        let mut converters = Vec::with_capacity(CONVERTERS);
        for _ in 0..CONVERTERS {
            // Enough batches in flight to keep the threads busy, few enough to hold little
            // memory.
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(2);
            senders.push(sender);
            // What each batch gave, in the order the converter was handed them.
            converters.push(scope.spawn(move || {
                receiver
                    .into_iter()
                    .map(|batch| {
                        let mut reader = Reader::default();
                        for (array, index, item) in batch {
                            reader.take(array, index, &item);
                        }
                        reader
                    })
                    .collect::<Vec<Reader>>()
            }));
        }
        let parsed = {
            let mut batch = Batch::with_capacity(BATCH);
            let mut sent = 0;
            let mut send = |batch: Batch| {
                // A converter only stops early by panicking, which the joins below re-raise.
                let _ = senders[sent % CONVERTERS].send(batch);
                sent += 1;
            };
            let mut take = |array: &str, index: usize, item: Json| {
                let array = RULE_ARRAYS
                    .iter()
                    .find(|a| **a == array)
                    .copied()
                    .unwrap_or("");
                batch.push((array, index, item));
                if batch.len() == BATCH {
                    send(std::mem::replace(&mut batch, Batch::with_capacity(BATCH)));
                }
            };
            let parsed = json::parse_streaming(
                file,
                Some(json::Stream {
                    arrays: &RULE_ARRAYS,
                    take: &mut take,
                }),
            );
            if !batch.is_empty() {
                send(batch);
            }
            parsed
        };
        drop(senders);
        let mut batches: Vec<std::vec::IntoIter<Reader>> = converters
            .into_iter()
            .map(|converter| match converter.join() {
                Ok(readers) => readers.into_iter(),
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect();
        // The batches went to the converters in turn: taken back in turn, they are in the
        // plan's order.
        let mut reader = Reader::default();
        for turn in 0.. {
            match batches[turn % CONVERTERS].next() {
                Some(batch) => reader.append(batch),
                None => break,
            }
        }
        Ok((parsed?, reader))
    })
}

/// Reads a plan file into a catalog document. The rules are converted as they are read, so
/// that the plan's JSON is never held whole.
pub fn read(file: &Arc<SourceFile>) -> Result<Imported, Diagnostics> {
    let (root, mut reader) = read_rules(file)?;
    let (rules_json, pointer, public) = rules::locate(&root)?;
    let format = match (public, reader.rudderstack) {
        (true, _) => Format::PublicApi,
        (false, true) => Format::RudderStack,
        (false, false) => Format::ConfigApi,
    };
    if !public {
        for rule in rules::config_siblings(rules_json, pointer) {
            reader.convert(pointer, &rule);
        }
    }
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    // Rules read from an array the plan does not keep its rules in (`data.rules` beside
    // `rules`) are not the plan's.
    let array = if public {
        pointer.to_owned()
    } else {
        format!("{pointer}/events")
    };
    let taken: Vec<Taken> = reader
        .taken
        .into_iter()
        .filter(|(from, _)| *from == array || *from == pointer)
        .map(|(_, t)| t)
        .collect();
    let mut diags = Diagnostics::default();
    let chosen = latest_versions(taken, &mut diags);
    let types = named_types(&chosen, &mut diags);
    let document = assemble(chosen, types, root.loc.clone(), &mut diags);
    let warnings = diags.take_warnings();
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Imported {
        format,
        document,
        warnings: warnings.deduplicated(),
    })
}

/// Of each rule that comes in several versions (same kind and name), the highest version, in
/// the order of kind and name. The same version twice is an error: the plan does not say
/// which to keep. The chosen rules' findings join `diags`.
///
/// Chosen by index and kept in place: a plan's rules are most of its memory, and a map of
/// them would hold each a second time.
fn latest_versions(mut taken: Vec<Taken>, diags: &mut Diagnostics) -> Vec<Taken> {
    fn key(rule: &Taken) -> (RuleKind, Option<&str>) {
        (rule.kind, rule.name.as_ref().map(|n| n.value.as_str()))
    }
    // Each rule's versions side by side, in document order (the sort is stable).
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|&a, &b| key(&taken[a]).cmp(&key(&taken[b])));
    let mut keep = vec![false; taken.len()];
    for versions in order.chunk_by(|&a, &b| key(&taken[a]) == key(&taken[b])) {
        let mut existing = versions[0];
        for &later in &versions[1..] {
            let (rule, first) = (&taken[later], &taken[existing]);
            match first.version.partial_cmp(&rule.version) {
                Some(Ordering::Greater) => {}
                Some(Ordering::Equal) => {
                    let what = match &rule.name {
                        Some(n) => format!("event `{}`", n.value),
                        None => "a rule".to_owned(),
                    };
                    let at = rule.name.as_ref().map_or(&rule.at, |n| &n.loc);
                    let first = first.name.as_ref().map_or(&first.at, |n| &n.loc);
                    diags.push(
                        Diagnostic::at(at, format!("{what} appears twice in the plan"))
                            .with_note(first, "first here")
                            .with_hint("keep one of them, or give them different versions"),
                    );
                }
                _ => existing = later,
            }
        }
        keep[existing] = true;
    }
    let mut kept = keep.into_iter();
    taken.retain(|_| kept.next().unwrap_or(false));
    // One rule per key now: the order is total.
    taken.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    for rule in &taken {
        diags.extend(rule.diags.clone());
    }
    taken
}

/// The named types of the chosen rules' definitions: every schema carries its own, and they
/// must agree across rules.
fn named_types(chosen: &[Taken], diags: &mut Diagnostics) -> Vec<RawNode> {
    let mut types: BTreeMap<&str, (&RawNode, &Loc)> = BTreeMap::new();
    for rule in chosen {
        for (name, (node, at)) in &rule.types {
            match types.get(name.as_str()) {
                None => {
                    types.insert(name, (node, at));
                }
                Some((existing, first)) if *existing != node => {
                    diags.push(
                        Diagnostic::at(
                            at,
                            format!("definition `{name}` differs from another of the same name"),
                        )
                        .with_note(first, "the other definition"),
                    );
                }
                Some(_) => {}
            }
        }
    }
    types.into_values().map(|(node, _)| node.clone()).collect()
}

/// The catalog document of the chosen rules: events (with what common rules give every
/// call), then the identify and group traits.
fn assemble(
    chosen: Vec<Taken>,
    types: Vec<RawNode>,
    root: Loc,
    diags: &mut Diagnostics,
) -> RawDocument {
    let mut common_properties: Vec<RawNode> = Vec::new();
    let mut common_traits: Vec<RawNode> = Vec::new();
    let mut events: Vec<Box<RawEvent>> = Vec::with_capacity(chosen.len());
    let mut traits: [Vec<TraitsRule>; 2] = Default::default();
    for rule in chosen {
        match rule.converted {
            Converted::Common { properties, traits } => {
                add_new(&mut common_properties, properties);
                add_new(&mut common_traits, traits);
            }
            Converted::Event(Some(event)) => events.push(event),
            Converted::Event(None) => {}
            Converted::Traits {
                description,
                body: Some(body),
            } => {
                let i = usize::from(rule.kind == RuleKind::Group);
                traits[i].push((description, *body, rule.at));
            }
            Converted::Traits { body: None, .. } => {}
        }
    }
    // In place: the events are most of the plan.
    let mut seen: HashMap<String, Loc> = HashMap::new();
    events.retain_mut(|event| {
        if let Some(first) = seen.get(&event.name.value) {
            diags.push(
                Diagnostic::at(
                    &event.name.loc,
                    format!("event `{}` appears twice in the plan", event.name.value),
                )
                .with_note(first, "first here"),
            );
            return false;
        }
        add_common(&mut event.properties, &common_properties);
        seen.insert(event.name.value.clone(), event.name.loc.clone());
        true
    });
    // Names are unique by now: the order is total, and sorting needs no buffer.
    events.sort_unstable_by(|a, b| a.name.value.cmp(&b.name.value));
    let [identify, group] = traits.map(|sets| {
        let mut merged = merge_traits(sets, &root);
        if let Some(t) = &mut merged {
            add_common(&mut t.value.traits, &common_traits);
        }
        merged
    });
    RawDocument {
        goals: None,
        use_cases: None,
        events: Some(Sp::new(events, root.clone())),
        types: (!types.is_empty()).then(|| Sp::new(types, root)),
        identify,
        group,
    }
}

/// An identify or group rule's description, traits and place.
type TraitsRule = (Option<Sp<String>>, RawNode, Loc);

/// Appends the nodes whose names `to` does not have yet.
fn add_new(to: &mut Vec<RawNode>, nodes: Vec<RawNode>) {
    let mut names: HashSet<Option<String>> = to
        .iter()
        .map(|n| n.name.as_ref().map(|s| s.value.clone()))
        .collect();
    for node in nodes {
        if names.insert(node.name.as_ref().map(|s| s.value.clone())) {
            to.push(node);
        }
    }
}

/// The identify or group traits: the bodies of every rule of that kind, merged (the latest
/// version of each was chosen already), a trait defined twice keeping its first definition.
fn merge_traits(
    sets: Vec<(Option<Sp<String>>, RawNode, Loc)>,
    root: &Loc,
) -> Option<Sp<RawTraits>> {
    let mut out: Option<Sp<RawTraits>> = None;
    for (description, body, at) in sets {
        let traits = out.get_or_insert_with(|| {
            Sp::new(
                RawTraits {
                    replace: Some(Sp::new(true, root.clone())),
                    ..RawTraits::default()
                },
                at,
            )
        });
        let t = &mut traits.value;
        t.description = t.description.take().or(description);
        if let Some(props) = body.properties {
            let list = t
                .traits
                .get_or_insert_with(|| Sp::new(Vec::new(), props.loc.clone()));
            add_new(&mut list.value, props.value);
        }
        t.additional_properties = t
            .additional_properties
            .take()
            .or(body.additional_properties.map(|b| *b));
        t.pattern_properties = t
            .pattern_properties
            .take()
            .or(body.pattern_properties.map(|b| *b));
        t.min_properties = t.min_properties.take().or(body.min_properties.map(|b| *b));
        t.max_properties = t.max_properties.take().or(body.max_properties.map(|b| *b));
        t.dependent_required = t
            .dependent_required
            .take()
            .or(body.dependent_required.map(|b| *b));
    }
    if let Some(t) = &mut out
        && let Some(list) = &mut t.value.traits
    {
        schema::sort_by_name(&mut list.value);
    }
    out
}

/// Adds common properties an event (or trait set) does not define itself.
fn add_common(props: &mut Option<Sp<Vec<RawNode>>>, common: &[RawNode]) {
    if common.is_empty() {
        return;
    }
    let Some(loc) = common
        .first()
        .and_then(|c| c.name.as_ref())
        .map(|n| n.loc.clone())
    else {
        return;
    };
    let list = props.get_or_insert_with(|| Sp::new(Vec::new(), loc));
    let own: HashSet<Option<String>> = list
        .value
        .iter()
        .map(|p| p.name.as_ref().map(|n| n.value.clone()))
        .collect();
    for c in common {
        if !own.contains(&c.name.as_ref().map(|n| n.value.clone())) {
            // Marked, so that export writes it back as the common rule it came from.
            let mut p = c.clone();
            p.origin = p
                .name
                .as_ref()
                .map(|n| Box::new(Sp::new("common".to_owned(), n.loc.clone())));
            list.value.push(p);
        }
    }
    schema::sort_by_name(&mut list.value);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Public-API plan of `n` one-line TRACK rules; those in `keyless` have no `key` (an error
    /// of the rule), those in `misspelt` a misspelt keyword (a warning of its conversion).
    fn plan(n: usize, keyless: &[usize], misspelt: &[usize]) -> Arc<SourceFile> {
        let rules: Vec<String> = (0..n)
            .map(|i| {
                let key = if keyless.contains(&i) {
                    String::new()
                } else {
                    format!(r#""key": "Event {i:03}", "#)
                };
                let word = if misspelt.contains(&i) { "descripton" } else { "description" };
                format!(
                    r#"{{"type": "TRACK", {key}"version": 1, "jsonSchema": {{"properties": {{"properties": {{"type": "object", "properties": {{"p": {{"type": "string", "{word}": "x"}}}}}}}}}}}}"#
                )
            })
            .collect();
        SourceFile::new(
            "plan.json",
            format!("{{\"rules\": [\n{}\n]}}\n", rules.join(",\n")),
        )
    }

    fn lines(diags: &Diagnostics) -> Vec<u32> {
        diags
            .0
            .iter()
            .filter_map(|d| d.loc().map(|l| l.line))
            .collect()
    }

    #[test]
    fn rules_read_on_several_threads_keep_the_plans_order() {
        // Enough rules for batches on every converter, several times over.
        let n = BATCH * CONVERTERS * 3 + 5;
        let (keyless, misspelt) = (
            [3, BATCH + 1, 2 * BATCH + 7, n - 1],
            [0, BATCH, 5 * BATCH - 2],
        );

        let errors = read(&plan(n, &keyless, &[])).expect_err("keyless rules are errors");
        // Line 1 is the opening of the plan: rule i is on line i + 2.
        assert_eq!(lines(&errors), keyless.map(|i| i as u32 + 2));

        let imported = read(&plan(n, &[], &misspelt)).expect("a valid plan");
        assert_eq!(lines(&imported.warnings), misspelt.map(|i| i as u32 + 2));
        let events = imported
            .document
            .events
            .as_ref()
            .map_or(0, |e| e.value.len());
        assert_eq!(events, n);
    }
}
