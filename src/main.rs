#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    without_huge_pages();
    std::process::exit(tracktype::cli::run(std::env::args_os()));
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
