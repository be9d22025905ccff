//! The `tracktype` command line: argument parsing and output, over the library.

mod complete;
mod docs;
mod generate;
mod list;
mod plans;
mod protocols;
mod status;
pub(crate) mod style;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::{self, Sources};
use crate::describe;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::project;

use style::Paint;

/// Typed tracking SDKs for Rust, TypeScript and Swift, from Segment's use cases.
#[derive(Debug, Parser)]
#[command(
    name = "tracktype",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 success; 1 drift or missing events found by --check, or output \
could not be written; 2 bad usage or invalid input."
)]
pub struct Cli {
    #[command(flatten)]
    pub inputs: InputArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the catalog comes from; accepted by every command.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// A catalog file or directory that extends or changes the embedded catalog (repeatable)
    #[arg(long = "catalog", value_name = "PATH", global = true)]
    pub catalogs: Vec<PathBuf>,
    /// A Segment tracking plan (JSON, Config-API or Public-API format) whose events join the
    /// catalog, replacing the embedded ones of the same name (repeatable). With no other
    /// selection, gen, docs, export, status and `list events` take the plan's events
    /// (`catalog` and `show` see the whole catalog)
    #[arg(long = "plan", value_name = "FILE", global = true)]
    pub plans: Vec<PathBuf>,
    /// Leave out the embedded catalog: use only --catalog files and --plan plans
    #[arg(long, global = true)]
    pub no_default_catalog: bool,
    /// The project file [default: tracktype.yaml in the current directory or a parent]
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Treat warnings (what the input says that the output cannot keep exactly) as errors:
    /// exit 2 and write nothing
    #[arg(long, global = true)]
    pub deny_warnings: bool,
}

impl InputArgs {
    fn sources(&self) -> Sources {
        Sources {
            skip_embedded: self.no_default_catalog,
            catalogs: self.catalogs.clone(),
            plans: self.plans.clone(),
        }
    }

