//! Errors in user input, located in their source and rendered like a compiler's.
//!
//! A [`Diagnostic`] carries its source text (shared, not copied), so it renders the offending
//! line on its own: the library's `Display` is as clear as the command line's.
//!
//! Why the snippet is drawn here rather than by `annotate-snippets` (rustc's and cargo's
//! renderer) or `codespan-reporting`: the drawing is about seventy lines ([`snippet`]); the
//! rest of the module (places, severities, notes, hints, per-language warnings, dedup,
//! `--deny-warnings`, the 50-error cap) is our model, which either library would still need
//! beside it, so adopting one would not make the module much smaller. It would change what
//! users see: both print the location on a `-->` line under the message, where tracktype
//! prints `file:line:column: error: message` first, the form editors, CI annotations and
//! `grep` pick up, and the form the README, the tests and the build-script output (one
//! `cargo:warning` line per diagnostic) rely on. And the library's `Display` renders
//! diagnostics, so the dependency would be compiled into every build script that uses
//! tracktype, whose cost the README measures. What the hand-written renderer does that matters
//! for our input: minified one-line plans are cut to 120 columns around the error with `…`,
//! control characters are shown as U+FFFD rather than sent to the terminal, and tabs keep the
//! caret aligned. Revisit if diagnostics grow multi-span labels or multi-line spans, which is
//! where those libraries earn their keep.

use crate::limits;
use std::fmt::{self, Write as _};
use std::sync::Arc;

/// One input file: its display name (as the user wrote the path) and its text.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            name: name.into(),
            text: text.into(),
        })
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, byte_offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(&self.text, byte_offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (saturate(line), saturate(column))
    }

    fn line_text(&self, line: u32) -> Option<&str> {
        self.text
            .split('\n')
            .nth(line.checked_sub(1)? as usize)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A place in a source file: 1-based line and column, and the length of the marked text in
/// characters (at least 1 when shown).
#[derive(Clone)]
pub struct Loc {
    pub file: Arc<SourceFile>,
    pub line: u32,
    pub column: u32,
    pub len: u32,
}

impl Loc {
    pub fn new(file: &Arc<SourceFile>, line: u32, column: u32, len: u32) -> Self {
        Self {
            file: Arc::clone(file),
            line,
            column,
            len,
        }
    }

    /// The start of a file, for problems with the file as a whole.
    pub fn file_start(file: &Arc<SourceFile>) -> Self {
        Self::new(file, 1, 1, 0)
    }

    pub fn at_byte(file: &Arc<SourceFile>, byte_offset: usize) -> Self {
        let (line, column) = file.line_column(byte_offset);
        Self::new(file, line, column, 1)
    }
}

impl fmt::Debug for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.name, self.line, self.column)
    }
}

/// Where a diagnostic points: a place in a file, a whole file known only by name, or nowhere.
#[derive(Clone, Debug)]
pub enum Place {
    At(Loc),
    File(String),
    None,
}

/// Whether a problem stops the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    #[default]
    Error,
    /// Something the input says that the output does not keep exactly; the run goes on
    /// unless warnings are denied.
    Warning,
}

/// One problem with the input, with where it is and what to do about it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub place: Place,
    pub hint: Option<String>,
    /// Other places that explain this one ("first defined here").
    pub notes: Vec<(Loc, String)>,
    /// For a warning about what some languages cannot express: those languages. Empty: it
    /// concerns every output.
    pub languages: crate::lang::Languages,
    /// A warning that only code validating at run time cannot live with: an error there.
    pub validation: bool,
}

