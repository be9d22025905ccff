//! The Rust that generated modules are made of, as a small syntax tree, printed the way
//! prettyplease prints the same syntax: each node's printing mirrors prettyplease's printing
//! of that node (`item.rs`, `data.rs`, `attr.rs`, `ty.rs`, `path.rs`, `generics.rs`,
//! `stmt.rs`, `expr.rs`), on the same algorithm ([`super::pp`]). Only what tracktype
//! generates is here, and none of it needs parentheses for precedence.

use std::borrow::Cow;

use super::pp::{BreakToken, INDENT, MARGIN, Printer};

/// An attribute, or a doc comment line.
#[derive(Clone, Debug)]
pub enum Attr {
    /// A doc comment line, `///` included.
    Doc(String),
    /// `#[path]`.
    Path(&'static str),
    /// `#[path(arg, arg)]`, each argument as written (`rename = "x"`).
    List(&'static str, Vec<String>),
    /// A `List` already written on one line, where it fits within the margin: printed as the
    /// list prints there, without its tokens.
    Line(String),
}

/// A type.
#[derive(Clone, Debug)]
pub enum Ty {
    Path(Path),
    /// `&'lifetime inner`, `&mut inner`.
    Ref {
        lifetime: Option<&'static str>,
        mutable: bool,
        inner: Box<Ty>,
    },
    /// `impl Bound`.
    Impl(Path),
    /// A type already written on one line ([`flat_ty`]), where the line it stands on fits
    /// within the margin: none of its boxes could break there.
    Flat(String),
}

/// `a::b::C<T, U>`.
#[derive(Clone, Debug)]
pub struct Path {
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug)]
pub struct Segment {
    pub ident: String,
    pub args: Vec<GenericArg>,
}

#[derive(Clone, Debug)]
pub enum GenericArg {
    Lifetime(&'static str),
    Type(Ty),
}

/// A generic parameter: a lifetime, or a type with trait bounds.
#[derive(Clone, Debug)]
pub enum Param {
    Lifetime(&'static str),
    Type(&'static str, Vec<Path>),
}

#[derive(Clone, Debug)]
pub enum Item {
    Struct(Struct),
    Enum(Enum),
    Impl(Impl),
    Type(TypeItem),
    /// `use path;`
    Use(&'static str),
}

#[derive(Clone, Debug)]
pub struct Struct {
    pub attrs: Vec<Attr>,
    pub public: bool,
    pub ident: String,
    pub fields: Fields,
}

#[derive(Clone, Debug)]
pub enum Fields {
    Named(Vec<Field>),
    Unnamed(Vec<Field>),
    Unit,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub attrs: Vec<Attr>,
    pub public: bool,
    /// `None` in a tuple struct or variant.
    pub ident: Option<String>,
    pub ty: Ty,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub attrs: Vec<Attr>,
    pub ident: String,
    pub variants: Vec<Variant>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub attrs: Vec<Attr>,
    pub ident: String,
    pub fields: Fields,
}

/// `impl<generics> Trait for Type { items }` (an inherent impl without the trait).
#[derive(Clone, Debug)]
pub struct Impl {
    pub attrs: Vec<Attr>,
    pub generics: Vec<Param>,
    pub trait_: Option<Path>,
    pub self_ty: Ty,
    pub items: Vec<ImplItem>,
}

#[derive(Clone, Debug)]
pub enum ImplItem {
    Const(Const),
    Fn(Function),
    Type(TypeItem),
    Lines(FnLines),
}

/// A method already written as its lines, because each fits within the margin where it
/// stands: printed as prettyplease prints the [`Function`] it stands for (every box on a line
/// that fits prints flat), without the tokens of its signature and statements. A plan's
/// setters are most of the methods of a module.
#[derive(Clone, Debug)]
pub struct FnLines {
    pub attrs: Vec<Attr>,
    /// `pub fn name(args) -> Ret {`, or, where that line is too long, `pub fn name(`.
    pub head: String,
    /// Where the signature is too long for its line: each argument and its comma, on its own
    /// line, then `) -> Ret {`. Empty otherwise.
    pub broken_args: Vec<String>,
    /// Each statement, on its line.
    pub body: Vec<String>,
}

/// `const IDENT: Type = expr;`
#[derive(Clone, Debug)]
pub struct Const {
    pub attrs: Vec<Attr>,
    pub public: bool,
    pub ident: String,
    pub ty: Ty,
    pub expr: Expr,
}

/// `type Ident = Type;`
#[derive(Clone, Debug)]
pub struct TypeItem {
    pub attrs: Vec<Attr>,
    pub public: bool,
    pub ident: String,
    pub ty: Ty,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub attrs: Vec<Attr>,
    pub public: bool,
    pub ident: String,
    pub generics: Vec<Param>,
    pub args: Vec<Arg>,
    pub ret: Option<Ty>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub enum Arg {
    /// `&self`, `self`, `mut self`.
    Receiver(&'static str),
    /// `[mut] ident: Type`.
    Typed {
        mutable: bool,
        ident: String,
        ty: Ty,
    },
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let pat = init;`, or `let pat = init else { diverge };`.
    Let {
        pat: Pat,
        init: Expr,
        diverge: Option<Vec<Stmt>>,
    },
    /// An expression with its `;`.
    Semi(Expr),
    /// The block's value.
    Expr(Expr),
    Item(Box<Item>),
}

#[derive(Clone, Debug)]
pub enum Pat {
    /// `[mut] ident`.
    Ident { mutable: bool, ident: String },
    /// A path or a literal, as written (`Self::A`, `_`, `"x"`).
    Word(String),
    /// `Path(pat, pat)`.
    TupleStruct(String, Vec<Pat>),
}

#[derive(Clone, Debug)]
pub enum Expr {
    /// A path (`Self::A`, `None`), or a literal as written.
    Word(Cow<'static, str>),
    Call(Box<Expr>, Vec<Expr>),
    /// `receiver.method::<turbofish>(args)`.
    MethodCall {
        receiver: Box<Expr>,
        method: &'static str,
        turbofish: Option<Ty>,
        args: Vec<Expr>,
    },
    /// `base.member`.
    Field(Box<Expr>, Cow<'static, str>),
    Try(Box<Expr>),
    Reference(Box<Expr>),
    /// `Path { member: value, member }`: a field is shorthand when it has no value.
    Struct(String, Vec<(String, Option<Expr>)>),
    Match(Box<Expr>, Vec<(Pat, Expr)>),
    /// `if cond { stmts }`.
    If(Box<Expr>, Vec<Stmt>),
    Return(Option<Box<Expr>>),
    /// `left op right`.
    Binary(Box<Expr>, &'static str, Box<Expr>),
    /// `place = value`, which never breaks before its `=`.
    Assign(Box<Expr>, Box<Expr>),
    /// `|| body`, or `|args| body`.
    Closure(Vec<Pat>, Box<Expr>),
    /// `let pat = expr`, as a condition.
    Let(Pat, Box<Expr>),
    While(Box<Expr>, Vec<Stmt>),
    For(Pat, Box<Expr>, Vec<Stmt>),
}

// Constructors that keep the generators short.

pub fn word(text: impl Into<Cow<'static, str>>) -> Expr {
    Expr::Word(text.into())
}

pub fn call(func: impl Into<Cow<'static, str>>, args: Vec<Expr>) -> Expr {
    Expr::Call(Box::new(word(func)), args)
}

pub fn method(receiver: Expr, method: &'static str, args: Vec<Expr>) -> Expr {
    Expr::MethodCall {
        receiver: Box::new(receiver),
        method,
        turbofish: None,
        args,
    }
}

pub fn try_(expr: Expr) -> Expr {
    Expr::Try(Box::new(expr))
}

pub fn reference(expr: Expr) -> Expr {
    Expr::Reference(Box::new(expr))
}

pub fn field(base: Expr, member: impl Into<Cow<'static, str>>) -> Expr {
    Expr::Field(Box::new(base), member.into())
}

pub fn ret(expr: Expr) -> Expr {
    Expr::Return(Some(Box::new(expr)))
}

pub fn ident(name: impl Into<String>) -> Pat {
    Pat::Ident {
        mutable: false,
        ident: name.into(),
    }
}

/// Writes `ty` as it prints on one line.
pub fn flat_ty(ty: &Ty, out: &mut String) {
    match ty {
        Ty::Path(path) => flat_path(path, out),
        Ty::Ref {
            lifetime,
            mutable,
            inner,
        } => {
            out.push('&');
            if let Some(lifetime) = lifetime {
                out.push_str(lifetime);
                out.push(' ');
            }
            if *mutable {
                out.push_str("mut ");
            }
            flat_ty(inner, out);
        }
        Ty::Impl(bound) => {
            out.push_str("impl ");
            flat_path(bound, out);
        }
        Ty::Flat(text) => out.push_str(text),
    }
}

fn flat_path(path: &Path, out: &mut String) {
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident);
        if segment.args.is_empty() {
            continue;
        }
        out.push('<');
        // Lifetimes first, as the printer writes them.
        let lifetimes = segment
            .args
            .iter()
            .filter(|a| matches!(a, GenericArg::Lifetime(_)));
        let types = segment
            .args
            .iter()
            .filter(|a| matches!(a, GenericArg::Type(_)));
        for (i, arg) in lifetimes.chain(types).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match arg {
                GenericArg::Lifetime(l) => out.push_str(l),
                GenericArg::Type(ty) => flat_ty(ty, out),
            }
        }
        out.push('>');
    }
}

/// A path type from `a::b::C` and its generic arguments on the last segment.
pub fn path_ty(path: &str, args: Vec<Ty>) -> Ty {
    Ty::Path(path_of(path, args))
}

pub fn path_of(path: &str, args: Vec<Ty>) -> Path {
    // Split at each `:` of the `::` separators: a substring search costs more to set up than
    // these short paths take to scan, and a module names many types.
    let mut segments = Vec::new();
    let mut rest = path;
    loop {
        let (segment, after) = match rest.split_once(':') {
            Some((segment, after)) => (segment, Some(after.strip_prefix(':').unwrap_or(after))),
            None => (rest, None),
        };
        segments.push(Segment {
            ident: segment.to_owned(),
            args: Vec::new(),
        });
        match after {
            Some(after) => rest = after,
            None => break,
        }
    }
    if let Some(last) = segments.last_mut() {
        last.args = args.into_iter().map(GenericArg::Type).collect();
    }
    Path { segments }
}

pub fn typed(ident: impl Into<String>, ty: Ty) -> Arg {
    Arg::Typed {
        mutable: false,
        ident: ident.into(),
        ty,
    }
}

/// Prints an item as prettyplease prints a file holding only it.
pub fn print(item: &Item) -> String {
    item_lines(item).unwrap_or_else(|| print_tokens(item))
}

/// [`print`], token by token through the printer.
fn print_tokens(item: &Item) -> String {
    let mut p = Printer::default();
    p.cbox(0);
    p.item(item);
    p.end();
    p.finish()
}

/// A struct of named fields, or an enum of unit variants, every line of which is one word (a
/// doc line, an attribute on one line, `pub ident: Type,`, `Variant,`), written as those lines.
/// Their boxes hold hard breaks, so the printer breaks every break in them and makes exactly
/// these lines; most items of a module are these. `None` for any other item.
fn item_lines(item: &Item) -> Option<String> {
    let mut out = String::with_capacity(1024);
    match item {
        Item::Struct(Struct {
            attrs,
            public,
            ident,
            fields: Fields::Named(fields),
        }) => {
            attr_lines(attrs, "", &mut out)?;
            let public = if *public { "pub " } else { "" };
            for piece in [public, "struct ", ident, " {"] {
                out.push_str(piece);
            }
            for field in fields {
                let (Some(ident), Ty::Flat(ty)) = (&field.ident, &field.ty) else {
                    return None;
                };
                out.push('\n');
                attr_lines(&field.attrs, MEMBER_INDENT, &mut out)?;
                let public = if field.public { "pub " } else { "" };
                for piece in [MEMBER_INDENT, public, ident, ": ", ty, ","] {
                    out.push_str(piece);
                }
            }
        }
        Item::Enum(Enum {
            attrs,
            ident,
            variants,
        }) => {
            attr_lines(attrs, "", &mut out)?;
            for piece in ["pub enum ", ident, " {"] {
                out.push_str(piece);
            }
            for variant in variants {
                if !matches!(variant.fields, Fields::Unit) {
                    return None;
                }
                out.push('\n');
                attr_lines(&variant.attrs, MEMBER_INDENT, &mut out)?;
                for piece in [MEMBER_INDENT, &variant.ident, ","] {
                    out.push_str(piece);
                }
            }
        }
        _ => return None,
    }
    let empty = out.ends_with('{');
    out.push_str(if empty { "}\n" } else { "\n}\n" });
    Some(out)
}

/// A struct's fields' and an enum's variants' indentation.
const MEMBER_INDENT: &str = "    ";

/// Each attribute at `indent` as the printer writes it: a single word on its line, or a list
/// too long for its line with an argument on each; `None` for a list near the margin, which
/// may print either way.
fn attr_lines(attrs: &[Attr], indent: &str, out: &mut String) -> Option<()> {
    for attr in attrs {
        out.push_str(indent);
        match attr {
            Attr::Doc(line) => out.push_str(line.trim_end_matches(' ')),
            Attr::Path(path) => {
                for piece in ["#[", path, "]"] {
                    out.push_str(piece);
                }
            }
            Attr::Line(line) => out.push_str(line),
            Attr::List(path, args) => {
                // `#[path(`, the arguments joined by `, `, `)]`.
                let flat =
                    indent.len() + path.len() + args.iter().map(|a| a.len() + 2).sum::<usize>() + 3;
                if flat <= MARGIN as usize + 2 {
                    return None;
                }
                for piece in ["#[", path, "("] {
                    out.push_str(piece);
                }
                for (i, arg) in args.iter().enumerate() {
                    for piece in ["\n", indent, MEMBER_INDENT, arg] {
                        out.push_str(piece);
                    }
                    if i + 1 < args.len() {
                        out.push(',');
                    }
                }
                for piece in ["\n", indent, ")]"] {
                    out.push_str(piece);
                }
            }
        }
        out.push('\n');
    }
    Some(())
}

impl<'a> Printer<'a> {
    fn item(&mut self, item: &'a Item) {
        match item {
            Item::Struct(s) => self.item_struct(s),
            Item::Enum(e) => self.item_enum(e),
            Item::Impl(i) => self.item_impl(i),
            Item::Type(t) => self.item_type(t),
            Item::Use(path) => {
                self.word("use ");
                self.word(*path);
                self.word(";");
                self.hardbreak();
            }
        }
    }

    fn attrs(&mut self, attrs: &'a [Attr]) {
        for attr in attrs {
            match attr {
                // One token for the whole line: doc lines are a good part of a module.
                Attr::Doc(line) => {
                    self.word(line.trim_end_matches(' '));
                    self.hardbreak();
                }
                Attr::Path(path) => {
                    self.word("#");
                    self.word("[");
                    self.word(*path);
                    self.word("]");
                    self.space();
                }
                Attr::List(path, args) => {
                    self.word("#");
                    self.word("[");
                    self.word(*path);
                    self.word("(");
                    self.cbox(INDENT);
                    self.zerobreak();
                    for (i, arg) in args.iter().enumerate() {
                        if i > 0 {
                            self.word(",");
                            self.space();
                        }
                        self.word(arg.as_str());
                    }
                    self.zerobreak();
                    self.offset(-INDENT);
                    self.end();
                    self.word(")");
                    self.word("]");
                    self.space();
                }
                Attr::Line(line) => {
                    self.word(line.as_str());
                    self.space();
                }
            }
        }
    }

    fn visibility(&mut self, public: bool) {
        if public {
            self.word("pub ");
        }
    }

    fn item_struct(&mut self, s: &'a Struct) {
        self.attrs(&s.attrs);
        self.cbox(INDENT);
        self.visibility(s.public);
        self.word("struct ");
        self.word(s.ident.as_str());
        match &s.fields {
            Fields::Named(fields) => {
                self.nbsp();
                self.word("{");
                self.hardbreak_if_nonempty();
                for field in fields {
                    self.field(field);
                    self.word(",");
                    self.hardbreak();
                }
                self.offset(-INDENT);
                self.end();
                self.word("}");
            }
            Fields::Unnamed(fields) => {
                self.fields_unnamed(fields);
                self.word(";");
                self.end();
            }
            Fields::Unit => {
                self.word(";");
                self.end();
            }
        }
        self.hardbreak();
    }

    fn fields_unnamed(&mut self, fields: &'a [Field]) {
        self.word("(");
        self.zerobreak();
        for (i, field) in fields.iter().enumerate() {
            self.field(field);
            self.trailing_comma(i + 1 == fields.len());
        }
        self.offset(-INDENT);
        self.word(")");
    }

    fn field(&mut self, field: &'a Field) {
        self.attrs(&field.attrs);
        self.visibility(field.public);
        if let Some(ident) = &field.ident {
            self.word(ident.as_str());
            self.word(": ");
        }
        self.ty(&field.ty);
    }

    fn item_enum(&mut self, e: &'a Enum) {
        self.attrs(&e.attrs);
        self.cbox(INDENT);
        self.word("pub ");
        self.word("enum ");
        self.word(e.ident.as_str());
        self.nbsp();
        self.word("{");
        self.hardbreak_if_nonempty();
        for variant in &e.variants {
            self.variant(variant);
            self.word(",");
            self.hardbreak();
        }
        self.offset(-INDENT);
        self.end();
        self.word("}");
        self.hardbreak();
    }

    fn variant(&mut self, variant: &'a Variant) {
        self.attrs(&variant.attrs);
        self.word(variant.ident.as_str());
        match &variant.fields {
            Fields::Named(fields) => {
                self.nbsp();
                self.word("{");
                self.cbox(INDENT);
                self.space();
                for (i, field) in fields.iter().enumerate() {
                    self.field(field);
                    self.trailing_comma_or_space(i + 1 == fields.len());
                }
                self.offset(-INDENT);
                self.end();
                self.word("}");
            }
            Fields::Unnamed(fields) => {
                self.cbox(INDENT);
                self.fields_unnamed(fields);
                self.end();
            }
            Fields::Unit => {}
        }
    }

    fn item_impl(&mut self, i: &'a Impl) {
        self.attrs(&i.attrs);
        self.cbox(INDENT);
        self.ibox(-INDENT);
        self.cbox(INDENT);
        self.word("impl");
        self.generics(&i.generics);
        self.end();
        self.nbsp();
        if let Some(trait_) = &i.trait_ {
            self.path(trait_, false);
            self.space();
            self.word("for ");
        }
        self.ty(&i.self_ty);
        self.end();
        self.nbsp();
        self.word("{");
        self.hardbreak_if_nonempty();
        for item in &i.items {
            self.impl_item(item);
        }
        self.offset(-INDENT);
        self.end();
        self.word("}");
        self.hardbreak();
    }

    fn impl_item(&mut self, item: &'a ImplItem) {
        match item {
            ImplItem::Const(c) => self.item_const(c),
            ImplItem::Fn(f) => self.item_fn(f),
            ImplItem::Type(t) => self.item_type(t),
            ImplItem::Lines(f) => self.item_fn_lines(f),
        }
    }

    /// [`Printer::item_fn`]'s breaks, around lines instead of tokens.
    fn item_fn_lines(&mut self, f: &'a FnLines) {
        self.attrs(&f.attrs);
        self.cbox(INDENT);
        self.word(f.head.as_str());
        if let Some((close, args)) = f.broken_args.split_last() {
            for arg in args {
                self.hardbreak();
                self.word(arg.as_str());
            }
            self.hardbreak();
            self.offset(-INDENT);
            self.word(close.as_str());
        }
        self.hardbreak_if_nonempty();
        for line in &f.body {
            self.word(line.as_str());
            self.hardbreak();
        }
        self.offset(-INDENT);
        self.end();
        self.word("}");
        self.hardbreak();
    }

    fn item_const(&mut self, c: &'a Const) {
        self.attrs(&c.attrs);
        self.cbox(0);
        self.visibility(c.public);
        self.word("const ");
        self.word(c.ident.as_str());
        self.word(": ");
        self.ty(&c.ty);
        self.word(" = ");
        self.neverbreak();
        self.expr(&c.expr);
        self.word(";");
        self.end();
        self.hardbreak();
    }

    /// A type alias, at module level or in an impl: prettyplease prints both alike.
    fn item_type(&mut self, t: &'a TypeItem) {
        self.attrs(&t.attrs);
        self.cbox(INDENT);
        self.visibility(t.public);
        self.word("type ");
        self.word(t.ident.as_str());
        self.nbsp();
        self.word("= ");
        self.neverbreak();
        self.ibox(-INDENT);
        self.ty(&t.ty);
        self.end();
        self.word(";");
        self.end();
        self.hardbreak();
    }

    fn item_fn(&mut self, f: &'a Function) {
        self.attrs(&f.attrs);
        self.cbox(INDENT);
        self.visibility(f.public);
        self.word("fn ");
        self.word(f.ident.as_str());
        self.generics(&f.generics);
        self.word("(");
        self.neverbreak();
        self.cbox(0);
        self.zerobreak();
        for (i, arg) in f.args.iter().enumerate() {
            match arg {
                Arg::Receiver(r) => self.word(*r),
                Arg::Typed { mutable, ident, ty } => {
                    if *mutable {
                        self.word("mut ");
                    }
                    self.word(ident.as_str());
                    self.word(": ");
                    self.ty(ty);
                }
            }
            self.trailing_comma(i + 1 == f.args.len());
        }
        self.offset(-INDENT);
        self.end();
        self.word(")");
        self.cbox(-INDENT);
        if let Some(ret) = &f.ret {
            self.word(" -> ");
            self.ty(ret);
        }
        self.end();
        self.nbsp();
        self.word("{");
        self.hardbreak_if_nonempty();
        self.stmts(&f.body);
        self.offset(-INDENT);
        self.end();
        self.word("}");
        self.hardbreak();
    }

    fn generics(&mut self, params: &'a [Param]) {
        if params.is_empty() {
            return;
        }
        self.word("<");
        self.cbox(0);
        self.zerobreak();
        // Lifetimes first, as prettyplease prints them.
        let mut ordered: Vec<&Param> = params
            .iter()
            .filter(|p| matches!(p, Param::Lifetime(_)))
            .collect();
        ordered.extend(params.iter().filter(|p| matches!(p, Param::Type(..))));
        for (i, param) in ordered.iter().enumerate() {
            match param {
                Param::Lifetime(l) => self.word(*l),
                Param::Type(ident, bounds) => {
                    self.word(*ident);
                    self.ibox(INDENT);
                    for (j, bound) in bounds.iter().enumerate() {
                        if j == 0 {
                            self.word(": ");
                        } else {
                            self.space();
                            self.word("+ ");
                        }
                        self.path(bound, false);
                    }
                    self.end();
                }
            }
            self.trailing_comma(i + 1 == ordered.len());
        }
        self.offset(-INDENT);
        self.end();
        self.word(">");
    }

    fn ty(&mut self, ty: &'a Ty) {
        match ty {
            Ty::Path(path) => self.path(path, false),
            Ty::Ref {
                lifetime,
                mutable,
                inner,
            } => {
                self.word("&");
                if let Some(lifetime) = lifetime {
                    self.word(*lifetime);
                    self.nbsp();
                }
                if *mutable {
                    self.word("mut ");
                }
                self.ty(inner);
            }
            Ty::Impl(bound) => {
                self.word("impl ");
                self.path(bound, false);
            }
            Ty::Flat(text) => self.word(text.as_str()),
        }
    }

    /// A path; `turbofish` in expressions (`a::<T>`).
    fn path(&mut self, path: &'a Path, turbofish: bool) {
        for (i, segment) in path.segments.iter().enumerate() {
            if i > 0 {
                self.word("::");
            }
            self.word(segment.ident.as_str());
            self.generic_args(&segment.args, turbofish);
        }
    }

    fn generic_args(&mut self, args: &'a [GenericArg], turbofish: bool) {
        if args.is_empty() {
            return;
        }
        if turbofish {
            self.word("::");
        }
        self.word("<");
        self.cbox(INDENT);
        self.zerobreak();
        let mut ordered: Vec<&GenericArg> = args
            .iter()
            .filter(|a| matches!(a, GenericArg::Lifetime(_)))
            .collect();
        ordered.extend(args.iter().filter(|a| matches!(a, GenericArg::Type(_))));
        for (i, arg) in ordered.iter().enumerate() {
            match arg {
                GenericArg::Lifetime(l) => self.word(*l),
                GenericArg::Type(ty) => self.ty(ty),
            }
            self.trailing_comma(i + 1 == ordered.len());
        }
        self.offset(-INDENT);
        self.end();
        self.word(">");
    }

    fn stmts(&mut self, stmts: &'a [Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Let { pat, init, diverge } => {
                self.ibox(0);
                self.word("let ");
                self.pat(pat);
                self.word(" = ");
                self.neverbreak();
                self.expr(init);
                if let Some(diverge) = diverge {
                    self.space();
                    self.word("else ");
                    self.end();
                    self.neverbreak();
                    self.cbox(INDENT);
                    self.small_block(diverge);
                }
                self.end();
                self.word(";");
                self.hardbreak();
            }
            Stmt::Semi(expr) => {
                self.ibox(0);
                self.expr_beginning_of_line(expr, true);
                if !removes_semi(expr) {
                    self.word(";");
                }
                self.end();
                self.hardbreak();
            }
            Stmt::Expr(expr) => {
                self.ibox(0);
                self.expr_beginning_of_line(expr, true);
                if matches!(expr, Expr::Return(_)) {
                    self.word(";");
                }
                self.end();
                self.hardbreak();
            }
            Stmt::Item(item) => self.item(item),
        }
    }

