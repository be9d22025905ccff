//! `tracktype man` and `tracktype completions`: a page for every command that the main page
//! refers to, and completions that know the catalog's names and what each value means.

use crate::support::{path_of, tracktype};

#[test]
fn every_page_the_manual_refers_to_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let run = tracktype(&["man", "--out", &path_of(&out)]).success();
    let main = std::fs::read_to_string(out.join("tracktype.1")).unwrap();
    let referred: Vec<String> = main
        .lines()
        .filter_map(|l| l.strip_suffix("(1)"))
        .map(|page| page.replace("\\-", "-"))
        .collect();
    assert!(referred.len() >= 12, "{referred:?}");
    for page in &referred {
        let file = out.join(format!("{page}.1"));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{page}(1) is referred to but {}: {e}", file.display()));
        assert!(text.contains(&format!(".TH {page} 1")), "{page}: {text}");
        assert!(run.stdout.contains(&format!("wrote {}", file.display())));
    }
    assert!(!out.join("tracktype-help.1").exists());
    // One page on standard output: the same as the file.
    let gen_page = tracktype(&["man", "gen"]).success().stdout;
    assert_eq!(
        gen_page,
        std::fs::read_to_string(out.join("tracktype-gen.1")).unwrap()
    );
    assert!(gen_page.contains("\\-\\-use\\-case"), "{gen_page}");
    assert_eq!(tracktype(&["man"]).success().stdout, main);

    let run = tracktype(&["man", "generate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no command `generate`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `gen`?"), "{}", run.stderr);
}

#[test]
fn completions_offer_the_catalogs_names_and_say_what_values_mean() {
    let fish = tracktype(&["completions", "fish"]).success().stdout;
    // One `complete` command each; a list of values with descriptions spans several lines.
    let entries: Vec<&str> = fish.split("\ncomplete ").collect();
    let lines = |needle: &str| -> Vec<&str> {
        entries
            .iter()
            .copied()
            .filter(|l| l.contains(needle))
            .collect()
    };
    // Use cases and goals by slug, described by name; events by name.
    let use_case = lines("subcommand gen\" -l use-case");
    assert_eq!(use_case.len(), 1);
    assert!(
        use_case[0].contains("mitigate-cart-abandonment\\t'Mitigate cart abandonment'"),
        "{}",
        use_case[0]
    );
    assert!(lines("subcommand list\" -l goal")[0].contains("optimize-advertising"));
    // fish's script does not complete positional arguments; zsh's does.
    let zsh = tracktype(&["completions", "zsh"]).success().stdout;
    assert!(
        zsh.contains(
            "':use_case -- The use case (slug or name):((build-high-value-lookalikes\\:\"Build high-value lookalikes\""
        ),
        "{zsh}"
    );
    assert!(lines("subcommand export\" -l event")[0].contains("Order Completed"));
    // --format values with what each is for.
    assert!(
        lines("subcommand list\" -l format")[0].contains("json\\t'For tools: one JSON document'")
    );
    assert!(
        lines("subcommand docs\" -l format")[0].contains("html\\t'A self-contained static site")
    );
    // Commands that read no catalog do not offer its flags.
    for command in ["man", "completions", "init"] {
        let offered = lines(&format!("subcommand {command}\""));
        assert!(!offered.is_empty());
        for flag in [
            "-l catalog",
            "-l plan",
            "-l no-default-catalog",
            "-l deny-warnings",
        ] {
            assert!(
                !offered.iter().any(|l| l.contains(flag)),
                "{command} offers {flag}:\n{}",
                offered.join("\n")
            );
        }
        assert_eq!(
            offered.iter().any(|l| l.contains("-l config")),
            command == "init",
            "{command}"
        );
    }
    assert!(!lines("subcommand gen\" -l catalog").is_empty());
    // Every shell clap knows, PowerShell and elvish included (their scripts complete commands
    // and flags, not values).
    for (shell, marker) in [
        ("bash", "mitigate-cart-abandonment"),
        ("zsh", "mitigate-cart-abandonment"),
        ("fish", "mitigate-cart-abandonment"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'tracktype'",
        ),
        ("elvish", "set edit:completion:arg-completer[tracktype]"),
    ] {
        let script = tracktype(&["completions", shell]).success().stdout;
        assert!(script.contains(marker), "{shell}: {script}");
    }
    // The slugs only complete: a user catalog's own use case is still accepted.
    let run = tracktype(&["gen", "--lang", "ts", "--use-case", "not-a-use-case"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown use case `not-a-use-case`"),
        "{}",
        run.stderr
    );
}
