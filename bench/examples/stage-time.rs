//! The wall time of each stage of one run, in the command's conditions (its allocator, set up
//! as its `main` does): loading a plan, and generating a language from it. The whole
//! process's time (`bench/scale.sh`) does not say which stage moved; pair two builds of this
//! (A B A B…) to see it.
//!
//! ```sh
//! cargo run --release -p tracktype-bench --bin make-plan -- --compact 10000 > plan-10k.json
//! cargo run --release -p tracktype-bench --example stage-time -- plan-10k.json ts
//! cargo run --release -p tracktype-bench --example stage-time -- plan-10k.json load
//! ```
//!
//! The language `load` stops after loading.

use std::process::ExitCode;
use std::time::Instant;

use tracktype::in_memory;
use tracktype::lang::{Language, Target};

// The command's own allocator and its settings.
#[path = "../../src/process.rs"]
mod process;

fn main() -> ExitCode {
    process::tune();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [plan, language] = args.as_slice() else {
        eprintln!("usage: stage-time PLAN.json ts|rust|swift|load");
        return ExitCode::from(2);
    };
    let target = match language.as_str() {
        "load" => None,
        other => match Language::parse(other) {
            Some(language) => Some(Target::for_language(language)),
            None => {
                eprintln!("unknown language `{other}`: ts, rust, swift or load");
                return ExitCode::from(2);
            }
        },
    };
    let started = Instant::now();
    let catalog = match std::fs::read(plan)
        .map_err(|e| e.to_string())
        .and_then(|text| in_memory::load_plan(&text).map_err(|e| e.to_string()))
    {
        Ok(catalog) => catalog,
        Err(e) => {
            eprintln!("{plan}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("load      {:7.3} s", started.elapsed().as_secs_f64());
    let Some(target) = target else {
        return ExitCode::SUCCESS;
    };
    let started = Instant::now();
    match in_memory::generate_all(&catalog, &target) {
        Ok(_) => {
            println!("generate  {:7.3} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
