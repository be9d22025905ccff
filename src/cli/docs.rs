//! `tracktype docs`: the tracking plan's documentation, for the whole team, written with the
//! same writer as the SDKs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::error::Result;
use crate::lang::Target;
use crate::site::Format;
use crate::writer;

use super::generate::SelectionArgs;
use super::style::Paint;
use super::{InputArgs, Outcome};

#[derive(Debug, Args)]
pub struct DocsArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// markdown: pages with Mermaid diagrams, for GitHub; html: a self-contained static site
    /// with an SVG diagram and search
    #[arg(long, value_enum, default_value_t = DocsFormat::Markdown)]
    pub format: DocsFormat,
    /// Output directory [default: generated/docs/<format>]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    /// Pages with Mermaid diagrams, for GitHub
    Markdown,
    /// A self-contained static site with an SVG diagram and search
    Html,
}

impl DocsFormat {
    fn format(self) -> Format {
        match self {
            DocsFormat::Markdown => Format::Markdown,
            DocsFormat::Html => Format::Html,
        }
    }
}

pub fn run(args: &DocsArgs, inputs: &InputArgs, paint: Paint) -> Result<Outcome> {
    let mut selection = args.selection.selection();
    // As everywhere, --plan with nothing else selected means the plan's events; otherwise the
    // documentation of nothing in particular is the documentation of everything.
    if selection.is_empty() {
        selection.plan_events = !inputs.plans.is_empty();
        selection.all = inputs.plans.is_empty();
    }
    let format = args.format.format();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("generated").join("docs").join(format.name()));
    let generated = crate::generate(&inputs.sources(), &selection, &Target::Docs { format })?;
    let warnings = super::settle(generated.warnings, inputs.deny_warnings)?;
    let report = writer::write(&out, &generated.files)?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} {}: {} written, {} unchanged, {} removed; open {}",
        paint.green("docs"),
        out.display(),
        report.written.len(),
        report.unchanged.len(),
        report.removed.len(),
        out.join(format!("index.{}", format.extension())).display()
    );
    Ok(Outcome::ok(text).with_warnings(warnings))
}
