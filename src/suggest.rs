//! "Did you mean ...?" hints.
//!
//! Two kinds of near miss: a typo (`requried`, `mitigate-cart-abandon`), found by edit
//! similarity, and a part of the name (`cart-abandonment` for `mitigate-cart-abandonment`,
//! `abandonment cart`), found by substring or by words. A slip of a key or two names one candidate; failing
//! that, every candidate that contains what was given is offered (a few at most); failing
//! those, the most similar.

/// How many candidates a hint names at most.
const MAX_OFFERED: usize = 3;

/// The candidate closest to `wrong`, if one is close enough to be a plausible typo or
/// contains it as a part.
pub fn closest<'a, I, S>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    near_misses(wrong, candidates).into_iter().next()
}

/// The plausible meanings of `wrong`: a candidate one or two keystrokes away, alone; else the
/// candidates that contain it (as a substring, or all of its words), alphabetically; else the
/// closest typo match by similarity, alone.
pub fn near_misses<'a, I, S>(wrong: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let wrong_lower = wrong.to_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().map(AsRef::as_ref).collect();
    // A slip of a key or two (`catalog` for `catalogs`) means that name, whatever contains it.
    let slip = candidates
        .iter()
        .map(|c| (strsim::osa_distance(&wrong_lower, &c.to_lowercase()), *c))
        .filter(|(distance, _)| *distance <= 2 && *distance * 4 <= wrong_lower.len())
        .min();
    if let Some((_, c)) = slip {
        return vec![c];
    }
    let parts = containing(&wrong_lower, &candidates);
    if !parts.is_empty() {
        return parts;
    }
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.8)
        // Highest score wins; ties go to the alphabetically first candidate, for determinism.
        .max_by(|(a, ca), (b, cb)| a.total_cmp(b).then_with(|| cb.cmp(ca)))
        .map(|(_, c)| c)
        .into_iter()
        .collect()
}

/// The candidates that contain `wrong` (lowercase) as a substring, or all of its words.
fn containing<'a>(wrong: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    // Too short a fragment ("a", "id") is contained in too much to mean anything.
    if wrong.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return Vec::new();
    }
    let wanted = words(wrong);
    let mut parts: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|c| {
            let lower = c.to_lowercase();
            let have = words(&lower);
            lower != wrong && (lower.contains(wrong) || wanted.iter().all(|w| have.contains(w)))
        })
        .collect();
    parts.sort_unstable();
    parts.dedup();
    parts
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A hint naming the plausible meanings, quoted with backticks: "did you mean `a`?", or
/// "did you mean `a`, `b` or `c`?" (and how many more).
pub fn did_you_mean<'a, I, S>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let found = near_misses(wrong, candidates);
    let quoted: Vec<String> = found
        .iter()
        .take(MAX_OFFERED)
        .map(|c| format!("`{c}`"))
        .collect();
    let listed = match quoted.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    };
    let more = found.len().saturating_sub(MAX_OFFERED);
    Some(if more > 0 {
        format!("did you mean {listed} (or {more} more)?")
    } else {
        format!("did you mean {listed}?")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let keys = ["required", "description", "type"];
        assert_eq!(closest("requried", &keys), Some("required"));
        assert_eq!(closest("Descripton", &keys), Some("description"));
        assert_eq!(closest("banana", &keys), None);
        assert_eq!(
            did_you_mean(
                "mitigate-cart-abandon",
                &["mitigate-cart-abandonment", "suppress-with-purchase"]
            ),
            Some("did you mean `mitigate-cart-abandonment`?".to_owned())
        );
    }

    #[test]
    fn finds_a_part_of_the_name() {
        let slugs = [
            "mitigate-cart-abandonment",
            "mitigate-high-value-churn",
            "mitigate-low-value-churn",
            "suppress-with-purchase",
        ];
        assert_eq!(
            did_you_mean("cart-abandonment", &slugs),
            Some("did you mean `mitigate-cart-abandonment`?".to_owned())
        );
        assert_eq!(
            did_you_mean("churn", &slugs),
            Some("did you mean `mitigate-high-value-churn` or `mitigate-low-value-churn`?".into())
        );
        // Words in another order.
        assert_eq!(
            closest("abandonment-cart", &slugs),
            Some("mitigate-cart-abandonment")
        );
        assert_eq!(
            did_you_mean("mitigate", &slugs),
            Some(
                "did you mean `mitigate-cart-abandonment`, `mitigate-high-value-churn` or \
                 `mitigate-low-value-churn`?"
                    .into()
            )
        );
        assert_eq!(did_you_mean("id", &["order_id", "user_id"]), None);
        assert_eq!(
            did_you_mean("catalog", &["catalogs", "default_catalog"]),
            Some("did you mean `catalogs`?".into())
        );
    }
}
