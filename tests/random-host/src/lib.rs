//! The Rust generated from random catalogs, every module compiled with warnings denied, and a
//! check per event and per traits call: the sample reads into its type, and the tracker sends
//! exactly the expected message (its `type`, name, category, properties or traits).

#![deny(warnings)]

/// What a message sends, without who it is about and its context.
pub fn sent(message: &impl serde::Serialize) -> serde_json::Value {
    let mut wire = serde_json::to_value(message).expect("a message serialises");
    if let Some(object) = wire.as_object_mut() {
        object.remove("userId");
        object.remove("context");
    }
    wire
}

/// Checks one event of one case, recording a failure instead of stopping.
#[allow(unused_macros)] // when there are no cases
macro_rules! check {
    ($failures:ident, $label:literal, $module:ident :: $ty:ident, $method:ident, $wire:literal, $json:literal, $expected:literal) => {{
        let sample: serde_json::Value = serde_json::from_str($json).expect("sample JSON");
        let expected: serde_json::Value = serde_json::from_str($expected).expect("expected JSON");
        match serde_json::from_value::<$module::$ty>(sample.clone()) {
            Err(e) => $failures.push(format!(
                "{}: does not read its sample {sample}: {e}",
                $label
            )),
            Ok(event) => {
                let name = <$module::$ty as $module::Event>::NAME;
                let message = $module::Tracker::new(|m: $module::Message| m)
                    .$method($module::Identity::user("u"), event);
                let sent = $crate::sent(&message);
                if name != $wire || sent != expected {
                    $failures.push(format!(
                        "{}: sent {sent} (NAME {name:?}), expected {expected}",
                        $label
                    ));
                }
            }
        }
    }};
}

/// Checks the identify or group call of one case: `$call` is the tracker's method, `$args`
/// what comes between the identity and the traits.
#[allow(unused_macros)] // when there are no cases
macro_rules! check_traits {
    ($failures:ident, $label:literal, $module:ident, $ty:ty, $call:ident ($($args:expr),*), $json:literal, $expected:literal) => {{
        let sample: serde_json::Value = serde_json::from_str($json).expect("sample JSON");
        let expected: serde_json::Value = serde_json::from_str($expected).expect("expected JSON");
        match serde_json::from_value::<$ty>(sample.clone()) {
            Err(e) => $failures.push(format!(
                "{}: does not read its traits {sample}: {e}",
                $label
            )),
            Ok(traits) => {
                let message = $module::Tracker::new(|m: $module::Message| m)
                    .$call($module::Identity::user("u"), $($args,)* traits);
                let sent = $crate::sent(&message);
                if sent != expected {
                    $failures.push(format!("{}: sent {sent}, expected {expected}", $label));
                }
            }
        }
    }};
}

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

#[cfg(test)]
mod tests {
    /// The suite's random_catalogs test builds this crate with its cases as `cargo test
    /// --workspace` builds it (no dependency compiled again for another feature set), then runs
    /// this test alone.
    #[test]
    #[ignore = "the suite's random_catalogs test runs it, with the cases it writes"]
    fn every_case_reads_its_sample_and_sends_it() {
        let (checks, failures) = super::run();
        assert!(
            checks > 0,
            "no cases: `cargo test --test suite random_catalogs` writes them"
        );
        for failure in &failures {
            println!("FAILED {failure}");
        }
        println!("{} of {checks} checks passed", checks - failures.len());
        assert!(
            failures.is_empty(),
            "{} of {checks} checks failed",
            failures.len()
        );
    }
}
