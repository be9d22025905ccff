//! The renderer of the templates that are rendered often or at build time: the Rust template
//! (one per file; a build script that generates Rust would otherwise compile tera, about 3.6
//! CPU-seconds of every cold build of the user's crate), and the templates rendered once per
//! declaration (a Swift struct, a TypeScript interface), where tera's copying of each view
//! into a context of its own was most of rendering's cost.
//!
//! It reads a subset of tera's syntax: `{{ path }}`, `{% if path %}` and `{% if not path %}`,
//! `{% else %}`, `{% endif %}`, `{% for name in path %}`, `{% endfor %}`, with tera's `-`
//! whitespace control, where a path is a name with fields after dots (`p.doc`), or
//! `loop.first` or `loop.last` inside a loop. A template is compiled once into a list of
//! steps with jumps, so that nothing about rendering it is recursive, and reads its view in
//! place ([`View`]). Tests hold its output to tera's, byte for byte.
//!
//! What is outside the subset (filters, `elif`, expressions, comments, a name the view lacks,
//! a block without its end) is an [`Error::Internal`] naming the template and the line: never
//! output tera would not have written.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value as Json;

use super::view::{Field, Seq, Value, View};
use crate::error::{Error, Result};

/// Names tera reads as something other than a variable (its parser's reserved names, and the
/// one that prints the whole context), so that they never silently mean a field of the view.
/// `loop` is one: only `loop.first` and `loop.last` are read, inside a loop.
const RESERVED: [&str; 17] = [
    "true",
    "True",
    "false",
    "False",
    "loop",
    "self",
    "and",
    "or",
    "not",
    "is",
    "in",
    "continue",
    "break",
    "none",
    "None",
    "null",
    "__tera_context",
];

/// What the subset allows, for error messages.
const SUBSET: &str = "a template rendered without tera (src/render/subset.rs) may use only \
                      `{{ path }}`, `{% if [not] path %}`, `{% else %}`, `{% endif %}`, \
                      `{% for name in path %}` and `{% endfor %}`";

/// Renders `template` with `view`, serialized, as its context.
pub fn render(template: &Template<'_>, view: &impl Serialize) -> Result<String> {
    let name = template.name;
    let view = match serde_json::to_value(view) {
        Ok(Json::Object(view)) => view,
        Ok(other) => {
            return Err(Error::Internal(format!(
                "view of {name} is not a map: {}",
                kind(other.value())
            )));
        }
        Err(e) => return Err(Error::Internal(format!("view of {name} is not a map: {e}"))),
    };
    // The large values (the validation rules) are written once: room for them from the start.
    let strings: usize = view.values().filter_map(Json::as_str).map(str::len).sum();
    let mut out = String::with_capacity(template.text_len + strings);
    template.render_into(&view, &mut out)?;
    Ok(out)
}

/// A compiled template: its steps, borrowing its text.
pub struct Template<'t> {
    name: &'t str,
    steps: Vec<Step<'t>>,
    /// The length of its text outside tags, for sizing the output: rendering writes that
    /// text once, besides the values (more of it in loops, less in branches not taken).
    pub text_len: usize,
}

/// A name with the fields read after it (`p.doc` is `["p", "doc"]`), and which enclosing
/// loop's item the name is (0 the outermost), if it is one: found once, when the template is
/// compiled, so that reading a name costs the same however deep the loops.
struct Path<'t> {
    segments: Vec<&'t str>,
    item: Option<usize>,
}

impl Path<'_> {
    fn describe(&self) -> String {
        self.segments.join(".")
    }
}

enum Step<'t> {
    Text(&'t str),
    Print {
        path: Path<'t>,
        line: usize,
    },
    /// Goes on to `to` unless the path is true (or, with `negate`, false).
    Branch {
        path: Path<'t>,
        negate: bool,
        to: usize,
        line: usize,
    },
    /// Goes on to `to`: past an `else` branch, at the end of the taken one.
    Jump(usize),
    /// Enters a loop over the list at `path`; an empty list goes on to `end`, past the loop.
    Loop {
        path: Path<'t>,
        end: usize,
        line: usize,
    },
    /// The end of a loop's body: back to `body` for the next item, or out of the loop.
    Next {
        body: usize,
    },
}

/// One `{{ … }}` or `{% … %}`.
struct Tag<'t> {
    /// `{{-` or `{%-`: the text before it loses its trailing whitespace.
    trim_before: bool,
    what: What<'t>,
    /// `-}}` or `-%}`: the text after it loses its leading whitespace.
    trim_after: bool,
    /// Its length in bytes.
    len: usize,
}

enum What<'t> {
    Print(Path<'t>),
    If { negate: bool, path: Path<'t> },
    Else,
    EndIf,
    For { name: &'t str, path: Path<'t> },
    EndFor,
}

/// A block not yet closed, with the line it opened on.
enum Open<'t> {
    /// The `Branch` step at `branch`, and the `Jump` ending its first branch once past `else`.
    If {
        line: usize,
        branch: usize,
        jump: Option<usize>,
    },
    /// The `Loop` step at `start`, whose items are called `name`.
    For {
        line: usize,
        name: &'t str,
        start: usize,
    },
}

