//! Building blocks of every language's naming component: wire names folded to ASCII words,
//! cased with heck, and made unique deterministically. Each language adds its own keyword
//! table and escaping; wire names themselves never change.

use std::collections::{HashMap, HashSet};

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

/// The ASCII words of a wire name: Latin letters lose their accents, apostrophes join their
/// word ("jerry's" → "jerrys"), everything else separates words.
pub fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '’' {
            continue;
        } else if let Some(folded) = fold_latin(c) {
            out.push_str(folded);
        } else {
            out.push(' ');
        }
    }
    out
}

/// The ASCII spelling of common accented Latin letters.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ß' => "ss",
        'ł' => "l",
        'Ł' => "L",
        'š' | 'ś' => "s",
        'Š' | 'Ś' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        _ => return None,
    })
}

/// The casings languages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    UpperCamel,
    LowerCamel,
    Snake,
}

/// A wire name in a casing, ASCII only. A name with no usable characters becomes `fallback`;
/// one that starts with a digit gets a leading `_`, which every target language accepts.
pub fn cased(name: &str, case: Case, fallback: &str) -> String {
    let words = ascii_words(name);
    let mut s = match case {
        Case::UpperCamel => words.to_upper_camel_case(),
        Case::LowerCamel => words.to_lower_camel_case(),
        Case::Snake => words.to_snake_case(),
    };
    if s.is_empty() {
        s = fallback.to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        if case == Case::LowerCamel
            && let Some(i) = s.find(|c: char| !c.is_ascii_digit())
        {
            // Digits have no case: without this, "42 Name" would be `_42Name` in both
            // casings, and a method could shadow the type of the same name.
            let (digits, rest) = s.split_at(i);
            let mut chars = rest.chars();
            let first = chars
                .next()
                .map(|c| c.to_ascii_lowercase())
                .unwrap_or_default();
            s = format!("{digits}{first}{}", chars.as_str());
        }
        s.insert(0, '_');
    }
    s
}

/// [`cased`], remembered per distinct name: a plan's events repeat the same property names and
/// values, and casing them is most of what naming costs.
#[derive(Default)]
pub struct CasedOnce {
    /// Per casing, each name and its casing with an empty fallback.
    memo: [HashMap<String, String>; 3],
}

impl CasedOnce {
    pub fn cased(&mut self, name: &str, case: Case, fallback: &str) -> String {
        let memo = &mut self.memo[case as usize];
        let s = match memo.get(name) {
            Some(s) => s.clone(),
            None => {
                let s = cased(name, case, "");
                memo.insert(name.to_owned(), s.clone());
                s
            }
        };
        if s.is_empty() { fallback.to_owned() } else { s }
    }
}

/// A nested type's name: `parent` followed by `words` in UpperCamelCase. Digits after the
/// parent need no leading `_`; only between two digits does one keep the numbers apart, and
/// there every language's casing conventions accept it.
pub fn nested_type_name(parent: &str, words: &str) -> String {
    let mut suffix = ascii_words(words).to_upper_camel_case();
    if suffix.is_empty() {
        suffix = "Value".to_owned();
    }
    let digit_meets_digit = parent.ends_with(|c: char| c.is_ascii_digit())
        && suffix.starts_with(|c: char| c.is_ascii_digit());
    if digit_meets_digit {
        format!("{parent}_{suffix}")
    } else {
        format!("{parent}{suffix}")
    }
}

/// One scope of identifiers (a module's types, a struct's fields): each name claimed once.
///
/// Claiming is linear in the number of claims, whatever the names: each base remembers the
/// next suffix to try, and an enclosing scope's names are consulted, never copied.
#[derive(Default)]
pub struct Namespace<'a> {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    outer: Option<&'a HashSet<String>>,
    /// Reserved words consulted in place: a scope per declaration would otherwise copy its
    /// language's reserved words once for each.
    reserved: &'a [&'a str],
}

