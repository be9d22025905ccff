mod process;

fn main() {
    process::tune();
    std::process::exit(tracktype::cli::run(std::env::args_os()));
}