    fn small_block(&mut self, stmts: &'a [Stmt]) {
        self.word("{");
        if !stmts.is_empty() {
            self.space();
            match stmts {
                [Stmt::Expr(expr)] => {
                    self.ibox(0);
                    self.expr_beginning_of_line(expr, true);
                    self.end();
                    self.space();
                }
                _ => self.stmts(stmts),
            }
            self.offset(-INDENT);
        }
        self.word("}");
    }

    fn pat(&mut self, pat: &'a Pat) {
        match pat {
            Pat::Ident { mutable, ident } => {
                if *mutable {
                    self.word("mut ");
                }
                self.word(ident.as_str());
            }
            Pat::Word(w) => self.word(w.clone()),
            Pat::TupleStruct(path, elems) => {
                self.word(path.as_str());
                self.word("(");
                self.cbox(INDENT);
                self.zerobreak();
                for (i, elem) in elems.iter().enumerate() {
                    self.pat(elem);
                    self.trailing_comma(i + 1 == elems.len());
                }
                self.offset(-INDENT);
                self.end();
                self.word(")");
            }
        }
    }

    fn expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Word(w) => self.word(w.clone()),
            Expr::Call(func, args) => {
                self.expr_beginning_of_line(func, false);
                self.word("(");
                self.call_args(args);
                self.word(")");
            }
            Expr::MethodCall { .. } => self.expr_method_call(expr, false),
            Expr::Field(..) => self.expr_field(expr, false),
            Expr::Try(inner) => {
                self.expr_beginning_of_line(inner, false);
                self.word("?");
            }
            Expr::Reference(inner) => {
                self.word("&");
                self.expr(inner);
            }
            Expr::Struct(path, fields) => {
                self.cbox(INDENT);
                self.ibox(-INDENT);
                self.word(path.as_str());
                self.end();
                self.word(" {");
                self.space_if_nonempty();
                for (i, (member, value)) in fields.iter().enumerate() {
                    self.word(member);
                    if let Some(value) = value {
                        self.word(": ");
                        self.ibox(0);
                        self.expr(value);
                        self.end();
                    }
                    self.trailing_comma_or_space(i + 1 == fields.len());
                }
                self.offset(-INDENT);
                self.end_with_max_width(34);
                self.word("}");
            }
            Expr::Match(scrutinee, arms) => {
                self.ibox(0);
                self.word("match ");
                self.expr_condition(scrutinee);
                self.word("{");
                self.neverbreak();
                self.cbox(INDENT);
                self.hardbreak_if_nonempty();
                for (pat, body) in arms {
                    self.arm(pat, body);
                    self.hardbreak();
                }
                self.offset(-INDENT);
                self.end();
                self.word("}");
                self.end();
            }
            Expr::If(cond, stmts) => {
                self.cbox(INDENT);
                self.word("if ");
                self.cbox(-INDENT);
                self.expr_condition(cond);
                self.end();
                if stmts.is_empty() {
                    self.word("{}");
                } else {
                    self.word("{");
                    self.hardbreak();
                    self.stmts(stmts);
                    self.offset(-INDENT);
                    self.word("}");
                }
                self.end();
            }
            Expr::Return(value) => {
                self.word("return");
                if let Some(value) = value {
                    self.nbsp();
                    self.expr(value);
                }
            }
            Expr::Assign(place, value) => {
                self.ibox(0);
                self.expr(place);
                self.word(" = ");
                self.neverbreak();
                self.expr(value);
                self.end();
            }
            Expr::Binary(left, op, right) => {
                self.ibox(INDENT);
                self.ibox(-INDENT);
                self.expr(left);
                self.end();
                self.space();
                self.word(*op);
                self.nbsp();
                self.expr(right);
                self.end();
            }
            Expr::Closure(args, body) => {
                self.ibox(0);
                self.cbox(INDENT);
                self.word("|");
                for (i, pat) in args.iter().enumerate() {
                    if i == 0 {
                        self.zerobreak();
                    }
                    self.pat(pat);
                    if i + 1 < args.len() {
                        self.word(",");
                        self.space();
                    }
                }
                self.word("|");
                self.space();
                self.offset(-INDENT);
                self.end();
                self.neverbreak();
                // Not a block: prettyplease wraps it in braces if it breaks.
                self.cbox(INDENT);
                self.scan_break(BreakToken {
                    pre_break: Some('{'),
                    ..BreakToken::default()
                });
                self.expr(body);
                self.scan_break(BreakToken {
                    offset: -INDENT,
                    pre_break: None,
                    post_break: "}",
                    ..BreakToken::default()
                });
                self.end();
                self.end();
            }
            Expr::Let(pat, value) => {
                self.ibox(0);
                self.word("let ");
                self.ibox(0);
                self.pat(pat);
                self.end();
                self.word(" = ");
                self.neverbreak();
                self.ibox(0);
                self.expr(value);
                self.end();
                self.end();
            }
            Expr::While(cond, body) => {
                self.word("while ");
                self.expr_condition(cond);
                self.word("{");
                self.neverbreak();
                self.cbox(INDENT);
                self.hardbreak_if_nonempty();
                self.stmts(body);
                self.offset(-INDENT);
                self.end();
                self.word("}");
            }
            Expr::For(pat, iter, body) => {
                self.ibox(0);
                self.word("for ");
                self.pat(pat);
                self.word(" in ");
                self.neverbreak();
                self.expr_condition(iter);
                self.word("{");
                self.neverbreak();
                self.cbox(INDENT);
                self.hardbreak_if_nonempty();
                self.stmts(body);
                self.offset(-INDENT);
                self.end();
                self.word("}");
                self.end();
            }
        }
    }

