//! Stage 3b: per-language view models (every name decided here, in Rust) rendered through the
//! templates. One module per language, each with its own naming component.

/// Joins string pieces into one `String`, allocated once at its size. A generator makes a few
/// of these for each property of each declaration; `format!` starts such a string small and
/// grows it, and its formatting machinery costs more than the copying. (Swift's generating at
/// 1,000 events spent about a quarter of its instructions in `format!`.)
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {{
        let pieces: &[&str] = &[$(::core::convert::AsRef::<str>::as_ref(&$piece)),+];
        let mut joined = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
        for piece in pieces {
            joined.push_str(piece);
        }
        joined
    }};
}

/// `open`'s pieces, then `items` separated by `, `, then `close`, in one `String` allocated at
/// its size: a call's or an attribute's arguments written on one line.
pub(crate) fn one_line_list(open: &[&str], items: &[String], close: &str) -> String {
    let len = open.iter().map(|p| p.len()).sum::<usize>()
        + items.iter().map(|i| i.len() + 2).sum::<usize>()
        + close.len();
    let mut line = String::with_capacity(len);
    open.iter().for_each(|p| line.push_str(p));
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        line.push_str(item);
    }
    line.push_str(close);
    line
}

mod contents;
pub mod rust;
#[cfg(feature = "swift")]
pub mod swift;
#[cfg(feature = "typescript")]
pub mod typescript;
pub mod validation;

pub(crate) mod docs;

use std::fmt;
use std::path::PathBuf;

pub use contents::Contents;

use crate::error::Result;
use crate::layout::Layout;
use crate::model::{Catalog, Event};

/// A target language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    TypeScript,
    Rust,
    Swift,
}

impl Language {
    /// Parses `ts`, `typescript`, `rust` or `swift`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ts" | "typescript" => Some(Language::TypeScript),
            "rust" | "rs" => Some(Language::Rust),
            "swift" => Some(Language::Swift),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::TypeScript => "typescript",
            Language::Rust => "rust",
            Language::Swift => "swift",
        }
    }
}

impl Language {
    fn bit(self) -> u8 {
        match self {
            Language::TypeScript => 1,
            Language::Rust => 2,
            Language::Swift => 4,
        }
    }
}

/// A set of languages, small enough to sit in every diagnostic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Languages(u8);

impl Languages {
    pub fn of(languages: &[Language]) -> Self {
        Self(languages.iter().fold(0, |bits, l| bits | l.bit()))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, language: Language) -> bool {
        self.0 & language.bit() != 0
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which TypeScript Segment SDK the generated tracker sends through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TsSdk {
    /// `@segment/analytics-next` (`AnalyticsBrowser`) or the `window.analytics` snippet.
    #[default]
    AnalyticsNext,
    /// `@segment/analytics-node`'s `Analytics`.
    AnalyticsNode,
}

/// The Swift SDK a package can send through: `--sdk analytics-swift` (see [`Target::Swift`]).
pub const ANALYTICS_SWIFT: &str = "analytics-swift";

impl TsSdk {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "analytics-next" => Some(TsSdk::AnalyticsNext),
            "analytics-node" => Some(TsSdk::AnalyticsNode),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TsSdk::AnalyticsNext => "analytics-next",
            TsSdk::AnalyticsNode => "analytics-node",
        }
    }
}

/// What to generate: a language and its options, or the documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    #[cfg(feature = "typescript")]
    TypeScript {
        sdk: TsSdk,
        /// Whether the generated code validates at run time (`--validate`).
        validate: bool,
    },
    Rust {
        file_name: String,
        /// The module is read with `include!` (a build script's output), which admits no
        /// inner attribute: it goes without the guard that keeps `cargo fmt` off a module
        /// file (`OUT_DIR` is never formatted anyway).
        included: bool,
        validate: bool,
    },
    #[cfg(feature = "swift")]
    Swift {
        module: String,
        sources_only: bool,
        /// `--sdk analytics-swift`: the package depends on analytics-swift and its `Analytics`
        /// is the client, every call carrying tracktype's context. Without it the package
        /// depends on nothing, and the app makes its client conform.
        analytics_swift: bool,
        validate: bool,
    },
    /// The tracking plan's documentation, for people (see [`crate::site`]).
    #[cfg(feature = "docs")]
    Docs { format: crate::site::Format },
}

impl Target {
    /// The target's language; `None` for documentation, which concerns none.
    pub fn language(&self) -> Option<Language> {
        match self {
            #[cfg(feature = "typescript")]
            Target::TypeScript { .. } => Some(Language::TypeScript),
            Target::Rust { .. } => Some(Language::Rust),
            #[cfg(feature = "swift")]
            Target::Swift { .. } => Some(Language::Swift),
            #[cfg(feature = "docs")]
            Target::Docs { .. } => None,
        }
    }

    /// The defaults for a language.
    #[cfg(all(feature = "typescript", feature = "swift"))]
    pub fn for_language(language: Language) -> Self {
        match language {
            Language::TypeScript => Target::TypeScript {
                sdk: TsSdk::default(),
                validate: true,
            },
            Language::Rust => Target::Rust {
                file_name: "tracking.rs".into(),
                included: false,
                validate: true,
            },
            Language::Swift => Target::Swift {
                module: "Tracking".into(),
                sources_only: false,
                analytics_swift: false,
                validate: true,
            },
        }
    }

    /// Whether the generated code validates at run time; documentation never does.
    pub fn validates(&self) -> bool {
        match self {
            #[cfg(feature = "typescript")]
            Target::TypeScript { validate, .. } => *validate,
            Target::Rust { validate, .. } => *validate,
            #[cfg(feature = "swift")]
            Target::Swift { validate, .. } => *validate,
            #[cfg(feature = "docs")]
            Target::Docs { .. } => false,
        }
    }