impl Open<'_> {
    fn describe(&self) -> String {
        match self {
            Open::If { line, .. } => format!("the `if` of line {line}"),
            Open::For { line, .. } => format!("the `for` of line {line}"),
        }
    }
}

impl<'t> Template<'t> {
    /// Compiles `text`, the template called `name`.
    pub fn compile(name: &'t str, text: &'t str) -> Result<Template<'t>> {
        let fail = |line: usize, what: String| {
            Error::Internal(format!("template {name}, line {line}: {what}"))
        };
        let mut steps = Vec::new();
        let mut text_len = 0;
        let mut open: Vec<Open> = Vec::new();
        // Each name an open loop binds, with the loops (by depth) that bind it, innermost last.
        let mut bound: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut loops = 0;
        let mut trim_start = false;
        let mut line = 1;
        let mut rest = text;
        loop {
            let at = next_tag(rest);
            let mut piece = &rest[..at.unwrap_or(rest.len())];
            line += newlines(piece);
            let tag = match at {
                Some(at) => Some(lex(&rest[at..]).map_err(|what| fail(line, what))?),
                None => None,
            };
            // tera trims with `str::trim_start` and `str::trim_end`: Unicode whitespace.
            if trim_start {
                piece = piece.trim_start();
            }
            if tag.as_ref().is_some_and(|t| t.trim_before) {
                piece = piece.trim_end();
            }
            if !piece.is_empty() {
                text_len += piece.len();
                steps.push(Step::Text(piece));
            }
            let (Some(at), Some(tag)) = (at, tag) else {
                break;
            };
            let mut what = tag.what;
            if let What::Print(path) | What::If { path, .. } | What::For { path, .. } = &mut what
                && path.segments[0] != "loop"
            {
                path.item = bound.get(path.segments[0]).and_then(|d| d.last().copied());
            }
            match what {
                What::Print(path) => steps.push(Step::Print { path, line }),
                What::If { negate, path } => {
                    open.push(Open::If {
                        line,
                        branch: steps.len(),
                        jump: None,
                    });
                    steps.push(Step::Branch {
                        path,
                        negate,
                        to: 0,
                        line,
                    });
                }
                What::Else => match open.last_mut() {
                    Some(Open::If {
                        jump: Some(_),
                        line: opened,
                        ..
                    }) => {
                        return Err(fail(
                            line,
                            format!("a second `else` for the `if` of line {opened}"),
                        ));
                    }
                    Some(Open::If { branch, jump, .. }) => {
                        *jump = Some(steps.len());
                        steps.push(Step::Jump(0));
                        let here = steps.len();
                        set_target(&mut steps[*branch], here);
                    }
                    Some(other) => {
                        return Err(fail(
                            line,
                            format!("`else` inside {}; {SUBSET}", other.describe()),
                        ));
                    }
                    None => return Err(fail(line, "`else` outside an `if`".to_owned())),
                },
                What::EndIf => match open.pop() {
                    Some(Open::If { branch, jump, .. }) => {
                        let here = steps.len();
                        set_target(&mut steps[jump.unwrap_or(branch)], here);
                    }
                    Some(other) => {
                        return Err(fail(line, format!("`endif` closes {}", other.describe())));
                    }
                    None => return Err(fail(line, "`endif` outside an `if`".to_owned())),
                },
                What::For { name, path } => {
                    bound.entry(name).or_default().push(loops);
                    loops += 1;
                    open.push(Open::For {
                        line,
                        name,
                        start: steps.len(),
                    });
                    steps.push(Step::Loop { path, end: 0, line });
                }
                What::EndFor => match open.pop() {
                    Some(Open::For { start, name, .. }) => {
                        loops -= 1;
                        if let Some(depths) = bound.get_mut(name) {
                            depths.pop();
                        }
                        steps.push(Step::Next { body: start + 1 });
                        let here = steps.len();
                        set_target(&mut steps[start], here);
                    }
                    Some(other) => {
                        return Err(fail(line, format!("`endfor` closes {}", other.describe())));
                    }
                    None => return Err(fail(line, "`endfor` outside a `for`".to_owned())),
                },
            }
            trim_start = tag.trim_after;
            let end = at + tag.len;
            line += newlines(&rest[at..end]);
            rest = &rest[end..];
        }
        match open.last() {
            Some(Open::If { line, .. }) => Err(fail(*line, "this `if` has no `endif`".to_owned())),
            Some(Open::For { line, .. }) => {
                Err(fail(*line, "this `for` has no `endfor`".to_owned()))
            }
            None => Ok(Template {
                name,
                steps,
                text_len,
            }),
        }
    }

    /// Renders the template with `view` as its context, onto the end of `out`.
    pub fn render_into(&self, view: &dyn View, out: &mut String) -> Result<()> {
        let fail = |line: usize, what: String| {
            Error::Internal(format!("template {}, line {line}: {what}", self.name))
        };
        let mut loops: Vec<Loop<'_>> = Vec::new();
        let mut at = 0;
        while let Some(step) = self.steps.get(at) {
            at += 1;
            match step {
                Step::Text(text) => out.push_str(text),
                Step::Print { path, line } => {
                    let value = lookup(view, &loops, path).map_err(|w| fail(*line, w))?;
                    print(out, path, value).map_err(|w| fail(*line, w))?;
                }
                Step::Branch {
                    path,
                    negate,
                    to,
                    line,
                } => {
                    let value = lookup(view, &loops, path).map_err(|w| fail(*line, w))?;
                    if is_truthy(value) == *negate {
                        at = *to;
                    }
                }
                Step::Jump(to) => at = *to,
                Step::Loop { path, end, line } => {
                    match lookup(view, &loops, path).map_err(|w| fail(*line, w))? {
                        Value::List(items) if items.is_empty() => at = *end,
                        Value::List(items) => loops.push(Loop { items, index: 0 }),
                        other => {
                            return Err(fail(
                                *line,
                                format!(
                                    "`{}` is {}; `for` walks only lists here",
                                    path.describe(),
                                    kind(other)
                                ),
                            ));
                        }
                    }
                }
                Step::Next { body } => {
                    if let Some(current) = loops.last_mut() {
                        current.index += 1;
                        if current.index < current.items.len() {
                            at = *body;
                        } else {
                            loops.pop();
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Points a `Branch`, `Jump` or `Loop` at `to`.
fn set_target(step: &mut Step<'_>, to: usize) {
    match step {
        Step::Branch { to: target, .. } | Step::Loop { end: target, .. } | Step::Jump(target) => {
            *target = to;
        }
        Step::Text(_) | Step::Print { .. } | Step::Next { .. } => {}
    }
}

/// A loop being walked.
struct Loop<'v> {
    items: &'v dyn Seq,
    index: usize,
}

/// The value at `path`: `loop.first` or `loop.last`, an item of an enclosing loop (the
/// innermost of that name), or a field of the view; then the fields after it.
fn lookup<'v>(
    view: &'v dyn View,
    loops: &[Loop<'v>],
    path: &Path<'_>,
) -> std::result::Result<Value<'v>, String> {
    let (first, fields) = path.segments.split_first().ok_or("an empty path")?;
    if *first == "loop" {
        let current = loops
            .last()
            .ok_or("`loop` is read outside a `for`".to_owned())?;
        return match fields {
            ["first"] => Ok(Value::Bool(current.index == 0)),
            ["last"] => Ok(Value::Bool(current.index + 1 == current.items.len())),
            _ => Err(format!(
                "`{}`: only `loop.first` and `loop.last` are read here",
                path.describe()
            )),
        };
    }
    let mut value = match path.item {
        Some(depth) => {
            let l = loops
                .get(depth)
                .ok_or_else(|| format!("`{first}` is read outside its `for`"))?;
            l.items.item(l.index)
        }
        None => view
            .field(first)
            .ok_or_else(|| format!("`{first}` is not in the view"))?,
    };
    for (i, field) in fields.iter().enumerate() {
        value = match value {
            Value::Map(map) => map.field(field).ok_or_else(|| {
                format!("`{}` is not in the view", path.segments[..i + 2].join("."))
            })?,
            other => {
                return Err(format!(
                    "`{}` is {}, which has no fields",
                    path.segments[..i + 1].join("."),
                    kind(other)
                ));
            }
        };
    }
    Ok(value)
}

/// Where the next `{{`, `{%` or `{#` starts: where tera's lexer leaves text.
fn next_tag(text: &str) -> Option<usize> {
    text.as_bytes()
        .windows(2)
        .position(|w| w[0] == b'{' && matches!(w[1], b'{' | b'%' | b'#'))
}

fn newlines(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count()
}

/// Reads the tag `src` starts with, as tera's lexer does, or says why it is not in the subset.
fn lex(src: &str) -> std::result::Result<Tag<'_>, String> {
    let b = src.as_bytes();
    let unsupported = |why: &str| format!("`{}` {why}; {SUBSET}", excerpt(src));
    let close: &[u8] = match b.get(1) {
        Some(b'{') => b"}}",
        Some(b'%') => b"%}",
        _ => return Err(unsupported("is a comment")),
    };
    let mut i = 2;
    let trim_before = b.get(i) == Some(&b'-');
    if trim_before {
        i += 1;
    }
    let what = if close == b"}}" {
        What::Print(path(src, &mut i).map_err(&unsupported)?)
    } else {
        match ident(src, &mut i) {
            "if" => {
                let mut word_end = i;
                let negate = ident(src, &mut word_end) == "not";
                if negate {
                    i = word_end;
                }
                What::If {
                    negate,
                    path: path(src, &mut i).map_err(&unsupported)?,
                }
            }
            "else" => What::Else,
            "endif" => What::EndIf,
            "for" => {
                let name = variable(ident(src, &mut i)).map_err(&unsupported)?;
                if ident(src, &mut i) != "in" {
                    return Err(unsupported("is not `for name in path`"));
                }
                What::For {
                    name,
                    path: path(src, &mut i).map_err(&unsupported)?,
                }
            }
            "endfor" => What::EndFor,
            "" => return Err(unsupported("is not a tag of the subset")),
            other => return Err(unsupported(&format!("is an unsupported `{other}` tag"))),
        }
    };
    skip_whitespace(b, &mut i);
    let trim_after = b.get(i) == Some(&b'-');
    if trim_after {
        i += 1;
    }
    if b.get(i..i + 2) != Some(close) {
        return Err(unsupported("is an expression or is not closed"));
    }
    Ok(Tag {
        trim_before,
        what,
        trim_after,
        len: i + 2,
    })
}

/// A path at `i`: a variable, or `loop`, then fields, each after a dot with nothing between.
fn path<'t>(src: &'t str, i: &mut usize) -> std::result::Result<Path<'t>, &'static str> {
    let first = ident(src, i);
    let mut segments = vec![if first == "loop" {
        first
    } else {
        variable(first)?
    }];
    while src.as_bytes().get(*i) == Some(&b'.') {
        *i += 1;
        let start = *i;
        let field = ident(src, i);
        if field.is_empty() || *i - field.len() != start {
            return Err("has a dot without a field after it");
        }
        segments.push(field);
    }
    if first == "loop" && !matches!(segments[1..], ["first"] | ["last"]) {
        return Err("reads `loop` other than as `loop.first` or `loop.last`");
    }
    Ok(Path {
        segments,
        item: None,
    })
}

/// A variable's name, if it is one: tera reads reserved names as literals or operators.
fn variable(word: &str) -> std::result::Result<&str, &'static str> {
    if word.is_empty() {
        Err("does not name a variable")
    } else if RESERVED.contains(&word) {
        Err("names a literal or operator, not a variable")
    } else {
        Ok(word)
    }
}

fn skip_whitespace(b: &[u8], i: &mut usize) {
    while b.get(*i).is_some_and(u8::is_ascii_whitespace) {
        *i += 1;
    }
}

/// The identifier at `i`, after whitespace, as tera's lexer reads one: `_` or an ASCII letter,
/// then `_`, ASCII letters and digits. Empty if there is none.
fn ident<'t>(src: &'t str, i: &mut usize) -> &'t str {
    let b = src.as_bytes();
    skip_whitespace(b, i);
    let start = *i;
    while b.get(*i).is_some_and(|&c| {
        c == b'_' || c.is_ascii_alphabetic() || (*i > start && c.is_ascii_digit())
    }) {
        *i += 1;
    }
    // Only ASCII bytes were passed: `start` and `i` are on character boundaries.
    src.get(start..*i).unwrap_or_default()
}

