//! The Rust template's renderer: the four constructs of tera's syntax that template uses,
//! `{{ name }}`, `{% if name %}`, `{% else %}` and `{% endif %}`, with tera's `-` whitespace
//! control.
//!
//! A build script that generates Rust (tracktype as a build-dependency without default features)
//! would otherwise compile tera, about 3.6 CPU-seconds of every cold build of the user's crate,
//! to render this one template. The command line renders it here too, so that the Rust output
//! has one path, and a test holds the result to tera's, byte for byte, for every combination
//! of the template's flags.
//!
//! What is outside the subset (loops, filters, `elif`, expressions, comments, a name the view
//! lacks, an `if` without its `endif`) is an [`Error::Internal`] naming the template and the
//! line: never output tera would not have written.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Names tera reads as something other than a variable (its parser's reserved names, and the
/// one that prints the whole context), so that they never silently mean a field of the view.
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
                      `{{ name }}`, `{% if name %}`, `{% else %}` and `{% endif %}`";

/// Renders `template`, named `name`, with `view` as its context, as tera would.
pub fn render(name: &str, template: &str, view: &impl Serialize) -> Result<String> {
    match serde_json::to_value(view) {
        Ok(Value::Object(view)) => render_map(name, template, &view),
        Ok(other) => Err(Error::Internal(format!(
            "view of {name} is not a map: {}",
            kind(&other)
        ))),
        Err(e) => Err(Error::Internal(format!("view of {name} is not a map: {e}"))),
    }
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
    Print(&'t str),
    If(&'t str),
    Else,
    EndIf,
}

/// An `if` not yet closed.
struct Open {
    line: usize,
    /// Whether the text around the `if` is written.
    outer: bool,
    truthy: bool,
    /// Past its `else`.
    in_else: bool,
}

fn render_map(name: &str, template: &str, view: &Map<String, Value>) -> Result<String> {
    let fail = |line: usize, what: String| {
        Error::Internal(format!("template {name}, line {line}: {what}"))
    };
    let lookup = |line: usize, var: &str| {
        view.get(var)
            .ok_or_else(|| fail(line, format!("`{var}` is not in the view")))
    };
    // The large values (the validation rules) are written once: room for them from the start.
    let strings: usize = view.values().filter_map(Value::as_str).map(str::len).sum();
    let mut out = String::with_capacity(template.len() + strings);
    let mut open: Vec<Open> = Vec::new();
    // Whether text is written here: every enclosing `if` is on its taken branch.
    let mut writing = true;
    let mut trim_start = false;
    let mut line = 1;
    let mut rest = template;
    loop {
        let at = next_tag(rest);
        let mut text = &rest[..at.unwrap_or(rest.len())];
        line += newlines(text);
        let tag = match at {
            Some(at) => Some(lex(&rest[at..]).map_err(|what| fail(line, what))?),
            None => None,
        };
        // tera trims with `str::trim_start` and `str::trim_end`: Unicode whitespace.
        if trim_start {
            text = text.trim_start();
        }
        if tag.as_ref().is_some_and(|t| t.trim_before) {
            text = text.trim_end();
        }
        if writing {
            out.push_str(text);
        }
        let (Some(at), Some(tag)) = (at, tag) else {
            break;
        };
        match tag.what {
            What::Print(var) => {
                let value = lookup(line, var)?;
                if writing {
                    print(&mut out, var, value).map_err(|what| fail(line, what))?;
                }
            }
            What::If(var) => {
                let truthy = is_truthy(lookup(line, var)?);
                open.push(Open {
                    line,
                    outer: writing,
                    truthy,
                    in_else: false,
                });
                writing = writing && truthy;
            }
            What::Else => {
                let Some(top) = open.last_mut() else {
                    return Err(fail(line, "`else` outside an `if`".to_owned()));
                };
                if top.in_else {
                    return Err(fail(
                        line,
                        format!("a second `else` for the `if` of line {}", top.line),
                    ));
                }
                top.in_else = true;
                writing = top.outer && !top.truthy;
            }
            What::EndIf => {
                let Some(top) = open.pop() else {
                    return Err(fail(line, "`endif` outside an `if`".to_owned()));
                };
                writing = top.outer;
            }
        }
        trim_start = tag.trim_after;
        let end = at + tag.len;
        line += newlines(&rest[at..end]);
        rest = &rest[end..];
    }
    match open.last() {
        Some(top) => Err(fail(top.line, "this `if` has no `endif`".to_owned())),
        None => Ok(out),
    }
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
    let word = ident(src, &mut i);
    let what = if close == b"}}" {
        What::Print(variable(word).map_err(&unsupported)?)
    } else {
        match word {
            "if" => What::If(variable(ident(src, &mut i)).map_err(&unsupported)?),
            "else" => What::Else,
            "endif" => What::EndIf,
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
fn print(out: &mut String, var: &str, value: &Value) -> std::result::Result<(), String> {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => out.push_str(&u.to_string()),
            (None, Some(i), _) => out.push_str(&i.to_string()),
            // tera writes floats with `Debug`, so that integral ones keep their `.0`.
            (None, None, Some(f)) => out.push_str(&format!("{f:?}")),
            (None, None, None) => return Err(format!("`{var}` is the number {n}, out of range")),
        },
        other => {
            return Err(format!(
                "`{var}` is {}; {{{{ }}}} writes only strings, numbers and booleans here",
                kind(other)
            ));
        }
    }
    Ok(())
}

/// tera's truthiness. (serde_json makes a NaN or infinite float `null`, false where tera's
/// own value would be true; no view of the Rust template has a float.)
fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u != 0,
            (None, Some(i), _) => i != 0,
            (None, None, f) => f.is_some_and(|f| f != 0.0),
        },
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a map",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::error::Error;

    fn render(template: &str, view: &Value) -> crate::error::Result<String> {
        super::render("t", template, view)
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
    }

    #[test]
    fn what_the_subset_lacks_is_an_internal_error_with_its_line() {
        let cases = [
            (
                "a\n{% for x in list %}{% endfor %}",
                2,
                "is an unsupported `for` tag",
            ),
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
            (
                "{% if not t %}{% endif %}",
                1,
                "names a literal or operator",
            ),
            ("{% if t and f %}{% endif %}", 1, "is an expression"),
            ("{% if t == f %}{% endif %}", 1, "is an expression"),
            ("{{ map.a }}", 1, "is an expression"),
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
                "{% if f %}\n{{ missing }}{% endif %}",
                2,
                "`missing` is not in the view",
            ),
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
            ("a\n{%\n for x in list %}", 2, "is an unsupported `for` tag"),
            ("{{ nothing }}", 1, "`nothing` is null"),
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
        super::render("t", template, view).map_err(|e| format!("{e:?}"))
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
            let actual = super::render(name, text, &view).unwrap();
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
        let mut rendered = 0;
        let mut sequence = Vec::new();
        for length in 1..=4u32 {
            for mut index in 0..PIECES.len().pow(length) {
                sequence.clear();
                for _ in 0..length {
                    sequence.push(PIECES[index % PIECES.len()]);
                    index /= PIECES.len();
                }
                let template = sequence.concat();
                let (ours, theirs) = (subset(&template, &view), tera(&template, &view));
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
        assert!(rendered > 1000, "only {rendered} templates rendered");
    }
}