    /// The same target, validating or not.
    #[must_use]
    pub fn with_validation(mut self, on: bool) -> Self {
        match &mut self {
            #[cfg(feature = "typescript")]
            Target::TypeScript { validate, .. } => *validate = on,
            Target::Rust { validate, .. } => *validate = on,
            #[cfg(feature = "swift")]
            Target::Swift { validate, .. } => *validate = on,
            #[cfg(feature = "docs")]
            Target::Docs { .. } => {}
        }
        self
    }

    /// The options as command-line flags, for generated headers. Validation, on by default,
    /// is not among them: with it off, the output is byte for byte what it was before it
    /// existed.
    pub fn describe(&self) -> String {
        match self {
            #[cfg(feature = "typescript")]
            Target::TypeScript { sdk, .. } => format!("--lang ts --sdk {}", sdk.name()),
            Target::Rust { file_name, .. } if file_name == "tracking.rs" => "--lang rust".into(),
            Target::Rust { file_name, .. } => format!("--lang rust --file-name {file_name}"),
            #[cfg(feature = "swift")]
            Target::Swift {
                module,
                sources_only,
                analytics_swift,
                ..
            } => {
                let mut s = "--lang swift".to_owned();
                if *analytics_swift {
                    s.push_str(&format!(" --sdk {ANALYTICS_SWIFT}"));
                }
                if module != "Tracking" {
                    s.push_str(&format!(" --module {module}"));
                }
                if *sources_only {
                    s.push_str(" --sources-only");
                }
                s
            }
            #[cfg(feature = "docs")]
            Target::Docs { format } => format!("docs --format {}", format.name()),
        }
    }
}

/// One generated file, its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: Contents,
}

/// What a generator gets: the catalog, the selected events in order, and the selection as
/// canonical flags (for headers).
pub struct Request<'a> {
    pub catalog: &'a Catalog,
    pub events: Vec<&'a Event>,
    pub selection: String,
}

/// The identifiers one selected event gets in a language, for tests that drive generated code.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventIdentifiers {
    /// The exact event name.
    pub wire: String,
    /// The event's properties type.
    pub ty: String,
    /// The tracker (Rust, TypeScript) or client (Swift) method.
    pub method: String,
}

/// What a language names: each event's type and method, in event order, and the identify and
/// group traits' types (`None` when the call takes any traits).
#[cfg(all(feature = "typescript", feature = "swift"))]
pub(crate) struct Identifiers {
    pub(crate) events: Vec<(String, String)>,
    pub(crate) traits: [Option<String>; 2],
}

#[cfg(all(feature = "typescript", feature = "swift"))]
impl Identifiers {
    /// From one language's names: `ty` names a declaration, `methods` are the tracker's
    /// methods in event order.
    pub(crate) fn of<'n>(
        layout: &Layout<'_>,
        ty: impl Fn(crate::layout::DeclId) -> &'n str,
        methods: &[String],
    ) -> Self {
        Self {
            events: (layout.events.iter().zip(methods))
                .map(|(e, method)| (ty(e.decl).to_owned(), method.clone()))
                .collect(),
            traits: crate::model::TraitsCall::ALL
                .map(|c| layout.traits_decl(c).map(|id| ty(id).to_owned())),
        }
    }
}

#[cfg(all(feature = "typescript", feature = "swift"))]
fn identifiers(layout: &Layout<'_>, language: Language) -> Identifiers {
    match language {
        Language::TypeScript => typescript::identifiers(layout),
        Language::Rust => rust::identifiers(layout),
        Language::Swift => swift::identifiers(layout),
    }
}

/// The types of the identify and group traits in `language`, in [`TraitsCall::ALL`] order:
/// `None` where the call takes any traits.
#[doc(hidden)]
#[cfg(all(feature = "typescript", feature = "swift"))]
pub fn traits_types(request: &Request<'_>, language: Language) -> [Option<String>; 2] {
    identifiers(&Layout::new(request.catalog, &request.events), language).traits
}

/// Each selected event's identifiers in `language`, in event order.
#[doc(hidden)]
#[cfg(all(feature = "typescript", feature = "swift"))]
pub fn event_identifiers(request: &Request<'_>, language: Language) -> Vec<EventIdentifiers> {
    let layout = Layout::new(request.catalog, &request.events);
    let names = identifiers(&layout, language).events;
    layout
        .events
        .iter()
        .zip(names)
        .map(|(e, (ty, method))| EventIdentifiers {
            wire: e.event.name.clone(),
            ty,
            method,
        })
        .collect()
}

/// Generates the files of one target.
pub fn generate(request: &Request<'_>, target: &Target) -> Result<Vec<GeneratedFile>> {
    let layout = Layout::new(request.catalog, &request.events);
    let header = crate::writer::header(&request.selection, &target.describe());
    match target {
        #[cfg(feature = "typescript")]
        Target::TypeScript { sdk, validate } => {
            typescript::generate(&layout, *sdk, *validate, &header)
        }
        Target::Rust {
            file_name,
            included,
            validate,
        } => rust::generate(&layout, file_name, *validate, !included, &header),
        #[cfg(feature = "swift")]
        Target::Swift {
            module,
            sources_only,
            analytics_swift,
            validate,
        } => swift::generate(
            &layout,
            module,
            swift::Options {
                sources_only: *sources_only,
                analytics_swift: *analytics_swift,
                validate: *validate,
            },
            &header,
        ),
        #[cfg(feature = "docs")]
        Target::Docs { format } => crate::site::generate(request, *format, &header),
    }
}
