//! The Rust generated from random catalogs, every module compiled with warnings denied, and a
//! check per event: the sample payload reads into the event's type, and the tracker sends
//! exactly that payload under the event's exact name.

#![deny(warnings)]

/// Checks one event of one case, recording a failure instead of stopping.
#[allow(unused_macros)] // when there are no cases
macro_rules! check {
    ($failures:ident, $label:literal, $module:ident :: $ty:ident, $method:ident, $wire:literal, $json:literal) => {{
        let sample: serde_json::Value = serde_json::from_str($json).expect("sample JSON");
        match serde_json::from_value::<$module::$ty>(sample.clone()) {
            Err(e) => $failures.push(format!(
                "{}: does not read its sample {sample}: {e}",
                $label
            )),
            Ok(event) => {
                let name = <$module::$ty as $module::Event>::NAME;
                let message = $module::Tracker::new(|m: $module::Message| m)
                    .$method($module::Identity::user("u"), event);
                if name != $wire || message.event != $wire || message.properties != sample {
                    $failures.push(format!(
                        "{}: sent {:?} {} (NAME {name:?}), expected {:?} {sample}",
                        $label, message.event, message.properties, $wire
                    ));
                }
            }
        }
    }};
}

include!(concat!(env!("OUT_DIR"), "/cases.rs"));
