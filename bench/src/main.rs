//! Writes a synthetic Segment Public-API tracking plan to standard output, pretty-printed as
//! Typewriter's `plan.json` files are, or on one line (`--compact`) as the API answers:
//!
//! ```sh
//! cargo run --release -p tracktype-bench --bin make-plan -- 10000 > plan-10k.json
//! cargo run --release -p tracktype-bench --bin make-plan -- --compact 100000 > plan-100k.json
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let compact = args.first().is_some_and(|a| a == "--compact");
    if compact {
        args.remove(0);
    }
    let events = match args.as_slice() {
        [] => 1000,
        [n] => match n.parse::<usize>() {
            Ok(n) => n,
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    let text = if compact {
        tracktype_bench::compact_plan_text(events)
    } else {
        tracktype_bench::plan_text(events)
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make-plan: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: make-plan [--compact] [EVENTS]   (a number of events, 1000 by default)");
    ExitCode::from(2)
}
