//! Random valid catalogs must generate code that compiles in all three languages and sends
//! exactly the payloads it is given.
//!
//! Each run generates a fixed, seeded set of catalogs (see [`Plan`]); every case goes through
//! the library in process (load, generate every target twice, same bytes), then each language
//! compiles all cases in one batch and runs a driver that reads a sample payload into each
//! event's type, sends it through the tracker, and compares what was sent with the sample: the
//! wire names survive, or the case fails. A failing case is shrunk to a minimal catalog, which
//! the failure message shows.
//!
//! Soak run: `TRACKTYPE_SOAK=200 cargo test --test suite random_catalogs -- --nocapture`
//! (200 compiled cases per language, 2000 in process, a new seed each run; the seed is printed,
//! and `TRACKTYPE_SEED=<seed>` replays it).

mod fixtures;
mod model;
mod rust;
mod swift;
mod typescript;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use tracktype::in_memory;
use tracktype::lang::{EventIdentifiers, GeneratedFile, Language, Target, TsSdk};

use model::Catalog;

/// How many cases, from which seed.
struct Plan {
    compiled: usize,
    in_process: usize,
    seed: u64,
}

impl Plan {
    fn from_env() -> Self {
        let soak = std::env::var("TRACKTYPE_SOAK")
            .ok()
            .and_then(|v| v.parse::<usize>().ok());
        let seed = std::env::var("TRACKTYPE_SEED")
            .ok()
            .and_then(|v| v.parse::<u64>().ok());
        match soak {
            Some(n) => {
                // One seed per process: every test, and the shrinking, see the same cases.
                static SOAK_SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
                let seed = *SOAK_SEED.get_or_init(|| {
                    let seed = seed.unwrap_or_else(|| {
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(1, |d| d.as_nanos() as u64)
                    });
                    eprintln!("random catalogs: soak run, {n} cases, TRACKTYPE_SEED={seed}");
                    seed
                });
                Plan {
                    compiled: n,
                    in_process: n * 10,
                    seed,
                }
            }
            None => Plan {
                compiled: 16,
                in_process: 300,
                seed: seed.unwrap_or(0x7472_6163_6b74_7970),
            },
        }
    }

    fn runner(&self) -> TestRunner {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&self.seed.to_le_bytes());
        TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
        )
    }

    fn trees(&self, n: usize) -> Vec<impl ValueTree<Value = Catalog>> {
        let mut runner = self.runner();
        let strategy = model::catalog();
        (0..n)
            .map(|_| strategy.new_tree(&mut runner).expect("a catalog"))
            .collect()
    }
}

/// One random catalog, through the library: its files per target, its identifiers per
/// language, a sample payload per event and traits for identify and group.
pub struct Case {
    pub files: Vec<(Target, Vec<GeneratedFile>)>,
    pub events: Vec<CaseEvent>,
    pub traits: Vec<CaseTraits>,
}

pub struct CaseEvent {
    pub wire: String,
    pub has_properties: bool,
    pub sample: Value,
    /// What sending the sample must send.
    pub sent: Sent,
    pub rust: EventIdentifiers,
    pub typescript: EventIdentifiers,
    pub swift: EventIdentifiers,
}

/// An identify or group call with a sample of its traits, and the traits' type in each
/// language (`None` where any traits go).
pub struct CaseTraits {
    /// `identify` or `group`.
    pub call: &'static str,
    pub sample: Value,
    pub rust: Option<String>,
    pub typescript: Option<String>,
    pub swift: Option<String>,
}

/// What an event's call sends, before any SDK adds to it: the call, its name and category,
/// and its properties.
pub struct Sent {
    /// `track`, `page` or `screen`.
    pub call: &'static str,
    /// The call's name: the event's for a track call, and for a page or screen call the name
    /// property's value (`None` when absent or null), or the event's name without one.
    pub name: Option<String>,
    pub category: Option<String>,
    /// The event's name.
    pub wire: String,
    pub properties: Value,
}

impl Sent {
    /// Sending `sample` of event `wire`, whose call is `call` with these name and category
    /// properties.
    pub fn of(
        wire: &str,
        call: &'static str,
        name: Option<&str>,
        category: Option<&str>,
        sample: &Value,
    ) -> Self {
        let mut properties = sample.clone();
        let mut take = |field: Option<&str>| -> Option<String> {
            let value = properties.as_object_mut()?.remove(field?)?;
            value.as_str().map(str::to_owned)
        };
        let (taken_name, category) = (take(name), take(category));
        Sent {
            call,
            name: if name.is_some() {
                taken_name
            } else {
                Some(wire.to_owned())
            },
            category,
            wire: wire.to_owned(),
            properties,
        }
    }
}