impl<'a> Namespace<'a> {
    pub fn with_reserved<'r>(reserved: impl IntoIterator<Item = &'r str>) -> Self {
        Self {
            taken: reserved.into_iter().map(str::to_owned).collect(),
            ..Self::default()
        }
    }

    /// A scope inside `outer`: names taken there are taken here too.
    #[cfg(feature = "swift")]
    pub fn within(outer: &'a HashSet<String>, reserved: &'a [&'a str]) -> Self {
        Self {
            outer: Some(outer),
            reserved,
            ..Self::default()
        }
    }

    /// Takes `names` in this scope too.
    #[cfg(feature = "swift")]
    pub fn reserve<'r>(&mut self, names: impl IntoIterator<Item = &'r str>) {
        self.taken.extend(names.into_iter().map(str::to_owned));
    }

    fn is_taken(&self, name: &str) -> bool {
        crate::work::step(1);
        self.taken.contains(name)
            || self.reserved.contains(&name)
            || self.outer.is_some_and(|o| o.contains(name))
    }

    /// Claims `base`, or the first free of `base2`, `base3`, ... (`base_2` in snake case).
    pub fn claim(&mut self, base: &str, case: Case) -> String {
        if !self.is_taken(base) {
            self.taken.insert(base.to_owned());
            return base.to_owned();
        }
        let mut n = self.next_suffix.get(base).copied().unwrap_or(2);
        loop {
            let candidate = match case {
                Case::Snake if !base.ends_with('_') => format!("{base}_{n}"),
                _ => format!("{base}{n}"),
            };
            n += 1;
            if !self.is_taken(&candidate) {
                self.next_suffix.insert(base.to_owned(), n);
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
    }

    /// The names claimed here, to serve as the enclosing scope of inner ones.
    #[cfg(feature = "swift")]
    pub fn names(&self) -> &HashSet<String> {
        &self.taken
    }
}

/// Whether a line of documentation is printable ASCII only, which a comment in any language
/// can hold as it is, and which wraps without measuring characters: the usual line, copied at
/// once rather than character by character.
pub fn plain(line: &str) -> bool {
    line.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Splits text into lines of at most `width` characters at spaces, keeping the line breaks
/// already there. Words longer than `width` stay whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // Most descriptions are already one short line of single-spaced printable ASCII: that
    // line is what the words would make. (Docs of every property of every language come here.)
    if text.len() <= width
        && !text.is_empty()
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && plain(text)
    {
        return vec![text.to_owned()];
    }
    wrap_words(text, width)
}

/// [`wrap`], word by word.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        // The line's width in characters, kept as it grows rather than counted for each word.
        let mut line_width = 0;
        for word in paragraph.split_whitespace() {
            let word_width = word.chars().count();
            if !line.is_empty() && line_width + 1 + word_width > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                line_width += 1;
            }
            line.push_str(word);
            line_width += word_width;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Words to name an enum case after its value: `-2.5` → "minus 2 point 5".
pub fn literal_words(l: &crate::model::Literal) -> String {
    match l {
        crate::model::Literal::Number(n) => {
            n.0.replace('-', " minus ")
                .replace('.', " point ")
                .replace('+', " ")
        }
        crate::model::Literal::Json(_) => "value".to_owned(),
        other => other.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typewriter_hard_cases() {
        let terrible = "42_--terrible==\\\"event'++name~!3";
        assert_eq!(
            cased(terrible, Case::UpperCamel, "Event"),
            "_42TerribleEventName3"
        );
        assert_eq!(
            cased(terrible, Case::Snake, "event"),
            "_42_terrible_event_name_3"
        );
        assert_eq!(
            cased("0000---terrible-property-name~!3", Case::LowerCamel, "p"),
            "_0000terriblePropertyName3"
        );
        assert_ne!(
            cased(terrible, Case::LowerCamel, "e"),
            cased(terrible, Case::UpperCamel, "E")
        );
        assert_eq!(
            cased("Event Collided", Case::UpperCamel, ""),
            cased("event_collided", Case::UpperCamel, "")
        );
        assert_eq!(
            cased("jerry's memories", Case::Snake, ""),
            "jerrys_memories"
        );
        assert_eq!(cased("Café Visité", Case::UpperCamel, ""), "CafeVisite");
        assert_eq!(cased("購入", Case::UpperCamel, "Event"), "Event");
    }

    #[test]
    fn claims_are_unique_and_deterministic() {
        let mut ns = Namespace::with_reserved(["track"]);
        assert_eq!(ns.claim("track", Case::LowerCamel), "track2");
        assert_eq!(ns.claim("eventCollided", Case::LowerCamel), "eventCollided");
        assert_eq!(
            ns.claim("eventCollided", Case::LowerCamel),
            "eventCollided2"
        );
        assert_eq!(ns.claim("a_b", Case::Snake), "a_b");
        assert_eq!(ns.claim("a_b", Case::Snake), "a_b_2");
        assert_eq!(ns.claim("self_", Case::Snake), "self_");
        assert_eq!(ns.claim("self_", Case::Snake), "self_2");
    }

    #[test]
    #[cfg(feature = "swift")]
    fn an_enclosing_scope_is_consulted() {
        let outer = Namespace::with_reserved(["Product"]);
        let mut inner = Namespace::within(outer.names(), &["self"]);
        assert_eq!(inner.claim("Product", Case::LowerCamel), "Product2");
        assert_eq!(inner.claim("self", Case::LowerCamel), "self2");
        assert_eq!(inner.claim("price", Case::LowerCamel), "price");
    }

    #[test]
    fn casing_once_is_casing() {
        let mut once = CasedOnce::default();
        for name in [
            "order id", "42 Name", "", "!!", "order id", "café", "42 Name",
        ] {
            for case in [Case::UpperCamel, Case::LowerCamel, Case::Snake] {
                assert_eq!(once.cased(name, case, "value"), cased(name, case, "value"));
                assert_eq!(once.cased(name, case, "other"), cased(name, case, "other"));
            }
        }
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("a\n\nb", 9), ["a", "", "b"]);
        assert_eq!(wrap("é é é", 3), ["é é", "é"]);
        assert_eq!(
            wrap("tiny enormousword x", 4),
            ["tiny", "enormousword", "x"]
        );
    }

    proptest::proptest! {
        /// The one-line shortcut gives what wrapping word by word gives, whether it is taken
        /// (short plain lines) or not (spaces doubled or at the ends, tabs, line breaks,
        /// accents, lines longer than the width).
        #[test]
        fn wrap_is_wrapping_word_by_word(
            text in "[a-z .,`'\"()]{0,60}|[a-zé \t\n ]{0,60}",
            // Widths about the text's length, where a line fits or just does not.
            around in 0..4_usize,
        ) {
            let width = (text.len() + around).saturating_sub(2).max(1);
            proptest::prop_assert_eq!(wrap(&text, width), wrap_words(&text, width));
        }
    }
}
