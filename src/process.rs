//! The command's memory set up for runs of a second or two: mimalloc, without transparent huge
//! pages, returning freed memory sooner than it would. The command's `main` uses it, and so
//! does `bench/examples/stage-time.rs`, so that stages are timed in the same conditions.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sets up this process's memory; call it first in `main`, before any other thread exists.
pub fn tune() {
    without_huge_pages();
    purge_sooner();
}

/// Turns transparent huge pages off for this process. mimalloc asks for them on its whole
/// arena, so each 2 MiB page is zeroed when first touched, and again after each purge, in a
/// process that lives for a second or two. At 10,000 events this was about half the system time
/// and 20 MiB of peak memory (`bench/scale.sh`, paired runs). Faults from here on see the flag,
/// including those in the arena mimalloc reserved before `main`.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches none of this process's
    // memory; if the kernel refuses it, nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Has mimalloc return freed memory to the system after 30 ms, not its default of a second. A
/// plan's load frees most of what it held just before generating starts, and until it is
/// returned both are resident at once. At 10,000 events, with a second the peak was anywhere
/// between 177 and 217 MiB from one run to the next; with 100 ms it still reached 194–204 MiB
/// in Swift in half the runs; with 30 ms it is 159–172 MiB in every language. The price is more
/// page faults: −2% to +4% wall time against 100 ms, by language (paired runs, medians of
/// ratios).
fn purge_sooner() {
    // mimalloc's option numbers are not in its Rust API. 15 is `mi_option_purge_delay` in the
    // mimalloc v3 that Cargo.lock pins, and its default, 1000 ms, confirms it: with any other
    // value there (another option, or a `MIMALLOC_PURGE_DELAY` the user set), nothing changes.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mimalloc's options are plain integers, set here before any other thread exists
    // (setting them is not thread-safe).
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 30);
        }
    }
}
