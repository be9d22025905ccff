//! The templates, embedded in the binary, and rendering them. Templates only interpolate: every
//! name, type and line break is decided in Rust before they see it.
//!
//! Two engines render them, to the same bytes: tera, for the templates rendered once per
//! file, and [`subset`], compiled from a subset of tera's syntax, for the Rust template (so
//! that a build script compiles no tera) and the templates rendered once per declaration
//! (which read their views in place, [`mod@view`], instead of copying them into tera's context).

mod subset;
mod view;

use std::sync::OnceLock;

use serde::Serialize;
#[cfg(any(feature = "typescript", feature = "swift", feature = "docs"))]
use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::lang::Contents;
use subset::Template;
#[cfg(any(feature = "typescript", feature = "swift"))]
pub(crate) use view::{Field, Value, View, view};

/// `(name, text)` for each template, the text read from `templates/<name>.tera`.
macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name, ".tera")))),*]
    };
}

/// Every template, by name. A test renders each of them.
pub const TEMPLATES: &[(&str, &str)] = templates![
    "typescript/index.ts",
    "typescript/interface.ts",
    "typescript/tracker-analytics-next.ts",
    "typescript/tracker-analytics-node.ts",
    "typescript/validate.ts",
    "rust/module.rs",
    "swift/package.swift",
    "swift/client.swift",
    "swift/analytics-client.swift",
    "swift/struct.swift",
    "swift/enum.swift",
    "swift/union.swift",
    "swift/tuple.swift",
    "swift/json-key.swift",
    "swift/alias.swift",
    "swift/json-value.swift",
    "swift/nullable.swift",
    "swift/validation.swift",
    "site/page.md",
    "site/page.html",
    "site/search.html",
    "site/search.js",
    "site/style.css",
];

/// The templates rendered by [`subset`], not by tera: the Rust template, so that a build
/// script (which generates Rust only) compiles no tera (see the `typescript`, `swift` and
/// `docs` features), and the templates rendered once per declaration, which read their views
/// in place ([`render_view`]).
const BY_SUBSET: &[&str] = &[
    "rust/module.rs",
    "typescript/interface.ts",
    "swift/struct.swift",
    "swift/enum.swift",
    "swift/union.swift",
    "swift/tuple.swift",
    "swift/alias.swift",
];

/// Renders the template `name` with `view` as its context.
pub fn render(name: &str, view: &impl Serialize) -> Result<String> {
    crate::work::rendered(name);
    if BY_SUBSET.contains(&name) {
        return subset::render(compiled(name)?, view);
    }
    render_with_tera(name, view)
}

/// Renders the template `name`, one of [`BY_SUBSET`], reading `view` where it is.
///
/// In the crate's unit tests tera renders it too, from the view serialized, and the two must
/// agree byte for byte: each declaration those tests generate checks the subset against tera.
#[cfg(any(feature = "typescript", feature = "swift"))]
pub fn render_view<V: View + Serialize>(name: &str, view: &V) -> Result<String> {
    crate::work::rendered(name);
    let template = compiled(name)?;
    // A declaration's lines are about as long again as the template's own text.
    let mut out = String::with_capacity(2 * template.text_len);
    template.render_into(view, &mut out)?;
    #[cfg(test)]
    assert!(
        out == render_with_tera(name, view)?,
        "the subset renders {name} otherwise than tera"
    );
    Ok(out)
}

/// The template `name` of [`BY_SUBSET`], compiled the first time one is asked for.
fn compiled(name: &str) -> Result<&'static Template<'static>> {
    type Compiled = Vec<(&'static str, std::result::Result<Template<'static>, String>)>;
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        TEMPLATES
            .iter()
            .filter(|(name, _)| BY_SUBSET.contains(name))
            .map(|&(name, text)| {
                (
                    name,
                    Template::compile(name, text).map_err(|e| match e {
                        Error::Internal(what) => what,
                        other => other.to_string(),
                    }),
                )
            })
            .collect()
    });
    match all.iter().find(|(n, _)| *n == name) {
        Some((_, Ok(template))) => Ok(template),
        Some((_, Err(e))) => Err(Error::Internal(e.clone())),
        None => Err(Error::Internal(format!(
            "no template {name} rendered without tera"
        ))),
    }
}

