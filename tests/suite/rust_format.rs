//! Generated Rust is printed by tracktype's own printer, which mirrors prettyplease so that
//! no parser is needed at build time: every file must be a fixed point of prettyplease (blank
//! lines and `//` comments aside, which prettyplease does not keep).

use tracktype::in_memory;
use tracktype::lang::{Language, Target};

use crate::support::{fixture_plans, root, typewriter_plans};

/// The lines prettyplease keeps: no blank lines, no `//` comments.
fn significant(code: &str) -> Vec<&str> {
    code.lines()
        .filter(|l| {
            let t = l.trim_start();
            let plain_comment =
                t.starts_with("//") && !t.starts_with("///") && !t.starts_with("//!");
            !t.is_empty() && !plain_comment
        })
        .collect()
}

/// Where `code` differs from prettyplease's printing of it, if it does.
pub fn prettyplease_difference(code: &str) -> Option<String> {
    let file = match syn::parse_file(code) {
        Ok(file) => file,
        Err(e) => return Some(format!("does not parse: {e}")),
    };
    let printed = prettyplease::unparse(&file);
    let (ours, theirs) = (significant(code), significant(&printed));
    let at = ours
        .iter()
        .zip(&theirs)
        .position(|(a, b)| a != b)
        .or_else(|| (ours.len() != theirs.len()).then_some(ours.len().min(theirs.len())))?;
    let show = |lines: &[&str]| lines[at.saturating_sub(3)..(at + 4).min(lines.len())].join("\n");
    Some(format!(
        "first difference at significant line {at}:\n--- tracktype\n{}\n--- prettyplease\n{}",
        show(&ours),
        show(&theirs)
    ))
}

fn rust_of(catalog: &tracktype::model::Catalog) -> String {
    let files =
        in_memory::generate_all(catalog, &Target::for_language(Language::Rust)).expect("generates");
    files[0].contents.clone()
}

#[test]
fn the_embedded_catalog_and_every_plan_print_as_prettyplease_prints_them() {
    let mut cases = vec![(
        "embedded catalog".to_owned(),
        tracktype::catalog::embedded().expect("the embedded catalog loads"),
    )];
    let mut plans = fixture_plans();
    plans.push((
        "fidelity",
        root().join("tests/data/plans/fidelity-public-api.json"),
    ));
    plans.extend(typewriter_plans().unwrap_or_default());
    for (name, path) in plans {
        let bytes = std::fs::read(&path).unwrap();
        cases.push((
            name.to_owned(),
            in_memory::load_plan(&bytes).expect("the plan loads"),
        ));
    }
    for (name, catalog) in cases {
        if let Some(difference) = prettyplease_difference(&rust_of(&catalog)) {
            panic!("{name}: {difference}");
        }
    }
}

#[test]
fn long_names_break_where_prettyplease_breaks_them() {
    let text = std::fs::read(root().join("tests/data/rust-format/long-names.yaml")).unwrap();
    let catalog = in_memory::load_catalog(&text).expect("the catalog loads");
    if let Some(difference) = prettyplease_difference(&rust_of(&catalog)) {
        panic!("{difference}");
    }
}
