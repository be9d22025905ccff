//! What shells complete and manual pages show: the command as clap describes it, with the
//! embedded catalog's slugs and event names as completion candidates, and the global input
//! flags kept off the commands that read no catalog.

use std::path::Path;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Arg, Command, CommandFactory};

use super::Cli;

/// Which names of the embedded catalog a flag takes.
#[derive(Clone, Copy, Debug)]
pub enum Names {
    UseCases,
    Goals,
    Events,
}

/// A parser that accepts any string (a user catalog may add names) and offers the embedded
/// catalog's names, each with its description, to completion scripts.
#[derive(Clone, Copy, Debug)]
pub struct CatalogNames(pub Names);

impl TypedValueParser for CatalogNames {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let catalog = crate::catalog::embedded().ok()?;
        let values: Vec<PossibleValue> = match self.0 {
            Names::UseCases => catalog
                .use_cases
                .iter()
                .map(|u| PossibleValue::new(u.slug.clone()).help(u.name.clone()))
                .collect(),
            Names::Goals => catalog
                .goals
                .iter()
                .map(|g| PossibleValue::new(g.slug.clone()).help(g.name.clone()))
                .collect(),
            Names::Events => catalog
                .events
                .iter()
                .map(|e| PossibleValue::new(e.name.clone()))
                .collect(),
        };
        Some(Box::new(values.into_iter()))
    }
}

/// The command line as shells complete it and manual pages document it. `man`, `completions`
/// and `init` read no catalog, so they do not offer the catalog flags (nor `--config`, except
/// `init`, which writes the file it names). clap's global arguments reach every command, and
/// completion scripts offer even hidden ones, so here the input flags are given to each
/// command that reads a catalog instead. Parsing is unchanged: the globals are accepted
/// anywhere.
pub fn command() -> Command {
    let derived = Cli::command().disable_help_subcommand(true);
    let inputs: Vec<Arg> = derived
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.clone().global(false))
        .collect();
    let names: Vec<String> = derived
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut cmd = derived;
    for a in &inputs {
        cmd = cmd.mut_arg(a.get_id().clone(), |a| a.global(false));
    }
    for name in names {
        let given: Vec<Arg> = inputs
            .iter()
            .filter(|a| match name.as_str() {
                "man" | "completions" => false,
                "init" => a.get_id() == "config",
                _ => true,
            })
            .cloned()
            .collect();
        cmd = cmd.mut_subcommand(name, |c| c.args(given));
    }
    cmd.build();
    cmd
}

/// Every manual page: `tracktype.1` and one per command (`tracktype-gen.1`...), into `dir`.
pub fn write_manual(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let cmd = command();
    for page in pages(&cmd) {
        written.push(page.generate_to(dir)?);
    }
    Ok(written)
}

/// The manual page of the whole command, or of one of its commands.
pub fn manual(subcommand: Option<&str>) -> Option<clap_mangen::Man> {
    let cmd = command();
    match subcommand {
        None => Some(clap_mangen::Man::new(cmd)),
        Some(name) => cmd
            .get_subcommands()
            .find(|s| s.get_name() == name)
            .cloned()
            .map(clap_mangen::Man::new),
    }
}

fn pages(cmd: &Command) -> Vec<clap_mangen::Man> {
    let mut pages = vec![clap_mangen::Man::new(cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(clap_mangen::Man::new(sub.clone()));
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_that_read_no_catalog_do_not_offer_its_flags() {
        let cmd = command();
        let offered = |name: &str| -> Vec<String> {
            let sub = cmd.find_subcommand(name).unwrap();
            sub.get_arguments()
                .map(|a| a.get_id().to_string())
                .filter(|id| id != "help" && id != "version")
                .collect()
        };
        assert_eq!(offered("man"), ["command", "out"]);
        assert_eq!(offered("completions"), ["shell"]);
        assert_eq!(offered("init"), ["config"]);
        let generate = offered("gen");
        for flag in [
            "catalogs",
            "plans",
            "no_default_catalog",
            "config",
            "deny_warnings",
        ] {
            assert!(generate.contains(&flag.to_owned()), "{generate:?}");
        }
    }
}