/// The traits of each call, in `TraitsCall::ALL` order, with their types in each language.
fn case_traits(types: [[Option<String>; 2]; 3], samples: [Value; 2]) -> Vec<CaseTraits> {
    let [rust, typescript, swift] = types;
    ["identify", "group"]
        .into_iter()
        .zip(samples)
        .enumerate()
        .map(|(i, (call, sample))| CaseTraits {
            call,
            sample,
            rust: rust[i].clone(),
            typescript: typescript[i].clone(),
            swift: swift[i].clone(),
        })
        .collect()
}

/// The traits' types of a loaded catalog, in Rust, TypeScript and Swift.
fn traits_types(catalog: &tracktype::model::Catalog) -> Result<[[Option<String>; 2]; 3], String> {
    let of = |language| {
        in_memory::traits_types(catalog, language)
            .map_err(|e| format!("no traits types for {language:?}: {e}"))
    };
    Ok([
        of(Language::Rust)?,
        of(Language::TypeScript)?,
        of(Language::Swift)?,
    ])
}

impl Case {
    pub fn files(&self, wanted: &Target) -> &[GeneratedFile] {
        self.files
            .iter()
            .find(|(t, _)| t == wanted)
            .map(|(_, f)| f.as_slice())
            .expect("generated for every target")
    }
}

/// The Swift module of case `i` (a name no random type can take).
pub fn swift_module(i: usize) -> String {
    format!("TracktypeRandomCase{i}")
}

fn targets(i: usize) -> Vec<Target> {
    vec![
        Target::TypeScript {
            sdk: TsSdk::AnalyticsNext,
            validate: true,
        },
        Target::TypeScript {
            sdk: TsSdk::AnalyticsNode,
            validate: true,
        },
        Target::for_language(Language::Rust),
        Target::Swift {
            module: swift_module(i),
            sources_only: true,
            analytics_swift: false,
            validate: true,
        },
    ]
}

/// Runs the library on a catalog: it loads, every target generates, twice the same bytes.
fn prepare(i: usize, catalog: Catalog) -> Result<Case, String> {
    let yaml = catalog.to_yaml();
    let loaded = in_memory::load_catalog(yaml.as_bytes())
        .map_err(|e| format!("the catalog does not load:\n{e}"))?;
    let mut files = Vec::new();
    for target in targets(i) {
        let first = in_memory::generate_all(&loaded, &target)
            .map_err(|e| format!("{target:?} does not generate:\n{e}"))?;
        let again = in_memory::generate_all(&loaded, &target)
            .map_err(|e| format!("{target:?} does not generate twice:\n{e}"))?;
        if first != again {
            return Err(format!("{target:?}: two runs generate different bytes"));
        }
        if matches!(target, Target::Rust { .. })
            && let Some(difference) =
                crate::rust_format::prettyplease_difference(&first[0].contents.to_text())
        {
            return Err(format!(
                "the Rust is not as prettyplease prints it: {difference}"
            ));
        }
        files.push((target, first));
    }
    let ids = |language| {
        in_memory::event_identifiers(&loaded, language)
            .map_err(|e| format!("no identifiers for {language:?}: {e}"))
    };
    let (rust, typescript, swift) = (
        ids(Language::Rust)?,
        ids(Language::TypeScript)?,
        ids(Language::Swift)?,
    );
    let mut sampler = model::Sampler::new(&catalog);
    let mut events = Vec::new();
    for ((r, t), s) in rust.into_iter().zip(typescript).zip(swift) {
        let event = catalog
            .events
            .iter()
            .find(|e| e.name == r.wire)
            .ok_or_else(|| format!("generated an event the catalog lacks: {:?}", r.wire))?;
        let sample = sampler.event(event);
        let fields = event.call.fields();
        events.push(CaseEvent {
            sent: Sent::of(
                &r.wire,
                event.call.word(),
                fields.and_then(|f| f.name.as_deref()),
                fields.and_then(|f| f.category.as_deref()),
                &sample,
            ),
            wire: r.wire.clone(),
            has_properties: !event.props.is_empty(),
            sample,
            rust: r,
            typescript: t,
            swift: s,
        });
    }
    if events.len() != catalog.events.len() {
        return Err("not every event was generated".into());
    }
    let samples = [
        sampler.traits(catalog.identify.as_ref()),
        sampler.traits(catalog.group.as_ref()),
    ];
    let traits = case_traits(traits_types(&loaded)?, samples);
    Ok(Case {
        files,
        events,
        traits,
    })
}