    fn expr_beginning_of_line(&mut self, expr: &'a Expr, beginning_of_line: bool) {
        match expr {
            Expr::Field(..) => self.expr_field(expr, beginning_of_line),
            Expr::MethodCall { .. } => self.expr_method_call(expr, beginning_of_line),
            Expr::Try(inner) => {
                self.expr_beginning_of_line(inner, beginning_of_line);
                self.word("?");
            }
            _ => self.expr(expr),
        }
    }

    fn prefix_subexpr(&mut self, expr: &'a Expr, beginning_of_line: bool) {
        match expr {
            Expr::Call(func, args) => {
                self.prefix_subexpr(func, false);
                self.word("(");
                self.call_args(args);
                self.word(")");
            }
            Expr::Field(base, member) => self.prefix_subexpr_field(base, member, beginning_of_line),
            Expr::MethodCall { .. } => {
                self.prefix_subexpr_method_call(expr, beginning_of_line, false)
            }
            Expr::Try(inner) => {
                self.prefix_subexpr(inner, beginning_of_line);
                self.word("?");
            }
            _ => {
                self.cbox(-INDENT);
                self.expr(expr);
                self.end();
            }
        }
    }

    fn expr_field(&mut self, expr: &'a Expr, beginning_of_line: bool) {
        if let Expr::Field(base, member) = expr {
            self.cbox(INDENT);
            self.prefix_subexpr_field(base, member, beginning_of_line);
            self.end();
        }
    }