    /// The catalog flags as typed, each followed by a space, to repeat them in a suggested
    /// command.
    fn flags(&self) -> String {
        let mut s = String::new();
        for c in &self.catalogs {
            s.push_str(&format!("--catalog {} ", c.display()));
        }
        for p in &self.plans {
            s.push_str(&format!("--plan {} ", p.display()));
        }
        if self.no_default_catalog {
            s.push_str("--no-default-catalog ");
        }
        s
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List goals, use cases or events
    List {
        #[arg(value_enum)]
        what: ListWhat,
        /// Only those of this goal (slug or name)
        #[arg(long, value_name = "SLUG", value_parser = complete::CatalogNames(complete::Names::Goals), hide_possible_values = true)]
        goal: Option<String>,
        /// Only those of this use case (slug or name)
        #[arg(long = "use-case", value_name = "SLUG", value_parser = complete::CatalogNames(complete::Names::UseCases), hide_possible_values = true)]
        use_case: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show a use case: its events and their properties, and the recommended sources and
    /// destinations per goal
    Show {
        /// The use case (slug or name)
        #[arg(value_name = "USE_CASE", value_parser = complete::CatalogNames(complete::Names::UseCases), hide_possible_values = true)]
        use_case: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Generate a typed tracking SDK for the selected events
    Gen(generate::GenArgs),
    /// Write the tracking plan's documentation for the whole team: Markdown with Mermaid
    /// diagrams, or a self-contained HTML site (everything without a selection)
    Docs(docs::DocsArgs),
    /// Report which selected events the code sends, per goal and use case, and calls of
    /// events the selection does not contain
    Status(status::StatusArgs),
    /// Print the whole resolved catalog (after --catalog files) as one document
    Catalog {
        #[arg(long, value_enum, default_value_t = DocFormat::Json)]
        format: DocFormat,
    },
    /// Convert a Segment tracking plan into a catalog file (YAML)
    Import {
        /// The plan (JSON, Config-API or Public-API format)
        #[arg(value_name = "FILE")]
        plan: PathBuf,
        /// Where to write the catalog [default: standard output]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the selected events as a Segment tracking plan (Public-API TRACK rules)
    Export {
        /// The plan format
        #[arg(long, value_enum, default_value_t = ExportFormat::SegmentPlan)]
        format: ExportFormat,
        #[command(flatten)]
        selection: generate::SelectionArgs,
        /// Where to write the plan [default: standard output]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Fetch a Segment Protocols tracking plan through the Public API into a plan file that
    /// --plan reads (token in SEGMENT_TOKEN)
    Pull(protocols::PullArgs),
    /// Show how the selected events' rules differ from a Protocols tracking plan; --apply sends
    /// the difference
    Push(protocols::PushArgs),
    /// Write a commented starter project file (tracktype.yaml); never overwrites one
    Init,
    /// Print shell completions (bash, elvish, fish, powershell, zsh); docs/cli.md says where
    /// each shell reads them
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of tracktype or of one of its commands; --out writes
    /// every page
    Man {
        /// The command whose page to print (gen, list, status...) [default: tracktype's own]
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
        /// Write every page (tracktype.1, tracktype-gen.1, ...) into this directory
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    /// The business goals
    Goals,
    /// The use cases, with how many events each needs
    UseCases,
    /// The events, with their call and the use cases that need them
    Events,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: tables and sentences
    Text,
    /// For tools: one JSON document
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Public-API TRACK rules, the body of `PUT /tracking-plans/{id}/rules`
    SegmentPlan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// One JSON document
    Json,
    /// The same document as YAML
    Yaml,
}

/// Runs the command line and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_holding(args).0
}

/// What a finished command still holds: the catalog it loaded and the files it generated.
/// Dropped, they are freed value by value (about 30 ms at 10,000 events); a process that ends
/// next leaves them to the system instead, as clang's `-disable-free` does.
#[derive(Default)]
pub struct Held(Vec<Box<dyn std::any::Any>>);

/// [`run`], also giving back what the command holds, for a caller that ends the process
/// before dropping it (`std::process::exit` runs no destructors).
pub fn run_holding<I, T>(args: I) -> (i32, Held)
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return (e.exit_code(), Held::default());
        }
    };
    match execute(&cli) {
        Ok(Outcome {
            stdout,
            warnings,
            code,
            held,
        }) => {
            if !warnings.is_empty() {
                let text = warnings.deduplicated().render(style::stderr_color());
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
            let mut out = std::io::stdout().lock();
            // A closed pipe (`tracktype list events | head`) is not an error worth reporting.
            let _ = out.write_all(stdout.as_bytes()).and_then(|()| out.flush());
            (code, held)
        }
        Err(e) => {
            report(&e);
            (e.exit_code(), Held::default())
        }
    }
}

/// What a command prints and how it exits.
struct Outcome {
    stdout: String,
    /// Printed on standard error, before the output.
    warnings: Diagnostics,
    code: i32,
    held: Held,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Self {
            stdout,
            warnings: Diagnostics::default(),
            code: 0,
            held: Held::default(),
        }
    }

    /// The outcome, exiting with `code` instead of 0.
    #[must_use]
    fn with_code(mut self, code: i32) -> Self {
        self.code = code;
        self
    }

    /// The outcome, also holding `value` (see [`Held`]).
    #[must_use]
    fn holding(mut self, value: impl std::any::Any) -> Self {
        self.held.0.push(Box::new(value));
        self
    }

    #[must_use]
    fn with_warnings(mut self, warnings: Diagnostics) -> Self {
        self.warnings.extend(warnings);
        self
    }
}

/// Warnings go on, or, denied, become the errors that stop the run before anything is
/// written.
fn settle(warnings: Diagnostics, deny: bool) -> Result<Diagnostics> {
    if deny && !warnings.is_empty() {
        return Err(Error::Invalid(warnings.denied()));
    }
    Ok(warnings)
}

/// `tracktype man`: one page on standard output, or every page into a directory.
fn manual(command: Option<&str>, out: Option<&std::path::Path>) -> Result<Outcome> {
    if let Some(dir) = out {
        crate::writer::not_a_file(dir)?;
        let written = complete::write_manual(dir).map_err(|source| Error::Write {
            path: dir.to_owned(),
            source,
        })?;
        let text: String = written
            .iter()
            .map(|p| format!("wrote {}\n", p.display()))
            .collect();
        return Ok(Outcome::ok(text));
    }
    let Some(page) = complete::manual(command) else {
        let name = command.unwrap_or_default();
        let names: Vec<String> = complete::command()
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        return Err(Diagnostic::global(format!("no command `{name}`"))
            .with_hint(
                crate::suggest::did_you_mean(name, &names)
                    .unwrap_or_else(|| format!("the commands are: {}", names.join(", "))),
            )
            .into());
    };
    let mut text = Vec::new();
    page.render(&mut text)
        .map_err(|e| Error::Internal(format!("cannot render the manual: {e}")))?;
    Ok(Outcome::ok(String::from_utf8_lossy(&text).into_owned()))
}

fn report(e: &Error) {
    let color = style::stderr_color();
    let text = match e {
        Error::Invalid(diags) => diags.render(color),
        other => format!("{}: {other}\n", Paint { color }.red("error")),
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn execute(cli: &Cli) -> Result<Outcome> {
    let paint = Paint {
        color: style::stdout_color(),
    };
    match &cli.command {
        Command::List {
            what,
            goal,
            use_case,
            format,
        } => {
            let (catalog, warnings) = load(&cli.inputs)?;
            list::list(
                &catalog,
                *what,
                goal.as_deref(),
                use_case.as_deref(),
                !cli.inputs.plans.is_empty(),
                *format,
                paint,
            )
            .map(|text| Outcome::ok(text).with_warnings(warnings))
        }
        Command::Show { use_case, format } => {
            let (catalog, warnings) = load(&cli.inputs)?;
            list::show(&catalog, use_case, *format, paint)
                .map(|text| Outcome::ok(text).with_warnings(warnings))
        }
        Command::Gen(args) => generate::run(args, &cli.inputs, paint),
        Command::Docs(args) => docs::run(args, &cli.inputs, paint),
        Command::Status(args) => status::run(args, &cli.inputs, paint),
        Command::Init => init(cli.inputs.config.as_deref()),
        Command::Pull(args) => protocols::pull(args, &cli.inputs, paint),
        Command::Push(args) => protocols::push(args, &cli.inputs, paint),
        Command::Import { plan, output } => {
            plans::import(plan, output.as_deref(), cli.inputs.deny_warnings)
        }
        Command::Export {
            format: ExportFormat::SegmentPlan,
            selection,
            output,
        } => plans::export(&cli.inputs, selection.selection(), output.as_deref()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut complete::command(), "tracktype", &mut out);
            Ok(Outcome::ok(String::from_utf8_lossy(&out).into_owned()))
        }
        Command::Man { command, out } => manual(command.as_deref(), out.as_deref()),
        Command::Catalog { format } => {
            let (catalog, warnings) = load(&cli.inputs)?;
            let doc = describe::catalog_json(&catalog);
            Ok(Outcome::ok(match format {
                DocFormat::Json => list::json_text(&doc),
                DocFormat::Yaml => serde_saphyr::to_string(&doc)
                    .map_err(|e| Error::Internal(format!("cannot write YAML: {e}")))?,
            })
            .with_warnings(warnings))
        }
    }
}

/// The catalog of the command line's inputs, and the warnings that concern every language
/// (those about one language are `gen`'s to report).
fn load(inputs: &InputArgs) -> Result<(crate::model::Catalog, Diagnostics)> {
    let loaded = catalog::load(&inputs.sources())?;
    let warnings = settle(loaded.warnings.concerning(None), inputs.deny_warnings)?;
    Ok((loaded.catalog, warnings))
}

/// Writes the starter project file, refusing to replace an existing one.
fn init(config: Option<&std::path::Path>) -> Result<Outcome> {
    let path = config.map_or_else(
        || PathBuf::from(project::FILE_NAME),
        std::path::Path::to_path_buf,
    );
    if path.exists() {
        return Err(Diagnostic::in_file(
            path.display().to_string(),
            "already exists; not overwriting it",
        )
        .with_hint("edit it, or remove it first to start over")
        .into());
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    file.write_all(project::STARTER.as_bytes())
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    Ok(Outcome::ok(format!(
        "wrote {}: one TypeScript target for mitigate-cart-abandonment; edit it, then run `tracktype gen`\n",
        path.display()
    )))
}