/// The start of a tag, for an error message: to its end or its line's, at most 60 characters.
fn excerpt(src: &str) -> String {
    let line = src.split('\n').next().unwrap_or_default();
    let end = ["}}", "%}", "#}"]
        .iter()
        .filter_map(|close| line.find(close).map(|at| at + 2))
        .min()
        .unwrap_or(line.len());
    line[..end].chars().take(60).collect()
}

/// Writes `value` as tera writes a string, number or boolean.
fn print(out: &mut String, path: &Path<'_>, value: Value<'_>) -> std::result::Result<(), String> {
    match value {
        Value::Str(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => out.push_str(&u.to_string()),
            (None, Some(i), _) => out.push_str(&i.to_string()),
            // tera writes floats with `Debug`, so that integral ones keep their `.0`.
            (None, None, Some(f)) => out.push_str(&format!("{f:?}")),
            (None, None, None) => {
                return Err(format!(
                    "`{}` is the number {n}, out of range",
                    path.describe()
                ));
            }
        },
        other => {
            return Err(format!(
                "`{}` is {}; {{{{ }}}} writes only strings, numbers and booleans here",
                path.describe(),
                kind(other)
            ));
        }
    }
    Ok(())
}

/// tera's truthiness. (serde_json makes a NaN or infinite float `null`, false where tera's
/// own value would be true; no view has a float.)
fn is_truthy(value: Value<'_>) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => b,
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u != 0,
            (None, Some(i), _) => i != 0,
            (None, None, f) => f.is_some_and(|f| f != 0.0),
        },
        Value::Str(s) => !s.is_empty(),
        Value::List(items) => !items.is_empty(),
        Value::Map(map) => !map.is_empty(),
    }
}

