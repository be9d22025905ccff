fn main() {
    std::process::exit(tracktype::cli::run(std::env::args_os()));
}
