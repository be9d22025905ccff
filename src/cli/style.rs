//! Output for people: aligned tables, and colour only on a terminal without `NO_COLOR`.

use std::io::IsTerminal;

/// Whether to colour what goes to a stream that is (or is not) a terminal.
pub fn color_for(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn stdout_color() -> bool {
    color_for(std::io::stdout().is_terminal())
}

pub fn stderr_color() -> bool {
    color_for(std::io::stderr().is_terminal())
}

#[derive(Clone, Copy)]
pub struct Paint {
    pub color: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }
    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }
    pub fn cyan(self, text: &str) -> String {
        self.wrap("36", text)
    }
    pub fn green(self, text: &str) -> String {
        self.wrap("32", text)
    }
    pub fn red(self, text: &str) -> String {
        self.wrap("31", text)
    }
}

/// A column: its heading and whether numbers in it align right.
pub struct Column<'a> {
    pub heading: &'a str,
    pub right: bool,
}

pub fn col(heading: &str) -> Column<'_> {
    Column {
        heading,
        right: false,
    }
}

pub fn num(heading: &str) -> Column<'_> {
    Column {
        heading,
        right: true,
    }
}

/// An aligned table. Cells are plain text; the heading row is bold. The last column is not
/// padded, so long descriptions do not leave trailing spaces.
pub fn table(columns: &[Column<'_>], rows: &[Vec<String>], paint: Paint, indent: usize) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = columns.iter().map(|c| width(c.heading)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let pad = " ".repeat(indent);
    let line = |cells: Vec<String>, raw: Vec<&str>, out: &mut String| {
        out.push_str(&pad);
        let last = cells.len().saturating_sub(1);
        for (i, (cell, raw)) in cells.iter().zip(raw).enumerate() {
            let fill = " ".repeat(widths[i] - width(raw));
            if columns[i].right {
                out.push_str(&fill);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i != last {
                    out.push_str(&fill);
                }
            }
            if i != last {
                out.push_str("  ");
            }
        }
        out.push('\n');
    };
    let mut out = String::new();
    line(
        columns.iter().map(|c| paint.bold(c.heading)).collect(),
        columns.iter().map(|c| c.heading).collect(),
        &mut out,
    );
    for row in rows {
        line(
            row.clone(),
            row.iter().map(String::as_str).collect(),
            &mut out,
        );
    }
    out
}
