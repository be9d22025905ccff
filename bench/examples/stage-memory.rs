//! The heap each stage of the pipeline holds, counted by a global allocator: what is live after
//! loading a plan and after generating a language, and the most held during each stage. This
//! is what says which stage a process's peak memory comes from (`/usr/bin/time` only gives the
//! whole process's, allocator overheads included).
//!
//! ```sh
//! cargo run --release -p tracktype-bench --bin make-plan -- --compact 10000 > plan-10k.json
//! cargo run --release -p tracktype-bench --example stage-memory -- plan-10k.json rust
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use tracktype::in_memory;
use tracktype::lang::{Language, Target};

/// The system allocator, counting the bytes live and the most live since the last look.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counting is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's guarantees are the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Prints a stage's figures and starts counting the next stage's peak from what is live now.
fn report(stage: &str, started: Instant) {
    let live = LIVE.load(Relaxed);
    let peak = PEAK.swap(live, Relaxed);
    println!(
        "{stage:<10} {:>8.2} s   live after {:>6} MiB   peak during {:>6} MiB",
        started.elapsed().as_secs_f64(),
        live >> 20,
        peak >> 20
    );
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("stage-memory: {message}");
            ExitCode::from(code)
        }
    }
}

/// Each stage in turn; an error is its exit code and message: 2 for what was asked, 1 for a
/// generation that failed.
fn run() -> Result<(), (u8, String)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [plan, language] = args.as_slice() else {
        return Err((2, "usage: stage-memory PLAN.json ts|rust|swift".into()));
    };
    let target = match Language::parse(language) {
        Some(language) => Target::for_language(language),
        None => return Err((2, format!("`{language}` is not ts, rust or swift"))),
    };
    let started = Instant::now();
    let text = std::fs::read(plan).map_err(|e| (2, format!("cannot read {plan}: {e}")))?;
    report("read", started);
    let started = Instant::now();
    let catalog = in_memory::load_plan(&text);
    drop(text);
    let catalog = catalog.map_err(|e| (2, e.to_string()))?;
    report("load", started);
    let started = Instant::now();
    let files = in_memory::generate_all(&catalog, &target).map_err(|e| (1, e.to_string()))?;
    report("generate", started);
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    println!("{} files, {} MiB", files.len(), bytes >> 20);
    Ok(())
}
