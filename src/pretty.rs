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
pub fn print(doc: Doc, width: usize, indent_width: usize, start_indent: usize) -> String {
    // Most documents are a line that fits: a generator prints one per line of a declaration,
    // tens of thousands in a large plan. Written flat in one walk, they skip the printer's
    // three (breaks, fits, print), a third of Swift's rendering.
    let mut out = String::with_capacity(width);
    let room = width.saturating_sub(start_indent);
    if flat_fits(&doc, false, &mut out, &mut 0, room) {
        return out;
    }
    out.clear();
    print_broken(doc, width, indent_width, start_indent, out)
}

/// `doc` printed as [`print`] prints it, where `flat` is what `doc` is on one line: when that
/// fits, it is the output, and the document is never built. For documents that print flat
/// whenever they fit, such as those with a group at their root and no hard line; a generator
/// that makes one per line of a declaration saves building and freeing most of them.
// Swift's printing uses this.
#[cfg_attr(not(feature = "swift"), allow(dead_code))]
pub fn print_flat_or(
    flat: String,
    doc: impl FnOnce() -> Doc,
    width: usize,
    indent_width: usize,
    start_indent: usize,
) -> String {
    if !flat.contains('\n') && columns(&flat) <= width.saturating_sub(start_indent) {
        return flat;
    }
    print(doc(), width, indent_width, start_indent)
}

/// Writes `doc` flat to `out` if that is what [`print_broken`] would print: every group in
/// it flat, and the whole within `room` columns (`used` counts them). No when it meets what
/// only breaks (a hard line, even in an `IfBreak`'s other branch; a broken group; a line
/// outside every group) or what depends on the printer's choices (`IfBreak` outside a
/// group); `out` is then left partly written.
fn flat_fits(doc: &Doc, in_group: bool, out: &mut String, used: &mut usize, room: usize) -> bool {
    match doc {
        Doc::Text(s) => {
            out.push_str(s);
            *used += columns(s);
            *used <= room
        }
        Doc::Concat(parts) => parts
            .iter()
            .all(|p| flat_fits(p, in_group, out, used, room)),
        Doc::Indent(inner) => flat_fits(inner, in_group, out, used, room),
        Doc::Group {
            contents, broken, ..
        } => !broken && flat_fits(contents, true, out, used, room),
        Doc::Line if in_group => {
            out.push(' ');
            *used += 1;
            *used <= room
        }
        Doc::SoftLine if in_group => true,
        // A hard line in the branch not taken still breaks the groups around it.
        Doc::IfBreak { broken, flat, .. } if in_group => {
            !has_hard_line(broken) && flat_fits(flat, true, out, used, room)
        }
        Doc::Line | Doc::SoftLine | Doc::HardLine | Doc::IfBreak { .. } => false,
    }
}

/// The printer proper, for documents that do not print as one flat line.
fn print_broken(
    mut doc: Doc,
    width: usize,
    indent_width: usize,
    start_indent: usize,
    mut out: String,
) -> String {
    propagate_breaks(&mut doc);
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

/// Whether `doc` holds a hard line, which [`propagate_breaks`] would break its groups for.
fn has_hard_line(doc: &Doc) -> bool {
    match doc {
        Doc::HardLine => true,
        Doc::Text(_) | Doc::Line | Doc::SoftLine => false,
        Doc::Concat(parts) => parts.iter().any(has_hard_line),
        Doc::Indent(inner)
        | Doc::Group {
            contents: inner, ..
        } => has_hard_line(inner),
        Doc::IfBreak { broken, flat, .. } => has_hard_line(broken) || has_hard_line(flat),
    }
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

    /// Documents of every construct, nested, with texts of a few widths (one not ASCII) and
    /// group ids that IfBreaks refer to.
    fn documents() -> impl proptest::strategy::Strategy<Value = Doc> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            prop::sample::select(vec!["", "a", "f(", ");", "héllo", "longer_name: Type"])
                .prop_map(text),
            Just(Doc::Line),
            Just(Doc::SoftLine),
            Just(Doc::HardLine),
        ];
        leaf.prop_recursive(5, 48, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(concat),
                (inner.clone(), any::<bool>(), prop::option::of(0..3_usize)).prop_map(
                    |(d, broken, id)| Doc::Group {
                        contents: Box::new(d),
                        broken,
                        id,
                    }
                ),
                inner.clone().prop_map(indent),
                (inner.clone(), inner, prop::option::of(0..3_usize)).prop_map(
                    |(broken, flat, group_id)| Doc::IfBreak {
                        broken: Box::new(broken),
                        flat: Box::new(flat),
                        group_id,
                    }
                ),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The flat shortcut is only a shortcut: whatever it prints, the printer would have.
        #[test]
        fn printing_flat_at_once_is_what_the_printer_prints(
            doc in documents(),
            width in 0..40_usize,
            start in 0..8_usize,
        ) {
            let full = print_broken(doc.clone(), width, 2, start, String::new());
            proptest::prop_assert_eq!(print(doc, width, 2, start), full);
        }
    }

    /// The case the property test found: the shortcut once looked only at the branch an
    /// `IfBreak` takes, but a hard line in the other one breaks the group too.
    #[test]
    fn a_hard_line_in_the_branch_not_taken_still_breaks_the_group() {
        let doc = group(if_break(Doc::HardLine, text("")));
        assert_eq!(print(doc, 80, 2, 0), "\n");
    }

    /// The shortcut is taken where it should be, so the property test compares something.
    #[test]
    fn a_line_that_fits_is_printed_by_the_shortcut() {
        let mut out = String::new();
        assert!(flat_fits(&args(&["a", "b"]), false, &mut out, &mut 0, 80));
        assert_eq!(out, "f(a, b);");
        assert!(!flat_fits(
            &args(&["a", "b"]),
            false,
            &mut String::new(),
            &mut 0,
            7
        ));
        let broken = concat(vec![text("a"), Doc::Line, text("b")]);
        assert!(!flat_fits(&broken, false, &mut String::new(), &mut 0, 80));
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
