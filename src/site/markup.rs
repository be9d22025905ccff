//! Text into Markdown or HTML: escaping, code spans, links and table cells. The page views
//! are built once for both formats through this trait, so the two say the same thing.

/// One output format's way of writing inline text.
pub trait Markup {
    /// The pages' file extension, also used in links between them.
    const EXT: &'static str;

    /// Plain text, escaped.
    fn text(&self, s: &str) -> String;

    /// Code, as an inline span.
    fn code(&self, s: &str) -> String;

    /// A link around `label`, which is already markup.
    fn link(&self, label: &str, href: &str) -> String;

    /// Text shown exactly as it is, in a code block.
    fn verbatim(&self, s: &str) -> String;

    /// Markup made safe for a table cell.
    fn cell(&self, markup: String) -> String {
        markup
    }

    /// The catalog's prose: descriptions and summaries, where `backticks` mark code. Line
    /// breaks inside it are only wrapping.
    fn prose(&self, s: &str) -> String {
        let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.matches('`').count() % 2 != 0 {
            return self.text(&flat);
        }
        flat.split('`')
            .enumerate()
            .map(|(i, part)| {
                if i % 2 == 1 {
                    self.code(part)
                } else {
                    self.text(part)
                }
            })
            .collect()
    }
}

/// GitHub-flavoured Markdown.
pub struct Markdown;

impl Markup for Markdown {
    const EXT: &'static str = "md";

    fn text(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '#' | '&' | '!'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    fn code(&self, s: &str) -> String {
        let fence = "`".repeat(longest_run(s, '`') + 1);
        // A span that starts or ends with a backtick needs a space between it and the fence.
        let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
            " "
        } else {
            ""
        };
        format!("{fence}{pad}{s}{pad}{fence}")
    }

    fn link(&self, label: &str, href: &str) -> String {
        format!("[{label}]({href})")
    }

    fn verbatim(&self, s: &str) -> String {
        s.to_owned()
    }

    fn cell(&self, markup: String) -> String {
        // GitHub ends a cell at every `|`, even inside a code span, unless it is escaped.
        markup.replace('|', "\\|").replace('\n', " ")
    }
}

/// HTML.
pub struct Html;

impl Markup for Html {
    const EXT: &'static str = "html";

    fn text(&self, s: &str) -> String {
        escape_html(s)
    }

    fn code(&self, s: &str) -> String {
        format!("<code>{}</code>", escape_html(s))
    }

    fn link(&self, label: &str, href: &str) -> String {
        format!("<a href=\"{}\">{label}</a>", escape_html(href))
    }

    fn verbatim(&self, s: &str) -> String {
        escape_html(s)
    }
}

/// Text safe in HTML content and in quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The longest run of `c` in `s`.
pub fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_format() {
        assert_eq!(Markdown.text("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
        assert_eq!(
            Markdown.prose("Send `order_id`\n  with it"),
            "Send `order_id` with it"
        );
        assert_eq!(Markdown.prose("odd ` tick"), "odd \\` tick");
        assert_eq!(Markdown.code("a`b"), "``a`b``");
        assert_eq!(Markdown.code("`x"), "`` `x ``");
        assert_eq!(Markdown.cell("a | b".into()), "a \\| b");
    }

    #[test]
    fn html_escapes_and_marks_code() {
        assert_eq!(
            Html.prose("<b> & `x<y`"),
            "&lt;b&gt; &amp; <code>x&lt;y</code>"
        );
        assert_eq!(
            Html.link("L", "a\"b.html"),
            "<a href=\"a&quot;b.html\">L</a>"
        );
    }
}