    fn prefix_subexpr_field(&mut self, base: &'a Expr, member: &'a str, beginning_of_line: bool) {
        self.prefix_subexpr(base, beginning_of_line);
        if !(beginning_of_line && is_short_ident(base)) {
            self.scan_break(BreakToken {
                no_break: self.ends_with('.').then_some(' '),
                ..BreakToken::default()
            });
        }
        self.word(".");
        self.word(member);
    }

    fn expr_method_call(&mut self, expr: &'a Expr, beginning_of_line: bool) {
        if let Expr::MethodCall { receiver, .. } = expr {
            self.cbox(INDENT);
            let unindent_call_args = beginning_of_line && is_short_ident(receiver);
            self.prefix_subexpr_method_call(expr, beginning_of_line, unindent_call_args);
            self.end();
        }
    }

    fn prefix_subexpr_method_call(
        &mut self,
        expr: &'a Expr,
        beginning_of_line: bool,
        unindent_call_args: bool,
    ) {
        let Expr::MethodCall {
            receiver,
            method,
            turbofish,
            args,
        } = expr
        else {
            return;
        };
        self.prefix_subexpr(receiver, beginning_of_line);
        if !(beginning_of_line && is_short_ident(receiver)) {
            self.scan_break(BreakToken {
                no_break: self.ends_with('.').then_some(' '),
                ..BreakToken::default()
            });
        }
        self.word(".");
        self.word(*method);
        if let Some(turbofish) = turbofish {
            self.word("::");
            self.word("<");
            self.cbox(INDENT);
            self.zerobreak();
            self.ty(turbofish);
            self.trailing_comma(true);
            self.offset(-INDENT);
            self.end();
            self.word(">");
        }
        self.cbox(if unindent_call_args { -INDENT } else { 0 });
        self.word("(");
        self.call_args(args);
        self.word(")");
        self.end();
    }