#[cfg(any(feature = "typescript", feature = "swift", feature = "docs"))]
fn render_with_tera(name: &str, view: &impl Serialize) -> Result<String> {
    let context = Context::from_serialize(view)
        .map_err(|e| Error::Internal(format!("view of {name} is not a map: {e}")))?;
    engine()?
        .render(name, &context)
        .map_err(|e| Error::Internal(format!("template {name} failed: {e:?}")))
}

#[cfg(not(any(feature = "typescript", feature = "swift", feature = "docs")))]
fn render_with_tera(name: &str, _: &impl Serialize) -> Result<String> {
    Err(Error::Internal(format!(
        "template {name} needs tera, which this build (no TypeScript, Swift or docs) leaves out"
    )))
}

#[cfg(any(feature = "typescript", feature = "swift", feature = "docs"))]
fn engine() -> Result<&'static Tera> {
    static ENGINE: OnceLock<std::result::Result<Tera, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| tera(TEMPLATES.iter().copied()).map_err(|e| format!("{e:?}")))
        .as_ref()
        .map_err(|e| Error::Internal(format!("templates do not compile: {e}")))
}

/// A tera with `templates`, escaping nothing. The subset's tests render with it too.
#[cfg(any(feature = "typescript", feature = "swift", feature = "docs"))]
fn tera<'t>(templates: impl IntoIterator<Item = (&'t str, &'t str)>) -> tera::TeraResult<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.add_raw_templates(templates)?;
    Ok(tera)
}

/// What a view puts where [`Shell::fill`] inserts its parts.
pub const SPLICE: &str = "\u{1}tracktype:splice\u{1}";

/// A rendered template with a place ([`SPLICE`]) for the parts of a file made after it.
///
/// A plan's declarations are most of a generated file: handed to tera they would be copied into
/// its context and copied again into an output that grows by doubling. Spliced, they are never
/// copied: each is a piece of the file's [`Contents`]. And the shell, validation rules and all,
/// is rendered before they are made, so that the two are never being built at once.
pub struct Shell {
    head: String,
    tail: String,
}

/// Renders `name`, whose view said [`SPLICE`] where its parts go.
pub fn render_shell(name: &str, view: &impl Serialize) -> Result<Shell> {
    let text = render(name, view)?;
    let (head, tail) = text
        .split_once(SPLICE)
        .ok_or_else(|| Error::Internal(format!("template {name} has no place for its parts")))?;
    Ok(Shell {
        head: head.to_owned(),
        tail: tail.to_owned(),
    })
}

impl Shell {
    /// The file: the shell with `parts` in its place.
    pub fn fill(self, parts: impl IntoIterator<Item = Contents>) -> Contents {
        let mut out = Contents::from(self.head);
        parts.into_iter().for_each(|p| out.append(p));
        out.push(self.tail);
        out
    }
}

// Every template is rendered by the generators of every feature.
#[cfg(all(test, feature = "cli"))]
mod tests {
    use crate::lang::{Target, TsSdk};
    use crate::{Selection, Sources};

    #[test]
    fn every_template_is_rendered_by_some_target() {
        let targets = [
            Target::TypeScript {
                sdk: TsSdk::AnalyticsNext,
                validate: true,
            },
            Target::TypeScript {
                sdk: TsSdk::AnalyticsNode,
                validate: true,
            },
            Target::Rust {
                file_name: "tracking.rs".into(),
                included: false,
                validate: true,
            },
            Target::Swift {
                module: "Tracking".into(),
                sources_only: false,
                analytics_swift: true,
                validate: true,
            },
            Target::Docs {
                format: crate::site::Format::Markdown,
            },
            Target::Docs {
                format: crate::site::Format::Html,
            },
        ];
        // The acme example catalog adds enums, unions and every other construct.
        let acme = Sources {
            catalogs: vec![
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("generated-examples/catalogs/acme.yaml"),
            ],
            ..Sources::default()
        };
        // The fidelity fixture plan adds tuples, unions of objects and typed other keys.
        let fidelity = Sources {
            plans: vec![
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/data/plans/fidelity-public-api.json"),
            ],
            ..Sources::default()
        };
        for target in &targets {
            crate::generate(&acme, &Selection::all(), target).unwrap();
            crate::generate(&fidelity, &Selection::all(), target).unwrap();
        }
        let rendered = crate::work::templates();
        for (name, _) in super::TEMPLATES {
            assert!(
                rendered.contains(*name),
                "template {name} is never rendered"
            );
        }
    }
}
