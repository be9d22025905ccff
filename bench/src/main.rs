//! Writes a synthetic Segment Public-API tracking plan to standard output:
//!
//! ```sh
//! cargo run --release -p tracktype-bench --bin make-plan -- 10000 > plan-10k.json
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let events = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        Some(Ok(n)) => n,
        None => 1000,
        Some(Err(_)) => {
            eprintln!("usage: make-plan [EVENTS]   (a number of events, 1000 by default)");
            return ExitCode::from(2);
        }
    };
    let text = tracktype_bench::plan_text(events);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make-plan: {e}");
            ExitCode::FAILURE
        }
    }
}
