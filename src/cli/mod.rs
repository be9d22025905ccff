//! The `tracktype` command line: argument parsing and output, over the library.

mod list;
mod style;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::{self, Sources};
use crate::describe;
use crate::error::{Error, Result};

use style::Paint;

/// Typed tracking SDKs for Rust, TypeScript and Swift, from Segment's use cases.
#[derive(Debug, Parser)]
#[command(name = "tracktype", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Exit codes: 0 success; 1 drift found by --check, or output could not be written; \
2 bad usage or invalid input.")]
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
    /// Leave out the embedded catalog: use only --catalog files
    #[arg(long, global = true)]
    pub no_default_catalog: bool,
}

impl InputArgs {
    fn sources(&self) -> Sources {
        Sources {
            skip_embedded: self.no_default_catalog,
            catalogs: self.catalogs.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List goals, use cases or events
    List {
        #[arg(value_enum)]
        what: ListWhat,
        /// Only those of this goal (slug or name)
        #[arg(long, value_name = "SLUG")]
        goal: Option<String>,
        /// Only those of this use case (slug or name)
        #[arg(long = "use-case", value_name = "SLUG")]
        use_case: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show a use case: its events and their properties, and the recommended sources and
    /// destinations per goal
    Show {
        /// The use case (slug or name)
        #[arg(value_name = "USE_CASE")]
        use_case: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the whole resolved catalog (after --catalog files) as one document
    Catalog {
        #[arg(long, value_enum, default_value_t = DocFormat::Json)]
        format: DocFormat,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Goals,
    UseCases,
    Events,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Json,
    Yaml,
}

/// Runs the command line and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match execute(&cli) {
        Ok(Outcome { stdout, code }) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`tracktype list events | head`) is not an error worth reporting.
            let _ = out.write_all(stdout.as_bytes()).and_then(|()| out.flush());
            code
        }
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

/// What a command prints and how it exits.
struct Outcome {
    stdout: String,
    code: i32,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Self { stdout, code: 0 }
    }
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
            let catalog = catalog::load(&cli.inputs.sources())?.catalog;
            list::list(&catalog, *what, goal.as_deref(), use_case.as_deref(), *format, paint).map(Outcome::ok)
        }
        Command::Show { use_case, format } => {
            let catalog = catalog::load(&cli.inputs.sources())?.catalog;
            list::show(&catalog, use_case, *format, paint).map(Outcome::ok)
        }
        Command::Catalog { format } => {
            let catalog = catalog::load(&cli.inputs.sources())?.catalog;
            let doc = describe::catalog_json(&catalog);
            Ok(Outcome::ok(match format {
                DocFormat::Json => list::json_text(&doc),
                DocFormat::Yaml => serde_saphyr::to_string(&doc)
                    .map_err(|e| Error::Internal(format!("cannot write YAML: {e}")))?,
            }))
        }
    }
}
