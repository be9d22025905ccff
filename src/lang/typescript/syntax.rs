//! TypeScript text exactly as prettier prints it: string literals, property keys, JSDoc, and
//! the documents of types, signatures and calls (see `crate::pretty`).

use crate::lang::docs;
use crate::pretty::{Doc, concat, group, if_break, indent, join, text};

/// Prettier's print width.
pub const WIDTH: usize = 80;

/// A string literal in prettier's quotes: double unless the text holds more double quotes than
/// single ones. Everything outside printable ASCII is escaped, so the source is ASCII and its
/// width is its length.
pub fn string(value: &str) -> String {
    let doubles = value.matches('"').count();
    let singles = value.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(value.len() + 2);
    out.push(quote);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// A property key: bare when it is an identifier, quoted otherwise (prettier's "as-needed").
pub fn key(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        name.to_owned()
    } else {
        string(name)
    }
}

/// A JSDoc comment at `indent`, ending with a newline; empty when there is nothing to say.
pub fn jsdoc(lines: &[String], indent: &str) -> String {
    jsdoc_with(lines, false, indent)
}

/// A JSDoc comment, with the `@deprecated` tag when `deprecated`. Written in one string, as
/// every declaration, field and method of a module has one.
pub fn jsdoc_with(lines: &[String], deprecated: bool, indent: &str) -> String {
    let mut out = String::new();
    match (lines, deprecated) {
        ([], false) => {}
        ([], true) => {
            out.push_str(indent);
            out.push_str("/** @deprecated */\n");
        }
        ([one], false) => {
            out.push_str(indent);
            out.push_str("/** ");
            sanitize(one, &mut out);
            out.push_str(" */\n");
        }
        (many, _) => {
            out.push_str(indent);
            out.push_str("/**\n");
            for line in many {
                out.push_str(indent);
                out.push_str(" * ");
                let text = out.len();
                sanitize(line, &mut out);
                if out.len() == text {
                    out.truncate(text - 1);
                }
                out.push('\n');
            }
            if deprecated {
                for line in [" *\n", " * @deprecated\n"] {
                    out.push_str(indent);
                    out.push_str(line);
                }
            }
            out.push_str(indent);
            out.push_str(" */\n");
        }
    }
    out
}

/// Appends a documentation line that cannot end the comment, start a tag, or carry invisible
/// characters, without trailing spaces.
fn sanitize(line: &str, out: &mut String) {
    let start = out.len();
    if docs::plain(line) && !line.starts_with('@') && !line.contains("*/") {
        out.push_str(line);
    } else {
        let mut previous = None;
        for c in line.chars() {
            let c = if c.is_control() { ' ' } else { c };
            if (previous.is_none() && c == '@') || (previous == Some('*') && c == '/') {
                out.push('\\');
            }
            out.push(c);
            previous = Some(c);
        }
    }
    let end = out.trim_end().len().max(start);
    out.truncate(end);
}

/// A TypeScript type, as far as generated code needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// `string`, `number`, `boolean`, `unknown`, `null`.
    Keyword(&'static str),
    Ref(String),
    /// `Record<string, T>`.
    Record(Box<Type>),
    Literal(String),
    Array(Box<Type>),
    Union(Vec<Type>),
    /// `[A, B?, ...C[]]`: the first `required` items must be there.
    Tuple {
        items: Vec<Type>,
        required: usize,
        rest: Option<Box<Type>>,
    },
}

impl Type {
    /// A union of these types, nested unions flattened, each member once (in linear time:
    /// the union of every event name is as long as the plan).
    pub fn union(members: Vec<Type>) -> Type {
        let mut flat: Vec<Type> = Vec::new();
        let mut seen: std::collections::HashSet<Type> = std::collections::HashSet::new();
        for m in members {
            let parts = match m {
                Type::Union(inner) => inner,
                other => vec![other],
            };
            for p in parts {
                crate::work::step(1);
                if seen.insert(p.clone()) {
                    flat.push(p);
                }
            }
        }
        if flat.len() == 1 {
            flat.pop().unwrap_or(Type::Keyword("never"))
        } else {
            Type::Union(flat)
        }
    }

