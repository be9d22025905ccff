#[path = "../../../../generated-examples/rust/acme/tracking.rs"]
#[allow(dead_code)]
mod tracking;

// A type of one's own cannot be an event: only the module's events serialise infallibly.
#[derive(serde::Serialize)]
struct Mine;

impl tracking::Event for Mine {
    const NAME: &'static str = "Mine";
}

fn main() {}