/// Shrinks a failing catalog while `fails` holds, within `budget` attempts.
fn shrink<T: ValueTree<Value = Catalog>>(
    tree: &mut T,
    budget: usize,
    mut fails: impl FnMut(Catalog) -> Option<String>,
    mut failure: String,
) -> (Catalog, String) {
    let mut attempts = 0;
    while attempts < budget && tree.simplify() {
        attempts += 1;
        match fails(tree.current()) {
            Some(message) => failure = message,
            None => {
                if !tree.complicate() {
                    break;
                }
            }
        }
    }
    (tree.current(), failure)
}

fn report(what: &str, catalog: &Catalog, failure: &str) -> String {
    format!(
        "{what}\n\nminimal catalog (shrunk):\n{}\n\nfailure:\n{failure}",
        catalog.to_yaml()
    )
}

/// The random cases every language compiles, each already through the library, the first
/// at index `first`.
fn compiled_cases(first: usize) -> Vec<Case> {
    let plan = Plan::from_env();
    plan.trees(plan.compiled)
        .into_iter()
        .enumerate()
        .map(|(k, tree)| (first + k, tree.current(), tree))
        .map(|(i, current, mut tree)| match prepare(i, current) {
            Ok(case) => case,
            Err(e) => {
                let (catalog, failure) = shrink(&mut tree, 500, |c| prepare(i, c).err(), e);
                panic!(
                    "{}",
                    report("a random catalog fails in the library", &catalog, &failure)
                )
            }
        })
        .collect()
}

/// A language's batch: compiles and runs every case; on failure, names the failing cases.
pub type Batch = fn(&[Case]) -> Result<(), BatchFailure>;

pub struct BatchFailure {
    /// Cases the failure could be traced to (all of them when it could not).
    pub cases: Vec<usize>,
    pub output: String,
}

/// Runs a language's batch over the fixture plans and every random case; a failing random
/// case is shrunk by rerunning the batch on it alone.
fn check_language(name: &str, batch: Batch) {
    let mut cases = fixtures::cases(0);
    let fixtures = cases.len();
    cases.extend(compiled_cases(fixtures));
    let Err(failure) = batch(&cases) else {
        return;
    };
    if failure.cases.iter().any(|&i| i < fixtures) {
        panic!(
            "{name}: fixture plans fail (cases {:?} of {:?}):\n{}",
            failure.cases,
            fixtures::PLANS,
            failure.output
        );
    }
    let plan = Plan::from_env();
    let first = failure.cases.first().copied().unwrap_or(fixtures) - fixtures;
    let mut tree = plan
        .trees(first + 1)
        .pop()
        .expect("the failing case's tree");
    let (catalog, output) = shrink(
        &mut tree,
        // Each attempt is a compilation: enough to drop most of a catalog, not to polish it.
        20,
        |c| {
            // Alone in its batch, the case is case 0.
            let case = prepare(0, c).ok()?;
            batch(std::slice::from_ref(&case)).err().map(|f| f.output)
        },
        failure.output,
    );
    panic!(
        "{}",
        report(
            &format!(
                "{name}: random catalogs fail (cases {:?}); shrunk from case {first}",
                failure.cases
            ),
            &catalog,
            &output
        )
    );
}

#[test]
fn random_catalogs_load_and_generate_the_same_bytes_every_time() {
    let plan = Plan::from_env();
    for (i, mut tree) in plan.trees(plan.in_process).into_iter().enumerate() {
        if let Err(e) = prepare(i, tree.current()) {
            let (catalog, failure) = shrink(&mut tree, 500, |c| prepare(i, c).err(), e);
            panic!(
                "{}",
                report("a random catalog fails in the library", &catalog, &failure)
            );
        }
    }
}

#[test]
fn random_catalogs_compile_in_rust_and_keep_wire_names() {
    check_language("Rust", rust::batch);
}

#[test]
fn random_catalogs_compile_in_typescript_and_keep_wire_names() {
    if typescript::available() {
        check_language("TypeScript", typescript::batch);
    }
}

#[test]
fn random_catalogs_compile_in_swift_6_and_keep_wire_names() {
    if swift::available() {
        check_language("Swift", swift::batch);
    }
}

/// The cases a compiler's or driver's output mentions, or all of them when it mentions none.
pub fn cases_mentioned(count: usize, mentioned: impl Fn(usize) -> bool) -> Vec<usize> {
    let found: Vec<usize> = (0..count).filter(|&i| mentioned(i)).collect();
    if found.is_empty() {
        (0..count).collect()
    } else {
        found
    }
}

/// A raw string literal delimiter count that `text` cannot end early.
pub fn hashes_for(text: &str, quote: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("{quote}{hashes}")) || text.contains(&format!("\\{hashes}")) {
        hashes.push('#');
    }
    hashes
}
