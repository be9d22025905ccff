//! Steps of work counted in the stages that once grew faster than their input (collision
//! handling, union de-duplication, doc lookups, diagnostics, cycle search, merging
//! alternatives), so that a test can hold each to linear growth by counting, not timing; and
//! the templates rendered, so that a test can see each one used.
//!
//! Both are kept per thread; `crate::parallel` hands a helper thread's [`Tally`] back to the
//! thread it worked for. Outside the crate's own tests counting compiles to nothing.

/// What a thread did, for tests.
#[derive(Default)]
pub struct Tally {
    #[cfg(test)]
    steps: u64,
    #[cfg(test)]
    templates: std::collections::BTreeSet<String>,
}

#[cfg(test)]
thread_local! {
    static TALLY: std::cell::RefCell<Tally> = std::cell::RefCell::default();
}

/// Counts `n` steps on this thread.
#[inline]
pub fn step(n: u64) {
    #[cfg(test)]
    TALLY.with(|t| t.borrow_mut().steps += n);
    #[cfg(not(test))]
    let _ = n;
}

/// Notes that this thread rendered the template `name`.
#[inline]
pub fn rendered(name: &str) {
    #[cfg(test)]
    TALLY.with(|t| {
        let mut t = t.borrow_mut();
        if !t.templates.contains(name) {
            t.templates.insert(name.to_owned());
        }
    });
    #[cfg(not(test))]
    let _ = name;
}

/// The steps counted on this thread since the last call, which it resets.
#[cfg(test)]
pub fn take() -> u64 {
    TALLY.with(|t| std::mem::take(&mut t.borrow_mut().steps))
}

/// The templates this thread rendered (a test of every generator's templates reads them).
#[cfg(all(test, feature = "cli"))]
pub fn templates() -> std::collections::BTreeSet<String> {
    TALLY.with(|t| t.borrow().templates.clone())
}

/// This thread's tally, taken out to be handed to the thread it worked for.
pub fn hand_over() -> Tally {
    #[cfg(test)]
    return TALLY.with(|t| std::mem::take(&mut *t.borrow_mut()));
    #[cfg(not(test))]
    Tally::default()
}

/// Adds to this thread's tally what another thread did on its behalf.
pub fn receive(other: Tally) {
    #[cfg(test)]
    TALLY.with(|t| {
        let mut t = t.borrow_mut();
        t.steps += other.steps;
        t.templates.extend(other.templates);
    });
    #[cfg(not(test))]
    let _ = other;
}

// The complexity checks measure every generator.
#[cfg(all(test, feature = "cli"))]
pub mod tests {
    /// The steps `f` counts.
    pub fn steps<R>(f: impl FnOnce() -> R) -> u64 {
        super::take();
        let _ = f();
        super::take()
    }

    /// Asserts that the work of `f` grows linearly: four times the input costs at most 4.5
    /// times the steps (and something was counted at all).
    pub fn assert_linear(what: &str, f: impl Fn(usize) -> u64) {
        let (small, large) = (f(100), f(400));
        assert!(small > 0, "{what}: no steps counted");
        assert!(
            large * 2 <= small * 9,
            "{what}: {small} steps for 100, {large} for 400: more than linear"
        );
    }

    fn plan(events: usize, properties: usize) -> Vec<u8> {
        let props = |from: usize| {
            (from..from + properties)
                .map(|p| format!(r#""p{p}": {{ "type": "string" }}"#))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rules: Vec<String> = (0..events)
            .map(|e| {
                format!(
                    r#"{{ "type": "TRACK", "key": "Event {e}", "version": 1, "jsonSchema": {{
                        "properties": {{ "properties": {{ "type": "object",
                            "properties": {{ "shape": {{ "enum": [[1], [2]] }} }},
                            "anyOf": [
                                {{ "properties": {{ {} }}, "required": ["p0"] }},
                                {{ "properties": {{ {} }} }}
                            ] }} }} }} }}"#,
                    props(0),
                    props(properties / 2)
                )
            })
            .collect();
        format!(r#"{{ "rules": [{}] }}"#, rules.join(",\n")).into_bytes()
    }

    /// Events, each with a property of a named type; the named types a chain, each holding the
    /// next; one use case listing every event.
    fn catalog(n: usize) -> Vec<u8> {
        let mut yaml = String::from("events:\n");
        for e in 0..n {
            yaml += &format!(
                "  - name: Event {e}\n    description: Event {e}.\n    properties:\n      - {{ name: thing, type: T{e}, required: true }}\n      - {{ name: kind, enum: [a, b], description: Which kind. }}\n      - {{ name: note, type: [string, \"null\"] }}\n"
            );
        }
        yaml += "types:\n";
        for t in 0..n {
            let next = if t + 1 < n {
                format!("T{}", t + 1)
            } else {
                "string".into()
            };
            yaml += &format!(
                "  - name: T{t}\n    properties:\n      - {{ name: next, type: {next} }}\n"
            );
        }
        yaml += "use_cases:\n  - name: Everything\n    summary: All of it.\n    events: [";
        yaml += &(0..n)
            .map(|e| format!("Event {e}"))
            .collect::<Vec<_>>()
            .join(", ");
        yaml += "]\n";
        yaml.into_bytes()
    }

    #[test]
    fn importing_a_plan_is_linear_in_events_and_in_properties() {
        assert_linear("events", |n| {
            steps(|| crate::in_memory::load_plan(&plan(n, 4)).expect("loads"))
        });
        assert_linear("properties", |n| {
            steps(|| crate::in_memory::load_plan(&plan(2, n)).expect("loads"))
        });
    }

    #[test]
    fn resolving_a_catalog_is_linear_in_events_types_and_use_case_size() {
        assert_linear("catalog", |n| {
            steps(|| crate::in_memory::load_catalog(&catalog(n)).expect("loads"))
        });
    }

    #[test]
    fn generating_is_linear_in_every_language() {
        for target in crate::in_memory::all_targets() {
            assert_linear(&format!("{target:?}"), |n| {
                let catalog = crate::in_memory::load_catalog(&catalog(n)).expect("loads");
                steps(|| crate::in_memory::generate_all(&catalog, &target).map(drop))
            });
        }
    }
}
