//! Mistakes in using the command line: each is an error that says what is wrong and how to
//! fix it, exits 2 and writes nothing, where it could have been silently ignored.

use crate::support::{dir_with, tracktype, tracktype_in};

#[test]
fn another_languages_options_are_errors_not_ignored() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("out");
    let out_arg = out_dir.to_str().unwrap();
    let run = tracktype(&[
        "gen",
        "--lang",
        "swift",
        "--use-case",
        "mitigate-cart-abandonment",
        "--file-name",
        "x.rs",
        "--sdk",
        "analytics-node",
        "--out",
        out_arg,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: --sdk analytics-node does not apply to --lang swift\n  \
         hint: use analytics-swift, or leave --sdk out for a client of your own\n\n\
         error: --file-name is an option of --lang rust, not of --lang swift\n  \
         hint: remove --file-name, or use it with --lang rust\n\n2 errors\n"
    );
    assert!(!out_dir.exists(), "nothing is written");
    let run = tracktype(&[
        "gen",
        "--lang",
        "rust",
        "--use-case",
        "mitigate-cart-abandonment",
        "--sources-only",
        "--out",
        out_arg,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: --sources-only is an option of --lang swift, not of --lang rust"),
        "{}",
        run.stderr
    );
    // Each language's own options still work.
    for args in [
        &["--lang", "ts", "--sdk", "analytics-node"][..],
        &["--lang", "rust", "--file-name", "t.rs"],
        &["--lang", "swift", "--module", "T", "--sources-only"],
    ] {
        let mut all = vec![
            "gen",
            "--use-case",
            "mitigate-cart-abandonment",
            "--out",
            out_arg,
        ];
        all.extend_from_slice(args);
        tracktype(&all).success();
    }
    // Without --lang the project file's targets are generated, and a language option or
    // --out would be ignored.
    let project = dir_with(&[(
        "tracktype.yaml",
        "targets:\n  - name: web\n    lang: ts\n    use_cases: [mitigate-cart-abandonment]\n    out: gen\n",
    )]);
    let run = tracktype_in(Some(project.path()), &["gen", "--sdk", "analytics-node"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: --sdk needs --lang"),
        "{}",
        run.stderr
    );
    let run = tracktype_in(Some(project.path()), &["gen", "--out", "elsewhere"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: --out needs --lang"),
        "{}",
        run.stderr
    );
    assert!(!project.path().join("gen").exists());
}

#[test]
fn an_output_directory_that_is_a_file_is_named_as_such() {
    let dir = dir_with(&[("rules.json", "{}")]);
    let generate = |out: &str| {
        tracktype_in(
            Some(dir.path()),
            &[
                "gen",
                "--lang",
                "ts",
                "--use-case",
                "mitigate-cart-abandonment",
                "--out",
                out,
            ],
        )
    };
    let run = generate("rules.json");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the output directory rules.json is a file, not a directory\n  \
         hint: name a directory to write into (it is created if need be)\n"
    );
    let run = generate("rules.json/sdk");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: cannot create the output directory rules.json/sdk: rules.json is a file, \
             not a directory"
        ),
        "{}",
        run.stderr
    );
    let run = tracktype_in(Some(dir.path()), &["docs", "--out", "rules.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("rules.json is a file, not a directory"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("rules.json")).unwrap(),
        "{}"
    );

    // Of a project's targets, none is written when one's output is a file.
    let project = dir_with(&[
        (
            "tracktype.yaml",
            "targets:\n  - name: web\n    lang: ts\n    use_cases: [mitigate-cart-abandonment]\n    out: web\n  \
             - name: api\n    lang: rust\n    use_cases: [mitigate-cart-abandonment]\n    out: api.rs\n",
        ),
        ("api.rs", "fn main() {}\n"),
    ]);
    let run = tracktype_in(Some(project.path()), &["gen"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("api.rs is a file, not a directory"),
        "{}",
        run.stderr
    );
    assert!(!project.path().join("web").exists());
}
