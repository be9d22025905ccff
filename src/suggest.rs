//! "Did you mean ...?" hints.

/// The candidate closest to `wrong`, if one is close enough to be a plausible typo.
pub fn closest<'a, I, S>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(AsRef::as_ref)
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        // Highest score wins; ties go to the alphabetically first candidate, for determinism.
        .max_by(|(a, ca), (b, cb)| a.total_cmp(b).then_with(|| cb.cmp(ca)))
        .map(|(_, c)| c)
}

/// A hint naming the closest candidate, quoted with backticks.
pub fn did_you_mean<'a, I, S>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    closest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
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
}
