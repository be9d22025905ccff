//! A Wadler-style document printer with the semantics of prettier's (`group`, `indent`,
//! `line`, `softline`, `ifBreak`, and its "fits" check), so that generated code is already
//! formatted the way the language's formatter would format it. Generators build the same
//! document shapes the formatter builds for the few constructs they emit; the tests check the
//! result with the real formatters.
//!
//! Why not the `pretty` crate, which implements Wadler's printer: the generators need
//! prettier's semantics, not just the algebra. `IfBreak` keyed to another group's id (prettier's
//! `ifBreak(..., { groupId })`, which trailing commas and arrow chains use), a hard line that
//! breaks every enclosing group, and prettier's "fits" check over the rest of the line decide
//! where TypeScript and Swift lines break; the tests compare the output with prettier and
//! swift-format byte for byte. `pretty` has `group`, `nest` and `flat_alt`, but no group ids
//! and its own fitting rule, so matching prettier would mean rebuilding these on top of it; the
//! printer here is under three hundred lines with its tests.

use std::borrow::Cow;

/// A document.
#[derive(Clone, Debug)]
pub enum Doc {
    /// Text without line breaks; most of it is the generators' own punctuation and keywords,
    /// borrowed rather than allocated.
    Text(Cow<'static, str>),
    Concat(Vec<Doc>),
    /// Printed flat when it fits in the rest of the line, broken otherwise.
    Group {
        contents: Box<Doc>,
        broken: bool,
        id: Option<usize>,
    },
    Indent(Box<Doc>),
    /// A space when flat, a newline when broken.
    Line,
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// Always a newline; breaks every enclosing group.
    // TypeScript's printing uses this and `IfBreak`; Swift's does not.
    #[cfg_attr(not(feature = "typescript"), allow(dead_code))]
    HardLine,
    /// `broken` when the enclosing group (or the group `group_id`) is broken, else `flat`.
    #[cfg_attr(not(feature = "typescript"), allow(dead_code))]
    IfBreak {
        broken: Box<Doc>,
        flat: Box<Doc>,
        group_id: Option<usize>,
    },
}

pub fn text(s: impl Into<Cow<'static, str>>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}

pub fn group(contents: Doc) -> Doc {
    Doc::Group {
        contents: Box::new(contents),
        broken: false,
        id: None,
    }
}

pub fn indent(contents: Doc) -> Doc {
    Doc::Indent(Box::new(contents))
}

#[cfg_attr(not(feature = "typescript"), allow(dead_code))]
pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    Doc::IfBreak {
        broken: Box::new(broken),
        flat: Box::new(flat),
        group_id: None,
    }
}

/// `docs` separated by `separator`.
pub fn join(separator: Doc, docs: Vec<Doc>) -> Doc {
    let mut parts = Vec::with_capacity(docs.len() * 2);
    for (i, d) in docs.into_iter().enumerate() {
        if i > 0 {
            parts.push(separator.clone());
        }
        parts.push(d);
    }
    Doc::Concat(parts)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Flat,
    Break,
}

/// Prints a document at `width` columns, each indentation level `indent_width` spaces, the
/// whole document starting at column `start_indent`.
pub fn print(mut doc: Doc, width: usize, indent_width: usize, start_indent: usize) -> String {
    propagate_breaks(&mut doc);
    let mut out = String::new();
    let mut pos = start_indent;
    let mut group_modes: Vec<(usize, Mode)> = Vec::new();
    // Commands are processed from the end of the stack, like prettier's.
    let mut cmds: Vec<(usize, Mode, &Doc)> = vec![(start_indent, Mode::Break, &doc)];
    // `fits`'s own stack, kept between its calls: it is asked once for every group.
    let mut fits_cmds: Vec<(Mode, &Doc)> = Vec::new();
    while let Some((ind, mode, d)) = cmds.pop() {
        match d {
            Doc::Text(s) => {
                out.push_str(s);
                pos += columns(s);
            }
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    cmds.push((ind, mode, p));
                }
            }
            Doc::Indent(inner) => cmds.push((ind + indent_width, mode, inner)),
            Doc::Group {
                contents,
                broken,
                id,
            } => {
                let chosen = if *broken {
                    Mode::Break
                } else if mode == Mode::Flat
                    || fits(
                        contents,
                        &cmds,
                        width.saturating_sub(pos),
                        &group_modes,
                        &mut fits_cmds,
                    )
                {
                    Mode::Flat
                } else {
                    Mode::Break
                };
                if let Some(id) = id {
                    group_modes.push((*id, chosen));
                }
                cmds.push((ind, chosen, contents));
            }
            Doc::IfBreak {
                broken,
                flat,
                group_id,
            } => {
                let m = group_id
                    .and_then(|id| {
                        group_modes
                            .iter()
                            .rev()
                            .find(|(g, _)| *g == id)
                            .map(|(_, m)| *m)
                    })
                    .unwrap_or(mode);
                cmds.push((ind, mode, if m == Mode::Break { broken } else { flat }));
            }
            Doc::Line | Doc::SoftLine | Doc::HardLine => {
                let breaks = mode == Mode::Break || matches!(d, Doc::HardLine);
                if breaks {
                    trim_trailing_spaces(&mut out);
                    out.push('\n');
                    push_spaces(&mut out, ind);
                    pos = ind;
                } else if matches!(d, Doc::Line) {
                    out.push(' ');
                    pos += 1;
                }
            }
        }
    }
    out
}

