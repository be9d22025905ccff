//! Each stage of the pipeline on synthetic plans of 100 and 1,000 events, so that a
//! regression shows in the stage it is in:
//!
//! ```sh
//! cargo bench -p tracktype-criterion --bench stages
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tracktype::in_memory;
use tracktype::lang::{Language, Target};

const SIZES: [usize; 2] = [100, 1_000];

fn targets() -> [(&'static str, Target); 3] {
    [
        ("typescript", Target::for_language(Language::TypeScript)),
        ("rust", Target::for_language(Language::Rust)),
        ("swift", Target::for_language(Language::Swift)),
    ]
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for events in SIZES {
        let text = tracktype_bench::plan_text(events);
        group.throughput(Throughput::Elements(events as u64));
        group.bench_with_input(BenchmarkId::from_parameter(events), &text, |b, text| {
            b.iter(|| in_memory::load_plan(black_box(text.as_bytes())).expect("loads"))
        });
    }
    group.finish();
}

fn generate(c: &mut Criterion) {
    for (name, target) in targets() {
        let mut group = c.benchmark_group(format!("generate/{name}"));
        group.sample_size(10);
        for events in SIZES {
            let catalog =
                in_memory::load_plan(tracktype_bench::plan_text(events).as_bytes()).expect("loads");
            group.throughput(Throughput::Elements(events as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(events),
                &catalog,
                |b, catalog| {
                    b.iter(|| {
                        in_memory::generate_all(black_box(catalog), &target).expect("generates")
                    })
                },
            );
        }
        group.finish();
    }
}

fn write(c: &mut Criterion) {
    let mut group = c.benchmark_group("write");
    group.sample_size(10);
    for events in SIZES {
        let catalog =
            in_memory::load_plan(tracktype_bench::plan_text(events).as_bytes()).expect("loads");
        let files = in_memory::generate_all(&catalog, &Target::for_language(Language::Swift))
            .expect("generates");
        let dir = std::env::temp_dir().join(format!("tracktype-bench-write-{events}"));
        group.throughput(Throughput::Elements(events as u64));
        // Unchanged files are not rewritten: this is the cost of regenerating in CI.
        tracktype::writer::write(&dir, &files).expect("writes");
        group.bench_with_input(BenchmarkId::new("unchanged", events), &files, |b, files| {
            b.iter(|| tracktype::writer::write(&dir, black_box(files)).expect("writes"))
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
    group.finish();
}

criterion_group!(stages, load, generate, write);
criterion_main!(stages);
