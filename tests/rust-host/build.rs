//! Generates modules from tracking plans with tracktype's build-script API: our own fixture
//! plans always, and Typewriter's own test plans when `../shared` is beside the repository
//! (always in CI; elsewhere their tests say they were skipped).

use std::path::Path;

fn main() -> Result<(), tracktype::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    println!("cargo:rustc-check-cfg=cfg(typewriter)");
    let mut plans = vec![
        (
            root.join("tests/data/plans/config-api.json"),
            "fixture_config_api.rs",
        ),
        (
            root.join("tests/data/plans/public-api.json"),
            "fixture_public_api.rs",
        ),
    ];
    let typewriter = root.join("../shared/fixtures/typewriter");
    if typewriter.is_dir() {
        println!("cargo:rustc-cfg=typewriter");
        plans.push((
            typewriter.join("plan-config-api-v7.json"),
            "typewriter_v7.rs",
        ));
        plans.push((typewriter.join("plan-v1.json"), "typewriter_v1.rs"));
        plans.push((
            typewriter.join("plan-public-api.json"),
            "typewriter_public_api.rs",
        ));
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("../shared/fixtures/typewriter is missing; CI always has it");
    } else {
        println!("cargo:warning=../shared/fixtures/typewriter not found: the Typewriter plan tests are skipped");
    }
    // The validation corpus's events, which tests/validation.rs runs the corpus through.
    let mut corpus = tracktype::Config::new();
    corpus
        .catalog(root.join("tests/data/validation/catalog.yaml"))
        .file_name("validation.rs");
    for event in [
        "Strings Checked",
        "Formats Checked",
        "Numbers Checked",
        "Arrays Checked",
        "Objects Checked",
    ] {
        corpus.event(event);
    }
    corpus.generate()?;
    for (plan, file) in plans {
        tracktype::Config::new()
            .skip_default_catalog()
            .plan(plan)
            .file_name(file)
            .generate()?;
    }
    Ok(())
}
