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
    files[0].contents.to_text()
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

/// What a user of the command line does: generate the module into `src`, run `cargo fmt` over
/// the crate, then check for drift in CI. rustfmt formats files marked `@generated` as any
/// other (turning that off is a nightly-only option), so the module carries a guard that keeps
/// it off; without the guard the same `cargo fmt` rewrites the module and the check fails.
#[test]
fn cargo_fmt_leaves_the_generated_module_alone_and_the_check_passes() {
    use crate::support::{dir_with, require_tool, run_ok, tracktype_in};
    if require_tool("rustfmt", &[], "the cargo fmt round trip").is_none() {
        return;
    }
    let krate = dir_with(&[
        (
            "Cargo.toml",
            "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[workspace]\n",
        ),
        ("src/lib.rs", "pub   mod tracking;\n"),
    ]);
    let gen_args = [
        "gen",
        "--lang",
        "rust",
        "--use-case",
        "mitigate-cart-abandonment",
        "--out",
        "src",
    ];
    let cargo_fmt = || {
        run_ok(
            crate::support::cargo().arg("fmt").current_dir(krate.path()),
            "cargo fmt",
        )
    };
    tracktype_in(Some(krate.path()), &gen_args).success();
    let module = krate.path().join("src/tracking.rs");
    let generated = std::fs::read_to_string(&module).unwrap();
    cargo_fmt();
    assert_eq!(
        std::fs::read_to_string(krate.path().join("src/lib.rs")).unwrap(),
        "pub mod tracking;\n",
        "cargo fmt ran over the crate"
    );
    assert_eq!(std::fs::read_to_string(&module).unwrap(), generated);
    let mut check = gen_args.to_vec();
    check.push("--check");
    tracktype_in(Some(krate.path()), &check).success();

    // The guard is what does it.
    let guard = "#![cfg_attr(rustfmt, rustfmt::skip)]\n";
    assert!(generated.contains(guard));
    std::fs::write(&module, generated.replace(guard, "")).unwrap();
    cargo_fmt();
    let formatted = std::fs::read_to_string(&module).unwrap();
    assert_ne!(
        formatted,
        generated.replace(guard, ""),
        "rustfmt reformats it"
    );
}

/// A build script's module is read with `include!`, which admits no inner attribute, and
/// `OUT_DIR` is never formatted: it goes without the guard.
#[test]
fn a_build_scripts_module_has_no_rustfmt_guard() {
    let out = tempfile::tempdir().unwrap();
    let path = tracktype::Config::new()
        .use_case("mitigate-cart-abandonment")
        .out_dir(out.path())
        .quiet()
        .generate()
        .expect("generates");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(!text.contains("rustfmt"), "{}", &text[..400]);
}