    fn call_args(&mut self, args: &'a [Expr]) {
        match args {
            [only] if is_blocklike(only) => self.expr(only),
            _ => {
                self.cbox(INDENT);
                self.zerobreak();
                for (i, arg) in args.iter().enumerate() {
                    self.expr(arg);
                    self.trailing_comma(i + 1 == args.len());
                }
                self.offset(-INDENT);
                self.end();
            }
        }
    }

    fn expr_condition(&mut self, expr: &'a Expr) {
        self.cbox(0);
        self.expr(expr);
        if needs_newline_if_wrap(expr) {
            self.space();
        } else {
            self.nbsp();
        }
        self.end();
    }

    fn arm(&mut self, pat: &'a Pat, body: &'a Expr) {
        self.ibox(0);
        self.pat(pat);
        self.word(" => ");
        self.neverbreak();
        self.cbox(INDENT);
        self.scan_break(BreakToken {
            pre_break: Some('{'),
            ..BreakToken::default()
        });
        self.expr_beginning_of_line(body, true);
        self.scan_break(BreakToken {
            offset: -INDENT,
            pre_break: matches!(body, Expr::Return(_)).then_some(';'),
            post_break: "}",
            no_break: requires_comma_to_be_match_arm(body).then_some(','),
            ..BreakToken::default()
        });
        self.end();
        self.end();
    }
}

