fn main() {
    let (checks, failures) = tracktype_random_host::run();
    for failure in &failures {
        println!("FAILED {failure}");
    }
    println!("{} of {checks} checks passed", checks - failures.len());
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