fn kind(value: Value<'_>) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::Str(_) => "a string",
        Value::List(_) => "an array",
        Value::Map(_) => "a map",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::error::Error;

    fn render(template: &str, view: &Value) -> crate::error::Result<String> {
        super::Template::compile("t", template).and_then(|t| super::render(&t, view))
    }

    fn view() -> Value {
        json!({ "t": true, "f": false, "s": " X ", "n": 7, "m": -2, "x": 1.0, "nothing": null,
                "list": [1], "map": { "a": 1 } })
    }

    #[test]
    fn whitespace_control_trims_the_text_beside_the_dash() {
        let cases = [
            ("a \n {{- s -}} \n b", "a X b"),
            ("a \n {{ s -}} \n b", "a \n  X b"),
            ("x\n{%- if t %}\nyes\n{%- endif %}\ny", "x\nyes\ny"),
            (
                "x\n{% if f -%}\nno\n{%- else -%}\n  yes  \n{%- endif -%}\n y",
                "x\nyesy",
            ),
            (
                "{% if f %}A{% else %}[{% if t %}B{% endif %}]{% endif %}",
                "[B]",
            ),
            ("{{n}}|{{ m }}|{{ x }}|{{ t }}|{{ s }}", "7|-2|1.0|true| X "),
            ("  {%- if t -%}  \u{3000}  {%- endif -%}  end", "end"),
        ];
        for (template, expected) in cases {
            assert_eq!(render(template, &view()).unwrap(), expected, "{template:?}");
        }
    }

    /// Nothing recursive: a template as deep as this would overflow the stack.
    #[test]
    fn deep_nesting_renders() {
        let depth = 100_000;
        let template = "{% if t %}({% if f %}no{% else %}[".repeat(depth)
            + &"]{% endif %}){% endif %}".repeat(depth);
        let expected = "([".repeat(depth) + &"])".repeat(depth);
        assert_eq!(render(&template, &view()).unwrap(), expected);
        let loops = "{% for x in list %}<{{ x }}".repeat(depth) + &">{% endfor %}".repeat(depth);
        let expected = "<1".repeat(depth) + &">".repeat(depth);
        assert_eq!(render(&loops, &view()).unwrap(), expected);
    }

    #[test]
    fn what_the_subset_lacks_is_an_internal_error_with_its_line() {
        let cases = [
            (
                "\n\n{{ s | upper }}",
                3,
                "`{{ s | upper }}` is an expression",
            ),
            (
                "{% if t %}\n{% elif f %}\n{% endif %}",
                2,
                "is an unsupported `elif` tag",
            ),
            ("{{ s ~ s }}", 1, "is an expression"),
            ("{% if t and f %}{% endif %}", 1, "is an expression"),
            ("{% if t == f %}{% endif %}", 1, "is an expression"),
            ("{{ \"lit\" }}", 1, "does not name a variable"),
            ("{{ 1 }}", 1, "does not name a variable"),
            ("{{ -s }}", 1, "does not name a variable"),
            ("{{ s - }}", 1, "is an expression"),
            ("{{ }}", 1, "does not name a variable"),
            ("{% %}", 1, "is not a tag of the subset"),
            ("{% if %}{% endif %}", 1, "does not name a variable"),
            ("{% if t x %}{% endif %}", 1, "is an expression"),
            ("{% endif x %}", 1, "is an expression"),
            ("x\n{{ missing }}", 2, "`missing` is not in the view"),
            (
                "{% if missing %}{% endif %}",
                1,
                "`missing` is not in the view",
            ),
            ("x\n{% if t %}\nno end", 2, "this `if` has no `endif`"),
            (
                "{% if t %}{% if f %}{% endif %}",
                1,
                "this `if` has no `endif`",
            ),
            (
                "{% if t %}{% endif %}\n{% endif %}",
                2,
                "`endif` outside an `if`",
            ),
            ("\n{% else %}", 2, "`else` outside an `if`"),
            (
                "{% if t %}\n{% else %}\n{% else %}{% endif %}",
                3,
                "a second `else` for the `if` of line 1",
            ),
            ("x {# a comment #}", 1, "is a comment"),
            ("{% raw %}x{% endraw %}", 1, "is an unsupported `raw` tag"),
            ("{% set y = 1 %}", 1, "is an unsupported `set` tag"),
            ("{% include \"t\" %}", 1, "is an unsupported `include` tag"),
            ("{{ true }}", 1, "names a literal or operator"),
            ("{% if none %}{% endif %}", 1, "names a literal or operator"),
            ("{{ __tera_context }}", 1, "names a literal or operator"),
            ("line\n{{ s", 2, "is not closed"),
            ("{% if t }}{% endif %}", 1, "is not closed"),
            ("{{ s %}", 1, "is not closed"),
            ("{{- s - }}", 1, "is not closed"),
            ("{{ nothing }}", 1, "`nothing` is null"),
            (
                "a\n{% for x in s %}{% endfor %}",
                2,
                "`s` is a string; `for` walks",
            ),
            ("{% for x in nothing %}{% endfor %}", 1, "`nothing` is null"),
            ("\n{% endfor %}", 2, "`endfor` outside a `for`"),
            ("{% for x in list %}\n", 1, "this `for` has no `endfor`"),
            (
                "{% if t %}\n{% endfor %}",
                2,
                "`endfor` closes the `if` of line 1",
            ),
            (
                "\n{% for x in list %}{% endif %}",
                2,
                "`endif` closes the `for` of line 2",
            ),
            (
                "{% for x in list %}{% else %}{% endfor %}",
                1,
                "`else` inside the `for` of line 1",
            ),
            ("{% for loop in list %}{% endfor %}", 1, "names a literal"),
            (
                "{% for x of list %}{% endfor %}",
                1,
                "is not `for name in path`",
            ),
            (
                "{% for x in list if x %}{% endfor %}",
                1,
                "is an expression",
            ),
            (
                "{% for k, v in map %}{% endfor %}",
                1,
                "is not `for name in path`",
            ),
            ("{{ loop.index }}", 1, "reads `loop` other than"),
            ("{{ loop }}", 1, "reads `loop` other than"),
            ("{{ loop.first }}", 1, "`loop` is read outside a `for`"),
            ("{{ s.x }}", 1, "`s` is a string, which has no fields"),
            ("{{ map.b }}", 1, "`map.b` is not in the view"),
            ("{{ map. a }}", 1, "has a dot without a field"),
            (
                "{{ map.a.b }}",
                1,
                "`map.a` is a number, which has no fields",
            ),
            ("{% if not %}{% endif %}", 1, "does not name a variable"),
            (
                "{% if not not t %}{% endif %}",
                1,
                "names a literal or operator",
            ),
            ("{{ map.a | upper }}", 1, "is an expression"),
            ("{{ list[0] }}", 1, "is an expression"),
            ("{{ list }}", 1, "`list` is an array"),
            ("{{ map }}", 1, "`map` is a map"),
        ];
        for (template, line, what) in cases {
            match render(template, &view()) {
                Err(Error::Internal(message)) => {
                    let at = format!("template t, line {line}: ");
                    assert!(
                        message.starts_with(&at) && message.contains(what),
                        "{template:?}: {message:?} should start with {at:?} and say {what:?}"
                    );
                }
                other => panic!("{template:?} should be an internal error, not {other:?}"),
            }
        }
    }

    #[test]
    fn a_view_that_is_not_a_map_is_an_internal_error() {
        assert!(matches!(
            render("x", &json!([true])),
            Err(Error::Internal(m)) if m == "view of t is not a map: an array"
        ));
    }
}