/// A single short name, which a chain at the start of a line does not break after.
fn is_short_ident(expr: &Expr) -> bool {
    matches!(expr, Expr::Word(w) if w.len() as isize <= INDENT
        && w.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

fn is_blocklike(expr: &Expr) -> bool {
    matches!(expr, Expr::Struct(..) | Expr::Closure(..))
}

fn needs_newline_if_wrap(expr: &Expr) -> bool {
    match expr {
        Expr::Binary(..) | Expr::Field(..) | Expr::MethodCall { .. } => true,
        Expr::Call(func, _) => needs_newline_if_wrap(func),
        Expr::Let(_, e) | Expr::Reference(e) | Expr::Try(e) => needs_newline_if_wrap(e),
        Expr::Return(Some(e)) => needs_newline_if_wrap(e),
        _ => false,
    }
}

fn requires_comma_to_be_match_arm(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::If(..) | Expr::Match(..) | Expr::While(..) | Expr::For(..)
    )
}

fn removes_semi(expr: &Expr) -> bool {
    matches!(expr, Expr::While(..) | Expr::For(..) | Expr::If(..))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{
        Attr, Enum, Field, Fields, Item, Struct, Ty, Variant, item_lines, path_of, path_ty,
        print_tokens,
    };

    /// Attributes of every kind, some lines past the margin, some doc lines with trailing
    /// spaces (which the printer trims).
    fn attrs() -> impl Strategy<Value = Vec<Attr>> {
        let attr = prop_oneof![
            4 => "/// [a-z ]{0,100}".prop_map(Attr::Doc),
            1 => prop_oneof![Just("must_use"), Just("non_exhaustive")].prop_map(Attr::Path),
            3 => "#\\[serde\\(rename = \"[a-z]{1,90}\"\\)\\]".prop_map(Attr::Line),
            1 => prop::collection::vec("[a-z =]{1,40}", 1..4).prop_map(|args| Attr::List("serde", args)),
        ];
        prop::collection::vec(attr, 0..4)
    }

    fn ident() -> impl Strategy<Value = String> {
        "[A-Za-z_][A-Za-z0-9_]{0,30}"
    }

    /// A type one word long mostly; sometimes one the printer may break.
    fn ty() -> impl Strategy<Value = Ty> {
        prop_oneof![
            5 => "[A-Z][A-Za-z0-9<>, ]{0,80}".prop_map(Ty::Flat),
            1 => ident().prop_map(|name| path_ty(&name, vec![path_ty("String", vec![])])),
        ]
    }

    fn fields() -> impl Strategy<Value = Vec<Field>> {
        let field = (
            attrs(),
            any::<bool>(),
            prop::option::weighted(0.95, ident()),
            ty(),
        )
            .prop_map(|(attrs, public, ident, ty)| Field {
                attrs,
                public,
                ident,
                ty,
            });
        prop::collection::vec(field, 0..5)
    }

    fn item() -> impl Strategy<Value = Item> {
        let unit = (attrs(), ident()).prop_map(|(attrs, ident)| Variant {
            attrs,
            ident,
            fields: Fields::Unit,
        });
        let variant = prop_oneof![
            6 => unit,
            1 => (ident(), fields()).prop_map(|(ident, fields)| Variant {
                attrs: vec![],
                ident,
                fields: Fields::Named(fields),
            }),
        ];
        prop_oneof![
            (attrs(), any::<bool>(), ident(), fields()).prop_map(
                |(attrs, public, ident, fields)| {
                    Item::Struct(Struct {
                        attrs,
                        public,
                        ident,
                        fields: Fields::Named(fields),
                    })
                }
            ),
            (attrs(), ident(), prop::collection::vec(variant, 0..5)).prop_map(
                |(attrs, ident, variants)| Item::Enum(Enum {
                    attrs,
                    ident,
                    variants,
                })
            ),
        ]
    }

    proptest! {
        /// A struct or enum written as its lines is what the printer makes of its tokens, byte
        /// for byte.
        #[test]
        fn an_item_written_as_lines_prints_as_its_tokens(item in item()) {
            if let Some(lines) = item_lines(&item) {
                prop_assert_eq!(lines, print_tokens(&item));
            }
        }
    }

    #[test]
    fn the_usual_struct_and_enum_are_written_as_lines() {
        let doc = || vec![Attr::Doc("/// What it is.".into())];
        let field = Field {
            attrs: doc(),
            public: true,
            ident: Some("id".into()),
            ty: Ty::Flat("Option<String>".into()),
        };
        let variant = Variant {
            attrs: vec![Attr::Line("#[serde(rename = \"pro\")]".into())],
            ident: "Pro".into(),
            fields: Fields::Unit,
        };
        let items = [
            Item::Struct(Struct {
                attrs: doc(),
                public: true,
                ident: "Signup".into(),
                fields: Fields::Named(vec![field]),
            }),
            Item::Enum(Enum {
                attrs: doc(),
                ident: "Tier".into(),
                variants: vec![variant],
            }),
        ];
        for item in &items {
            assert_eq!(
                item_lines(item).as_deref(),
                Some(print_tokens(item).as_str())
            );
        }
    }

    #[test]
    fn paths_split_at_double_colons() {
        let idents = |path: &str| -> Vec<String> {
            path_of(path, Vec::new())
                .segments
                .into_iter()
                .map(|s| s.ident)
                .collect()
        };
        assert_eq!(idents("Option"), ["Option"]);
        assert_eq!(idents("serde_json::Value"), ["serde_json", "Value"]);
        assert_eq!(
            idents("::std::collections::BTreeMap"),
            ["", "std", "collections", "BTreeMap"]
        );
    }
}