    /// Prettier prints `T | null` inline and never breaks it when `T` is a type reference.
    fn hugged(members: &[Type]) -> bool {
        let references = members
            .iter()
            .filter(|m| matches!(m, Type::Ref(_) | Type::Record(_)))
            .count();
        let nulls = members
            .iter()
            .filter(|m| **m == Type::Keyword("null"))
            .count();
        references == 1 && references + nulls == members.len()
    }

    /// The document of the type where it annotates a property or parameter.
    pub fn annotation(&self) -> Doc {
        match self {
            Type::Union(members) if !Type::hugged(members) => {
                group(indent(concat(vec![Doc::SoftLine, union_members(members)])))
            }
            other => other.doc(),
        }
    }

    /// The document of the type on the right of `type X =`.
    pub fn alias_value(&self) -> Doc {
        match self {
            Type::Union(members) if !Type::hugged(members) => union_members(members),
            other => other.doc(),
        }
    }

    /// The document of a tuple element: a union in parentheses when it is optional-marked
    /// would read wrongly, so unions are parenthesised.
    fn element_doc(&self) -> Doc {
        match self {
            Type::Union(members) if !Type::hugged(members) => {
                concat(vec![text("("), self.doc(), text(")")])
            }
            other => other.doc(),
        }
    }

    fn doc(&self) -> Doc {
        match self {
            Type::Keyword(k) => text(*k),
            Type::Ref(name) => text(name.clone()),
            Type::Literal(l) => text(l.clone()),
            Type::Record(values) => group(concat(vec![
                text("Record<"),
                indent(concat(vec![
                    Doc::SoftLine,
                    text("string,"),
                    Doc::Line,
                    values.doc(),
                ])),
                Doc::SoftLine,
                text(">"),
            ])),
            Type::Tuple {
                items,
                required,
                rest,
            } => {
                let mut parts: Vec<Doc> = items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let optional = if i >= *required { "?" } else { "" };
                        concat(vec![t.element_doc(), text(optional)])
                    })
                    .collect();
                if let Some(rest) = rest {
                    parts.push(concat(vec![text("..."), Type::Array(rest.clone()).doc()]));
                }
                group(concat(vec![
                    text("["),
                    indent(concat(vec![
                        Doc::SoftLine,
                        join(concat(vec![text(","), Doc::Line]), parts),
                        if_break(text(","), text("")),
                    ])),
                    Doc::SoftLine,
                    text("]"),
                ]))
            }
            Type::Array(inner) => match inner.as_ref() {
                Type::Union(members) if Type::hugged(members) => {
                    concat(vec![text("("), inner.doc(), text(")[]")])
                }
                Type::Union(members) => concat(vec![
                    text("("),
                    group(concat(vec![
                        indent(concat(vec![Doc::SoftLine, union_members(members)])),
                        Doc::SoftLine,
                    ])),
                    text(")[]"),
                ]),
                other => concat(vec![other.doc(), text("[]")]),
            },
            Type::Union(members) if Type::hugged(members) => {
                join(text(" | "), members.iter().map(Type::doc).collect())
            }
            Type::Union(members) => {
                group(indent(concat(vec![Doc::SoftLine, union_members(members)])))
            }
        }
    }
}

/// Union members as prettier groups them: on one line, or one per line after `| `.
fn union_members(members: &[Type]) -> Doc {
    let mut parts = Vec::new();
    for (i, m) in members.iter().enumerate() {
        if i == 0 {
            parts.push(if_break(text("| "), text("")));
        } else {
            parts.push(Doc::Line);
            parts.push(text("| "));
        }
        parts.push(m.doc());
    }
    group(concat(parts))
}

/// `name(a, b)` with the arguments or parameters breaking one per line, with a trailing comma,
/// when they do not fit.
pub fn call(callee: &str, args: Vec<Doc>, after: &str) -> Doc {
    concat(vec![
        text(callee.to_owned()),
        group(concat(vec![
            text("("),
            indent(concat(vec![
                Doc::SoftLine,
                join(concat(vec![text(","), Doc::Line]), args),
                if_break(text(","), text("")),
            ])),
            Doc::SoftLine,
            text(")"),
        ])),
        text(after.to_owned()),
    ])
}