impl Diagnostic {
    fn new(place: Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            place,
            hint: None,
            notes: Vec::new(),
            languages: crate::lang::Languages::default(),
            validation: false,
        }
    }

    pub fn at(loc: &Loc, message: impl Into<String>) -> Self {
        Self::new(Place::At(loc.clone()), message)
    }

    pub fn in_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Place::File(file.into()), message)
    }

    pub fn global(message: impl Into<String>) -> Self {
        Self::new(Place::None, message)
    }

    /// A warning at `loc`.
    pub fn warning(loc: &Loc, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::at(loc, message)
        }
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// Limits a warning to the outputs of some languages.
    #[must_use]
    pub fn only_for(mut self, languages: &[crate::lang::Language]) -> Self {
        self.languages = crate::lang::Languages::of(languages);
        self
    }

    /// Whether the diagnostic concerns output in `language` (`None`: any output at all).
    pub fn concerns(&self, language: Option<crate::lang::Language>) -> bool {
        match language {
            None => true,
            Some(l) => self.languages.is_empty() || self.languages.contains(l),
        }
    }

    /// Marks a warning as an error for targets that validate at run time.
    #[must_use]
    pub fn for_validation(mut self) -> Self {
        self.validation = true;
        self
    }

    /// Turns a warning into an error, for `--deny-warnings`.
    #[must_use]
    pub fn denied(mut self) -> Self {
        if self.severity == Severity::Warning {
            self.severity = Severity::Error;
            let hint = "warnings are errors here (--deny-warnings, or `deny_warnings: true`)";
            self.hint = Some(match self.hint.take() {
                Some(h) => format!("{h}; {hint}"),
                None => hint.to_owned(),
            });
        }
        self
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    #[must_use]
    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    #[must_use]
    pub fn with_note(mut self, loc: &Loc, note: impl Into<String>) -> Self {
        self.notes.push((loc.clone(), note.into()));
        self
    }

    pub fn loc(&self) -> Option<&Loc> {
        match &self.place {
            Place::At(loc) => Some(loc),
            _ => None,
        }
    }

    /// Renders the diagnostic as text: `file:line:column: error: message`, the source line with
    /// the problem marked, then notes and the hint. `color` adds ANSI styles.
    pub fn render(&self, color: bool) -> String {
        let style = Style { color };
        let mut out = String::new();
        let prefix = match &self.place {
            Place::At(loc) => format!("{loc}: "),
            Place::File(name) => format!("{name}: "),
            Place::None => String::new(),
        };
        let label = match self.severity {
            Severity::Error => style.red_bold("error"),
            Severity::Warning => style.yellow_bold("warning"),
        };
        let _ = writeln!(
            out,
            "{}{label}: {}",
            style.bold(&prefix),
            style.bold(&self.message)
        );
        if let Place::At(loc) = &self.place {
            snippet(&mut out, loc, None, style);
        }
        for (loc, note) in &self.notes {
            let _ = writeln!(
                out,
                "{}{}: {note}",
                style.bold(&format!("{loc}: ")),
                style.cyan("note")
            );
            snippet(&mut out, loc, None, style);
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  {} {hint}", style.cyan("hint:"));
        }
        out
    }
}

/// Widest source line shown whole; longer ones (a minified plan) are cut around the column.
const SNIPPET_WIDTH: usize = 120;

fn snippet(out: &mut String, loc: &Loc, label: Option<&str>, style: Style) {
    let Some(text) = loc.file.line_text(loc.line) else {
        return;
    };
    // Control characters would garble a terminal; show them as the replacement character.
    let chars: Vec<char> = text
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let column = (loc.column.saturating_sub(1) as usize).min(chars.len());
    let (start, end) = if chars.len() > SNIPPET_WIDTH {
        let start = column
            .saturating_sub(SNIPPET_WIDTH / 3)
            .min(chars.len() - SNIPPET_WIDTH);
        (start, start + SNIPPET_WIDTH)
    } else {
        (0, chars.len())
    };
    let cut_before = if start > 0 { "…" } else { "" };
    let cut_after = if end < chars.len() { "…" } else { "" };
    let shown: String = chars[start..end].iter().collect();
    let number = loc.line.to_string();
    let gutter = " ".repeat(number.len());
    let _ = writeln!(out, "{gutter} {}", style.cyan("|"));
    let _ = writeln!(
        out,
        "{} {} {}",
        style.cyan(&number),
        style.cyan("|"),
        format!("{cut_before}{shown}{cut_after}").trim_end()
    );
    let lead: String = cut_before
        .chars()
        .chain(chars[start..column.max(start)].iter().copied())
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let width = (loc.len.max(1) as usize).min(end.saturating_sub(column).max(1));
    let marks = "^".repeat(width);
    let _ = writeln!(
        out,
        "{gutter} {} {lead}{}{}",
        style.cyan("|"),
        style.red_bold(&marks),
        label.map(|l| format!(" {l}")).unwrap_or_default()
    );
}

