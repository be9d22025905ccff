//! The Swift batch: every case a module of one package, built in the Swift 6 language mode
//! with warnings as errors, and an executable that checks every event.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use super::{BatchFailure, Case, cases_mentioned, hashes_for, swift_module};
use crate::support::{require_tool, root};

fn swift() -> Option<PathBuf> {
    require_tool(
        "swift",
        &[root().join("../shared/tools/bin")],
        "the random-catalog Swift test",
    )
}

pub fn available() -> bool {
    swift().is_some()
}

const MAIN: &str = r#"import Foundation

/// JSON as a value, to compare what was sent with the sample whatever the key order.
enum JSON: Decodable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSON].self))
    }
  }
}

/// A client that records what it is asked to send; every case's `TrackingClient`.
final class Recorder {
  var calls: [(String, Data?)] = []

  func track<P: Codable>(name: String, properties: P?) {
    calls.append((name, properties.flatMap { try? JSONEncoder().encode($0) }))
  }
}

/// Reads the sample into the event's type, sends it, and compares what was sent.
func check<E: Codable>(
  _ label: String, _ type: E.Type, wire: String, json: String, send: (E, Recorder) -> Void
) -> [String] {
  let data = Data(json.utf8)
  guard let expected = try? JSONDecoder().decode(JSON.self, from: data) else {
    return ["\(label): the sample is not JSON"]
  }
  let value: E
  do {
    value = try JSONDecoder().decode(E.self, from: data)
  } catch {
    return ["\(label): does not read its sample \(json): \(error)"]
  }
  let recorder = Recorder()
  send(value, recorder)
  guard recorder.calls.count == 1, let call = recorder.calls.first else {
    return ["\(label): \(recorder.calls.count) calls, expected 1"]
  }
  let (name, sent) = call
  let actual = sent.flatMap { try? JSONDecoder().decode(JSON.self, from: $0) }
  if name != wire || actual != expected {
    let text = sent.map { String(decoding: $0, as: UTF8.self) } ?? "nothing"
    return ["\(label): sent \(name) \(text), expected \(wire) \(json)"]
  }
  return []
}

var failures: [String] = []
var checks = 0
"#;

pub fn batch(cases: &[Case]) -> Result<(), BatchFailure> {
    let swift = swift().expect("checked by available()");
    let dir = root().join("target/tracktype-tests/random/swift");
    let _ = std::fs::remove_dir_all(dir.join("Sources"));
    let check_dir = dir.join("Sources/Check");
    std::fs::create_dir_all(&check_dir).expect("scratch directory");
    let mut targets = String::new();
    let mut dependencies = String::new();
    let mut main = MAIN.to_owned();
    for (i, case) in cases.iter().enumerate() {
        let module = swift_module(i);
        let target = tracktype::lang::Target::Swift {
            module: module.clone(),
            sources_only: true,
        };
        let sources = dir.join("Sources").join(&module);
        std::fs::create_dir_all(&sources).expect("module directory");
        for file in case.files(&target) {
            std::fs::write(sources.join(&file.path), &file.contents).expect("case file");
        }
        writeln!(
            targets,
            "    .target(name: \"{module}\", swiftSettings: strict),"
        )
        .unwrap();
        write!(dependencies, "\"{module}\", ").unwrap();

        let mut checks = String::new();
        for event in &case.events {
            let json = event.sample.to_string();
            let hashes = hashes_for(&json, "\"");
            let label = tracktype::lang::swift::string(&format!("case_{i}: {:?}", event.wire));
            let wire = tracktype::lang::swift::string(&event.wire);
            let call = if event.has_properties {
                format!("client.{}(value)", event.swift.method)
            } else {
                format!("client.{}()", event.swift.method)
            };
            write!(
                checks,
                "  failures += check(\n    {label}, {module}.{ty}.self, wire: {wire},\n    \
                 json: {hashes}\"{json}\"{hashes}\n  ) {{ value, recorder in\n    \
                 let client: any {module}.TrackingClient = recorder\n    {call}\n  }}\n",
                ty = event.swift.ty,
            )
            .unwrap();
        }
        std::fs::write(
            check_dir.join(format!("Case{i}.swift")),
            format!(
                "import {module}\n\nextension Recorder: {module}.TrackingClient {{}}\n\n\
                 func runCase{i}() -> (Int, [String]) {{\n  var failures: [String] = []\n\
                 {checks}  return ({count}, failures)\n}}\n",
                count = case.events.len()
            ),
        )
        .expect("case check");
        writeln!(
            main,
            "do {{\n  let (n, f) = runCase{i}()\n  checks += n\n  failures += f\n}}"
        )
        .unwrap();
    }
    main.push_str(
        "for failure in failures { print(\"FAILED \\(failure)\") }\n\
         print(\"\\(checks - failures.count) of \\(checks) checks passed\")\n\
         if !failures.isEmpty { exit(1) }\n",
    );
    std::fs::write(check_dir.join("main.swift"), main).expect("driver");
    std::fs::write(
        dir.join("Package.swift"),
        format!(
            "// swift-tools-version: 6.0\n\nimport PackageDescription\n\n\
             let strict: [SwiftSetting] = [.unsafeFlags([\"-warnings-as-errors\"])]\n\n\
             let package = Package(\n  name: \"RandomCatalogs\",\n  targets: [\n{targets}    \
             .executableTarget(name: \"Check\", dependencies: [{dependencies}]),\n  \
             ],\n  swiftLanguageModes: [.v6]\n)\n"
        ),
    )
    .expect("package");

    let build = Command::new(&swift)
        .args(["build", "--quiet"])
        .current_dir(&dir)
        .output()
        .expect("swift runs");
    let output = if build.status.success() {
        let run = Command::new(&swift)
            .args(["run", "--skip-build", "Check"])
            .current_dir(&dir)
            .output()
            .expect("swift runs");
        if run.status.success() {
            return Ok(());
        }
        run
    } else {
        build
    };
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Err(BatchFailure {
        cases: cases_mentioned(cases.len(), |i| {
            output.contains(&format!("{}/", swift_module(i)))
                || output.contains(&format!("Case{i}.swift"))
                || output.contains(&format!("case_{i}:"))
        }),
        output,
    })
}