/// tera is the reference: whatever the subset renders, tera renders the same, byte for byte.
#[cfg(all(test, any(feature = "typescript", feature = "swift", feature = "docs")))]
mod oracle {
    use std::collections::BTreeSet;

    use serde_json::{Map, Value, json};

    /// tera's output, rendered as `crate::render`'s engine renders (nothing escaped).
    fn tera(template: &str, view: &Value) -> Result<String, String> {
        let tera = crate::render::tera([("t", template)]).map_err(|e| format!("{e:?}"))?;
        let context = tera::Context::from_serialize(view).map_err(|e| format!("{e:?}"))?;
        tera.render("t", &context).map_err(|e| format!("{e:?}"))
    }

    fn subset(template: &str, view: &Value) -> Result<String, String> {
        super::Template::compile("t", template)
            .and_then(|t| super::render(&t, view))
            .map_err(|e| format!("{e:?}"))
    }

    /// The names `{% if name %}` or `{{ name }}` (`opening` is `{%` with `if`, or `{{`) use in
    /// `text`, read without the subset's own lexer.
    fn names<'t>(text: &'t str, opening: &str, keyword: &str) -> BTreeSet<&'t str> {
        text.split(opening)
            .skip(1)
            .filter_map(|tag| {
                let tag = tag.strip_prefix('-').unwrap_or(tag).trim_start();
                let rest = tag.strip_prefix(keyword)?;
                let name = rest.trim_start();
                if !keyword.is_empty() && name.len() == rest.len() {
                    return None;
                }
                let end = name
                    .find(|c: char| c != '_' && !c.is_ascii_alphanumeric())
                    .unwrap_or(name.len());
                Some(&name[..end])
            })
            .collect()
    }

    /// Text that a careless renderer would trim, interpret or lose.
    const AWKWARD: [&str; 12] = [
        "",
        "{{ validate }}",
        "{% if patterns %}x{% endif %}",
        "{%- else -%}",
        "{# #}",
        "}} %} {",
        "\n",
        "  trailing  \n  ",
        "#",
        "r##\"raw\"##",
        "\u{1}tracktype:splice\u{1}",
        "\t\u{3000}é\r\n",
    ];

    #[test]
    fn the_rust_template_renders_as_tera_does_for_every_combination_of_its_flags() {
        let (name, text) = crate::render::TEMPLATES
            .iter()
            .find(|(name, _)| *name == "rust/module.rs")
            .unwrap();
        let flags: Vec<&str> = names(text, "{%", "if").into_iter().collect();
        let strings: Vec<&str> = names(text, "{{", "").into_iter().collect();
        // The names were found: a change of spelling would not leave the test testing nothing.
        for known in ["rustfmt_guard", "validate", "patterns", "json_literal"] {
            assert!(flags.contains(&known), "{known} not among {flags:?}");
        }
        for known in ["header", "decls", "rules", "hashes", "version"] {
            assert!(strings.contains(&known), "{known} not among {strings:?}");
        }
        assert!(
            flags.len() <= 12,
            "2^{} renders are too many; sample them",
            flags.len()
        );
        let engine = crate::render::engine().unwrap();
        for combination in 0..1usize << flags.len() {
            let mut view = Map::new();
            for (i, flag) in flags.iter().enumerate() {
                view.insert((*flag).to_owned(), Value::Bool(combination >> i & 1 == 1));
            }
            for (i, string) in strings.iter().enumerate() {
                let text = AWKWARD[(combination + i) % AWKWARD.len()];
                view.insert((*string).to_owned(), Value::from(text));
            }
            let view = Value::Object(view);
            let context = tera::Context::from_serialize(&view).unwrap();
            let expected = engine.render(name, &context).unwrap();
            let actual =
                super::render(&super::Template::compile(name, text).unwrap(), &view).unwrap();
            assert!(actual == expected, "{name} differs from tera's for {view}");
        }
    }

    #[test]
    fn whitespace_control_and_nesting_render_as_tera_does() {
        let templates = [
            "a  \n {{- s }} b",
            "a {{ s -}}  \n b",
            "{{- s -}}",
            "{{-s-}}{{s}}",
            "  {%- if t -%}  x  {%- endif -%}  ",
            "x\n{% if t %}\nyes\n{% else %}\nno\n{% endif %}\ny",
            "x\n{%- if f %}\nyes\n{%- else -%}\nno\n{% endif -%}\ny",
            "{% if t %}[{% if f %}A{% else %}B{% if t -%}  C  {%- endif %}{% endif %}]{% else %}D{% endif %}",
            "{%if t%}{{s}}{%endif%}",
            "{%\n  if t\n  -%}\n\n x {%-\tendif\r\n%}",
            "a\u{a0}\u{3000} {%- if t -%} \u{2028}b\u{85} {%- endif -%}\u{a0}c",
            "\r\n{{- s -}}\r\n",
            "{%- if f -%}   {%- endif -%}   end",
            "{% if t %}{% endif %}{% if f %}x{% else %}{% endif %}",
            "{% if f -%} a {%- else -%} b {%- endif %} c",
            "{% if f %}{% if f %}A{% else %}B{% endif %}{% else %}{% if t %}C{% else %}D{% endif %}{% endif %}",
            "}} %} #} { % {",
            "abc{",
            "{",
            "",
            " \n ",
            "{{ e }}|{{- e -}}|{% if e %}e{% else %}not e{% endif %}",
            "{% if t %}\n  {%- if f -%}\n    no\n  {%- else -%}\n    yes\n  {%- endif %}\n{%- endif %}\n",
        ];
        for s in AWKWARD {
            let view = json!({ "t": true, "f": false, "s": s, "e": "" });
            for template in templates {
                let expected = tera(template, &view).unwrap();
                assert_eq!(
                    subset(template, &view),
                    Ok(expected),
                    "{template:?} with {view}"
                );
            }
        }
    }

    #[test]
    fn values_print_and_test_as_tera_does() {
        let values = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(-1),
            json!(0.0),
            json!(-0.0),
            json!(1.5),
            json!(1e21),
            json!(1e-7),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(""),
            json!(" "),
            json!("0"),
            json!("false"),
            json!([]),
            json!([0]),
            json!({}),
            json!({ "a": null }),
        ];
        for v in values {
            let view = json!({ "v": v });
            let test = "{% if v %}T{% else %}F{% endif %}";
            assert_eq!(subset(test, &view), tera(test, &view), "{test} with {view}");
            let print = "{{ v }}";
            let printed = subset(print, &view);
            if v.is_string() || v.is_number() || v.is_boolean() {
                assert_eq!(printed, tera(print, &view), "{print} with {view}");
            } else {
                assert!(printed.is_err(), "{print} with {view}: {printed:?}");
            }
        }
    }

    /// Renders every template of up to four of `pieces` with both: where tera renders one, the
    /// subset must render the same; where tera refuses it, so must the subset. Returns how
    /// many rendered.
    fn agree_on_short_templates(pieces: &[&str], view: &Value) -> usize {
        let mut rendered = 0;
        let mut sequence = Vec::new();
        for length in 1..=4u32 {
            for mut index in 0..pieces.len().pow(length) {
                sequence.clear();
                for _ in 0..length {
                    sequence.push(pieces[index % pieces.len()]);
                    index /= pieces.len();
                }
                let template = sequence.concat();
                let (ours, theirs) = (subset(&template, view), tera(&template, view));
                match (&ours, &theirs) {
                    (Ok(ours), Ok(theirs)) => {
                        assert_eq!(ours, theirs, "{template:?}");
                        rendered += 1;
                    }
                    (Err(_), Err(_)) => {}
                    _ => panic!("{template:?}: the subset gives {ours:?}, tera {theirs:?}"),
                }
            }
        }
        rendered
    }

    /// Every template of up to four pieces: where tera renders it, the subset renders the same;
    /// where tera refuses it, so does the subset.
    #[test]
    fn every_short_template_of_the_subset_renders_as_tera_does() {
        const PIECES: [&str; 13] = [
            " ",
            "a\n \t",
            "\n",
            "{{ s }}",
            "{{- s -}}",
            "{{-e}}",
            "{% if t %}",
            "{%- if f -%}",
            "{%if s-%}",
            "{% else -%}",
            "{%- else%}",
            "{% endif %}",
            "{%- endif -%}",
        ];
        let view = json!({ "t": true, "f": false, "s": " x\u{3000}{{\n", "e": "" });
        let rendered = agree_on_short_templates(&PIECES, &view);
        assert!(rendered > 1000, "only {rendered} templates rendered");
    }

    /// The same for loops, fields, `loop.first`, `loop.last` and `not`, with loops nested in
    /// each other and over a field of an item.
    #[test]
    fn every_short_template_with_loops_renders_as_tera_does() {
        const PIECES: [&str; 13] = [
            "\n ",
            "{% for x in l %}",
            "{%- for y in m -%}",
            "{% for w in y.d %}",
            "{% for z in e %}",
            "{% endfor %}",
            "{%- endfor -%}",
            "{{ x }}",
            "{{- y.n -}}{{ w }}",
            "{% if loop.first %}",
            "{%- if not loop.last -%}",
            "{% if not y.d %}",
            "{% endif %}",
        ];
        let view = json!({
            "l": ["a", " b\n"],
            "m": [{ "d": ["x", "y"], "n": "" }, { "d": [], "n": "N" }],
            "e": [],
        });
        let rendered = agree_on_short_templates(&PIECES, &view);
        // Four pieces rarely make a loop and its end: the balanced ones are the next test's.
        assert!(rendered >= 200, "only {rendered} templates rendered");
    }

    /// A random template of balanced blocks: loops over lists, over an item's field and over
    /// an empty list, with `if`, `else`, `not`, `loop.first` and `loop.last` inside, each tag
    /// with or without its dashes.
    /// A number below `n` from `seed`, by xorshift64: a fixed sequence, so that a failure is
    /// found again.
    fn pick(seed: &mut u64, n: usize) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed % n as u64) as usize
    }

    fn balanced(seed: &mut u64, depth: usize, scope: &mut Vec<&'static str>, out: &mut String) {
        const TEXT: [&str; 6] = ["", " ", "\n  ", "a\n", "\u{3000}b ", "\n"];
        let open = |out: &mut String, dash: usize| out.push_str(["{%", "{%-"][dash & 1]);
        let close = |out: &mut String, dash: usize| out.push_str(["%}", "-%}"][dash >> 1]);
        for _ in 0..1 + pick(seed, 3) {
            out.push_str(TEXT[pick(seed, TEXT.len())]);
            let kind = if depth == 0 { 0 } else { pick(seed, 4) };
            match kind {
                0 | 1 => {
                    let mut printable = vec!["s"];
                    printable.extend(scope.iter().map(|v| match *v {
                        "y" => "y.n",
                        other => other,
                    }));
                    if !scope.is_empty() {
                        printable.push("loop.first");
                    }
                    let var = printable[pick(seed, printable.len())];
                    out.push_str(["{{ ", "{{- "][pick(seed, 2)]);
                    out.push_str(var);
                    out.push_str([" }}", " -}}"][pick(seed, 2)]);
                }
                2 => {
                    let mut conditions = vec!["t", "not t", "e", "not s"];
                    if scope.contains(&"y") {
                        conditions.extend(["y.d", "not y.d"]);
                    }
                    if !scope.is_empty() {
                        conditions.extend(["loop.first", "not loop.last"]);
                    }
                    open(out, pick(seed, 4));
                    out.push_str(" if ");
                    out.push_str(conditions[pick(seed, conditions.len())]);
                    out.push(' ');
                    close(out, pick(seed, 4));
                    balanced(seed, depth - 1, scope, out);
                    if pick(seed, 2) == 0 {
                        open(out, pick(seed, 4));
                        out.push_str(" else ");
                        close(out, pick(seed, 4));
                        balanced(seed, depth - 1, scope, out);
                    }
                    open(out, pick(seed, 4));
                    out.push_str(" endif ");
                    close(out, pick(seed, 4));
                }
                _ => {
                    let mut loops = vec![("x", "l"), ("y", "m"), ("z", "e")];
                    if scope.contains(&"y") {
                        loops.push(("w", "y.d"));
                    }
                    let (var, list) = loops[pick(seed, loops.len())];
                    open(out, pick(seed, 4));
                    out.push_str(&format!(" for {var} in {list} "));
                    close(out, pick(seed, 4));
                    scope.push(var);
                    balanced(seed, depth - 1, scope, out);
                    scope.pop();
                    open(out, pick(seed, 4));
                    out.push_str(" endfor ");
                    close(out, pick(seed, 4));
                }
            }
        }
    }

    #[test]
    fn random_balanced_templates_render_as_tera_does() {
        let view = json!({
            "t": true, "s": " S\n", "e": [],
            "l": ["a", " b\n", ""],
            "m": [{ "d": ["x", "y"], "n": "" }, { "d": [], "n": " N" }],
        });
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        let mut loops = 0;
        for _ in 0..3000 {
            let mut template = String::new();
            balanced(&mut seed, 3, &mut Vec::new(), &mut template);
            loops += usize::from(template.contains(" endfor "));
            let ours = subset(&template, &view);
            assert!(ours.is_ok(), "{template:?}: {ours:?}");
            assert_eq!(ours, tera(&template, &view), "{template:?}");
        }
        assert!(loops > 1000, "only {loops} templates with a loop");
    }

    /// tera looks at neither branch it does not take, nor a loop over an empty list: a name
    /// missing there is no error in either.
    #[test]
    fn what_is_not_rendered_is_not_looked_up_as_in_tera() {
        let view = json!({ "f": false, "e": [] });
        for template in [
            "a{% if f %}{{ missing }}{% endif %}b",
            "{% if not f %}a{% else %}{{ missing.x }}{% endif %}",
            "{% for x in e %}{{ missing }}{% endfor %}",
        ] {
            let ours = subset(template, &view);
            assert!(ours.is_ok(), "{template:?}: {ours:?}");
            assert_eq!(ours, tera(template, &view), "{template:?}");
        }
    }
}