#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
    fn red_bold(self, text: &str) -> String {
        self.paint("1;31", text)
    }
    fn yellow_bold(self, text: &str) -> String {
        self.paint("1;33", text)
    }
    fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }
}

/// Several diagnostics, reported together so that one run shows every problem.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The diagnostics from `at` on, taken out.
    pub fn split_off(&mut self, at: usize) -> Diagnostics {
        Diagnostics(self.0.split_off(at.min(self.0.len())))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for (i, d) in self.0.iter().take(limits::MAX_ERRORS_SHOWN).enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&d.render(color));
        }
        let count = |severity: Severity| self.0.iter().filter(|d| d.severity == severity).count();
        let counts: Vec<String> = [
            (count(Severity::Error), "error"),
            (count(Severity::Warning), "warning"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}{}", if n == 1 { "" } else { "s" }))
        .collect();
        if self.0.len() > limits::MAX_ERRORS_SHOWN {
            let _ = writeln!(
                out,
                "\n{} (the first {} shown)",
                counts.join(" and "),
                limits::MAX_ERRORS_SHOWN
            );
        } else if self.0.len() > 1 {
            let _ = writeln!(out, "\n{}", counts.join(" and "));
        }
        out
    }

    /// The diagnostics that concern output in `language` (`None`: those that concern every
    /// output).
    pub fn concerning(&self, language: Option<crate::lang::Language>) -> Diagnostics {
        Diagnostics(
            self.0
                .iter()
                .filter(|d| match language {
                    Some(l) => d.concerns(Some(l)),
                    None => d.languages.is_empty(),
                })
                .cloned()
                .collect(),
        )
    }

    /// Every warning turned into an error, for targets that validate at run time.
    pub fn denied_for_validation(self) -> Diagnostics {
        Diagnostics(
            self.0
                .into_iter()
                .map(|mut d| {
                    d.severity = Severity::Error;
                    d
                })
                .collect(),
        )
    }

    /// Every warning turned into an error, for `--deny-warnings`.
    pub fn denied(self) -> Diagnostics {
        Diagnostics(self.0.into_iter().map(Diagnostic::denied).collect())
    }

    /// Splits off the warnings, leaving the errors.
    pub fn take_warnings(&mut self) -> Diagnostics {
        let (warnings, errors) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(Diagnostic::is_warning);
        self.0 = errors;
        Diagnostics(warnings)
    }

    /// Each diagnostic once: the same message at the same place is reported once, in the
    /// order first seen.
    pub fn deduplicated(self) -> Diagnostics {
        let mut seen = std::collections::HashSet::new();
        Diagnostics(
            self.0
                .into_iter()
                .filter(|d| {
                    let place = match &d.place {
                        Place::At(l) => format!("{l}"),
                        Place::File(f) => f.clone(),
                        Place::None => String::new(),
                    };
                    seen.insert((d.severity, d.message.clone(), place))
                })
                .collect(),
        )
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self(vec![d])
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_flood_of_errors_shows_the_first_and_counts_the_rest() {
        let mut diags = Diagnostics::default();
        for i in 0..10_000 {
            diags.push(Diagnostic::in_file(
                "plan.json",
                format!("event {i} is not an object"),
            ));
        }
        let text = diags.render(false);
        assert!(text.contains("event 49 is not an object"));
        assert!(!text.contains("event 50 is not an object"));
        assert!(
            text.ends_with("10000 errors (the first 50 shown)\n"),
            "{text}"
        );
    }

    use super::*;

    #[test]
    fn renders_location_snippet_and_hint() {
        let file = SourceFile::new("acme.yaml", "events:\n  - name: X\n    requried: true\n");
        let d = Diagnostic::at(&Loc::new(&file, 3, 5, 8), "unknown key `requried`")
            .with_hint("did you mean `required`?");
        let text = d.render(false);
        assert_eq!(
            text,
            "acme.yaml:3:5: error: unknown key `requried`\n  |\n3 |     requried: true\n  |     ^^^^^^^^\n  hint: did you mean `required`?\n"
        );
    }

    #[test]
    fn line_column_counts_characters() {
        let file = SourceFile::new("f", "ab\ncé d");
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(3), (2, 1));
        // 'é' is two bytes; the space after it is the third character.
        assert_eq!(file.line_column(6), (2, 3));
    }
}