/// `{ a: A; b?: B }` as an object type literal: on one line, or one member per line, each
/// ending in `;`.
pub fn object_type(members: Vec<Doc>) -> Doc {
    group(concat(vec![
        text("{"),
        indent(concat(vec![
            Doc::Line,
            join(concat(vec![text(";"), Doc::Line]), members),
            if_break(text(";"), text("")),
        ])),
        Doc::Line,
        text("}"),
    ]))
}

/// `key?: type;` in an interface.
pub fn property_signature(key_text: &str, optional: bool, ty: &Type) -> Doc {
    concat(vec![
        text(format!("{key_text}{}: ", if optional { "?" } else { "" })),
        ty.annotation(),
        text(";"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pretty::print;

    #[test]
    fn strings_use_prettiers_quotes() {
        assert_eq!(string("Order Completed"), "\"Order Completed\"");
        assert_eq!(
            string("42_--terrible==\\\"event'++name~!3"),
            "\"42_--terrible==\\\\\\\"event'++name~!3\""
        );
        assert_eq!(string("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string("café\n"), "\"caf\\u00E9\\n\"");
        assert_eq!(string("😀"), "\"\\uD83D\\uDE00\"");
    }

    #[test]
    fn jsdoc_text_cannot_end_the_comment_or_start_a_tag() {
        let lines = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(jsdoc(&[], ""), "");
        assert_eq!(jsdoc_with(&[], true, "  "), "  /** @deprecated */\n");
        assert_eq!(
            jsdoc(&lines(&["@internal ends */ here**/ \t"]), ""),
            "/** \\@internal ends *\\/ here**\\/ */\n"
        );
        assert_eq!(jsdoc(&lines(&[" \u{7}"]), ""), "/**  */\n");
        assert_eq!(
            jsdoc_with(&lines(&["a\u{0}b", "", "c @d  "]), true, "  "),
            "  /**\n   * a b\n   *\n   * c @d\n   *\n   * @deprecated\n   */\n"
        );
    }

    #[test]
    fn keys_are_quoted_only_when_needed() {
        assert_eq!(key("order_id"), "order_id");
        assert_eq!(key("$ok"), "$ok");
        assert_eq!(key("regex property"), "\"regex property\"");
        assert_eq!(key("1"), "\"1\"");
        assert_eq!(key("café"), "\"caf\\u00E9\"");
    }

    #[test]
    fn long_unions_break_like_prettier() {
        let union = Type::union(vec![
            Type::Literal("\"Evil Morty\"".into()),
            Type::Literal("\"Lawyer Morty\"".into()),
            Type::Keyword("null"),
        ]);
        // Expected outputs are prettier 3's, pasted from its output.
        let doc = property_signature("\"a much longer key that pushes the line\"", false, &union);
        assert_eq!(
            print(doc, WIDTH, 2, 2),
            "\"a much longer key that pushes the line\":\n    \"Evil Morty\" | \"Lawyer Morty\" | null;"
        );
        let many = Type::union(
            (0..8)
                .map(|i| Type::Literal(format!("\"value number {i}\"")))
                .collect(),
        );
        let doc = property_signature("key", true, &many);
        assert_eq!(
            print(doc, WIDTH, 2, 2),
            "key?:\n    | \"value number 0\"\n    | \"value number 1\"\n    | \"value number 2\"\n    | \"value number 3\"\n    | \"value number 4\"\n    | \"value number 5\"\n    | \"value number 6\"\n    | \"value number 7\";"
        );
        let hugged = Type::union(vec![
            Type::Ref("AVeryLongTypeNameThatWouldNotFitOnTheLineAtAll".into()),
            Type::Keyword("null"),
        ]);
        let doc = property_signature("\"a much longer key\"", true, &hugged);
        assert_eq!(
            print(doc, WIDTH, 2, 2),
            "\"a much longer key\"?: AVeryLongTypeNameThatWouldNotFitOnTheLineAtAll | null;"
        );
    }
}
