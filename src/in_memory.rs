//! The pipeline on bytes instead of files, for fuzzing and property tests: no disk, no
//! process, every stage the command line runs. Not a stable API.

use crate::diagnostic::Diagnostics;
use crate::error::Result;
use crate::lang::{self, EventIdentifiers, GeneratedFile, Language, Target, TsSdk};
use crate::model::Catalog;
use crate::select::Selection;
use crate::{catalog, yaml};

/// One catalog file, without the embedded catalog.
pub fn load_catalog(bytes: &[u8]) -> Result<Catalog> {
    let file = yaml::source_from_bytes("catalog.yaml", bytes.to_vec())?;
    catalog::assemble(false, &[], &[file], Diagnostics::default()).map(|(c, _)| c)
}

/// One tracking plan (JSON, either format), imported as a catalog of its own.
pub fn load_plan(bytes: &[u8]) -> Result<Catalog> {
    let file = yaml::source_from_bytes("plan.json", bytes.to_vec())?;
    catalog::assemble(false, &[file], &[], Diagnostics::default()).map(|(c, _)| c)
}

/// Every target tracktype generates: each language, each option that changes the output.
pub fn all_targets() -> Vec<Target> {
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
        Target::for_language(Language::Swift),
        Target::Swift {
            module: "Tracking".into(),
            sources_only: true,
            validate: true,
        },
    ]
}

/// Every event of `catalog`, generated for `target`.
pub fn generate_all(catalog: &Catalog, target: &Target) -> Result<Vec<GeneratedFile>> {
    let selection = Selection::all();
    let events = selection.resolve(catalog)?;
    let request = lang::Request {
        catalog,
        events,
        selection: selection.describe(),
    };
    lang::generate(&request, target)
}

/// Each event's identifiers in `language`, as [`generate_all`] names them.
pub fn event_identifiers(catalog: &Catalog, language: Language) -> Result<Vec<EventIdentifiers>> {
    let selection = Selection::all();
    let events = selection.resolve(catalog)?;
    let request = lang::Request {
        catalog,
        events,
        selection: selection.describe(),
    };
    Ok(lang::event_identifiers(&request, language))
}

/// The identify and group traits' types in `language`, as [`generate_all`] names them: `None`
/// where the call takes any traits.
pub fn traits_types(catalog: &Catalog, language: Language) -> Result<[Option<String>; 2]> {
    let selection = Selection::all();
    let request = lang::Request {
        catalog,
        events: selection.resolve(catalog)?,
        selection: selection.describe(),
    };
    Ok(lang::traits_types(&request, language))
}

/// The whole pipeline up to rendered text: one catalog file → every target's files.
pub fn pipeline(bytes: &[u8]) -> Result<Vec<GeneratedFile>> {
    let catalog = load_catalog(bytes)?;
    let mut files = Vec::new();
    for target in all_targets() {
        files.extend(generate_all(&catalog, &target)?);
    }
    Ok(files)
}
