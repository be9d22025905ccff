/// The slug of a goal or use case name: lowercase ASCII words joined by `-`, punctuation
/// dropped. "Boost retention, upsell, and cross-sell" → `boost-retention-upsell-and-cross-sell`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // Apostrophes join their word ("Don't" → "dont"); everything else separates.
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_follow_the_documented_rule() {
        assert_eq!(
            slug("Mitigate cart abandonment"),
            "mitigate-cart-abandonment"
        );
        assert_eq!(
            slug("Boost retention, upsell, and cross-sell"),
            "boost-retention-upsell-and-cross-sell"
        );
        assert_eq!(
            slug("Build high-value lookalikes"),
            "build-high-value-lookalikes"
        );
        assert_eq!(
            slug("Build high value lookalikes"),
            "build-high-value-lookalikes"
        );
        assert_eq!(slug("  SMS & Push  "), "sms-push");
        assert_eq!(slug("Don't churn"), "dont-churn");
    }
}
