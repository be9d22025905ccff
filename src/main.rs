mod process;

fn main() {
    process::tune();
    // The process ends here: what the command holds is left to the system, not freed first
    // (`exit` runs no destructors).
    let (code, _held) = tracktype::cli::run_holding(std::env::args_os());
    std::process::exit(code);
}