/// Whether `next`, printed flat, and then the rest of the line fit in `width` columns: the
/// rest is read in its own mode until its first possible line break. `cmds` is its stack,
/// emptied first.
fn fits<'d>(
    next: &'d Doc,
    rest: &[(usize, Mode, &'d Doc)],
    width: usize,
    group_modes: &[(usize, Mode)],
    cmds: &mut Vec<(Mode, &'d Doc)>,
) -> bool {
    let mut remaining = width as isize;
    let mut rest_index = rest.len();
    cmds.clear();
    cmds.push((Mode::Flat, next));
    while remaining >= 0 {
        let Some((mode, d)) = cmds.pop() else {
            if rest_index == 0 {
                return true;
            }
            rest_index -= 1;
            let (_, m, d) = rest[rest_index];
            cmds.push((m, d));
            continue;
        };
        match d {
            Doc::Text(s) => remaining -= columns(s) as isize,
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    cmds.push((mode, p));
                }
            }
            Doc::Indent(inner) => cmds.push((mode, inner)),
            Doc::Group {
                contents, broken, ..
            } => {
                cmds.push((if *broken { Mode::Break } else { mode }, contents));
            }
            Doc::IfBreak {
                broken,
                flat,
                group_id,
            } => {
                let m = group_id
                    .and_then(|id| {
                        group_modes
                            .iter()
                            .rev()
                            .find(|(g, _)| *g == id)
                            .map(|(_, m)| *m)
                    })
                    .unwrap_or(mode);
                cmds.push((mode, if m == Mode::Break { broken } else { flat }));
            }
            Doc::Line | Doc::SoftLine => {
                if mode == Mode::Break {
                    return true;
                }
                if matches!(d, Doc::Line) {
                    remaining -= 1;
                }
            }
            Doc::HardLine => return true,
        }
    }
    false
}

/// Marks every group that contains a hard line as broken.
fn propagate_breaks(doc: &mut Doc) -> bool {
    match doc {
        Doc::HardLine => true,
        Doc::Text(_) | Doc::Line | Doc::SoftLine => false,
        Doc::Concat(parts) => parts
            .iter_mut()
            .fold(false, |acc, p| propagate_breaks(p) | acc),
        Doc::Indent(inner) => propagate_breaks(inner),
        Doc::Group {
            contents, broken, ..
        } => {
            let inner = propagate_breaks(contents);
            *broken |= inner;
            inner
        }
        Doc::IfBreak { broken, flat, .. } => propagate_breaks(broken) | propagate_breaks(flat),
    }
}

/// The columns `s` takes: its characters, counted only when it has other than ASCII.
fn columns(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let step = n.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        n -= step;
    }
}

fn trim_trailing_spaces(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(items: &[&'static str]) -> Doc {
        group(concat(vec![
            text("f("),
            indent(concat(vec![
                Doc::SoftLine,
                join(
                    concat(vec![text(","), Doc::Line]),
                    items.iter().map(|s| text(*s)).collect(),
                ),
                if_break(text(","), text("")),
            ])),
            Doc::SoftLine,
            text(");"),
        ]))
    }

    #[test]
    fn a_group_that_fits_stays_flat() {
        assert_eq!(print(args(&["a", "b"]), 80, 2, 0), "f(a, b);");
    }

    #[test]
    fn a_group_that_does_not_fit_breaks_with_a_trailing_comma() {
        assert_eq!(
            print(args(&["aaaa", "bbbb"]), 10, 2, 0),
            "f(\n  aaaa,\n  bbbb,\n);"
        );
    }

    #[test]
    fn the_rest_of_the_line_counts() {
        // "x = " precedes the group and ";" follows inside it: 8 + 4 = 12 columns.
        let doc = concat(vec![text("x = "), args(&["a", "b"])]);
        assert_eq!(print(doc.clone(), 12, 2, 0), "x = f(a, b);");
        assert_eq!(print(doc, 11, 2, 0), "x = f(\n  a,\n  b,\n);");
    }
}
