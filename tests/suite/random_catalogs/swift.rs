//! The Swift batch: every case a module of one package, built in the Swift 6 language mode
//! with warnings as errors, and an executable that checks every event.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

use super::{BatchFailure, Case, Sent, cases_mentioned, hashes_for, swift_module};
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

/// JSON of a value the client was given; `{}` for none.
func json<T: Encodable>(_ value: T?) -> JSON {
  guard let value, let data = try? JSONEncoder().encode(value) else { return .object([:]) }
  return (try? JSONDecoder().decode(JSON.self, from: data)) ?? .null
}

/// A client that records each call as what it was given; every case's `TrackingClient`.
final class Recorder {
  var calls: [JSON] = []

  func track<P: Codable>(name: String, properties: P?) {
    calls.append(.object(["call": .string("track"), "event": .string(name), "properties": json(properties)]))
  }

  func screen<P: Codable>(title: String, category: String?, properties: P?) {
    calls.append(
      .object([
        "call": .string("screen"), "title": .string(title),
        "category": category.map(JSON.string) ?? .null, "properties": json(properties),
      ]))
  }

  func identify<T: Codable>(userId: String, traits: T?) {
    calls.append(.object(["call": .string("identify"), "id": .string(userId), "traits": json(traits)]))
  }

  func group<T: Codable>(groupId: String, traits: T?) {
    calls.append(.object(["call": .string("group"), "id": .string(groupId), "traits": json(traits)]))
  }
}

/// Reads the sample into its type, sends it, and compares the calls made with `expected`.
func check<E: Codable>(
  _ label: String, _ type: E.Type, json sample: String, expected: String,
  send: (E, Recorder) -> Void
) -> [String] {
  let data = Data(sample.utf8)
  guard let want = try? JSONDecoder().decode(JSON.self, from: Data(expected.utf8)) else {
    return ["\(label): the expectation is not JSON"]
  }
  let value: E
  do {
    value = try JSONDecoder().decode(E.self, from: data)
  } catch {
    return ["\(label): does not read its sample \(sample): \(error)"]
  }
  let recorder = Recorder()
  send(value, recorder)
  if .array(recorder.calls) != want {
    return ["\(label): sent \(recorder.calls), expected \(expected)"]
  }
  return []
}

var failures: [String] = []
var checks = 0
"#;

/// A raw string literal of `text`.
fn raw(text: &str) -> String {
    let hashes = hashes_for(text, "\"");
    format!("{hashes}\"{text}\"{hashes}")
}

/// What the recording client is given for an event's call: a page goes as a screen call,
/// analytics-swift having no page call, and a title is required: an absent name is the
/// event's.
fn expected(sent: &Sent) -> Value {
    match sent.call {
        "track" => json!({ "call": "track", "event": sent.name, "properties": sent.properties }),
        _ => json!({
            "call": "screen",
            "title": sent.name.as_deref().unwrap_or(&sent.wire),
            "category": sent.category,
            "properties": sent.properties,
        }),
    }
}

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
            analytics_swift: false,
            validate: true,
        };
        let sources = dir.join("Sources").join(&module);
        std::fs::create_dir_all(&sources).expect("module directory");
        for file in case.files(&target) {
            std::fs::write(sources.join(&file.path), file.contents.to_text()).expect("case file");
        }
        writeln!(
            targets,
            "    .target(name: \"{module}\", swiftSettings: strict),"
        )
        .unwrap();
        write!(dependencies, "\"{module}\", ").unwrap();

        let mut checks = String::new();
        let mut check = |label: String, ty: &str, sample: &Value, expected: Value, call: String| {
            write!(
                checks,
                "  failures += check(\n    {label}, {ty}.self,\n    json: {sample},\n    \
                 expected: {expected}\n  ) {{ value, recorder in\n    \
                 let client: any {module}.TrackingClient = recorder\n    {call}\n  }}\n",
                label = tracktype::lang::swift::string(&label),
                sample = raw(&sample.to_string()),
                expected = raw(&expected.to_string()),
            )
            .unwrap();
        };
        for event in &case.events {
            let call = if event.has_properties {
                format!("client.{}(value)", event.swift.method)
            } else {
                format!("client.{}()", event.swift.method)
            };
            check(
                format!("case_{i}: {:?}", event.wire),
                &format!("{module}.{}", event.swift.ty),
                &event.sample,
                json!([expected(&event.sent)]),
                call,
            );
        }
        for traits in &case.traits {
            let ty = traits.swift.as_ref().map_or_else(
                || format!("[String: {module}.JSONValue]"),
                |t| format!("{module}.{t}"),
            );
            let (id, label) = match traits.call {
                "identify" => ("u", "userId"),
                _ => ("g", "groupId"),
            };
            check(
                format!("case_{i}: {}", traits.call),
                &ty,
                &traits.sample,
                json!([{ "call": traits.call, "id": id, "traits": traits.sample }]),
                format!("client.{}({label}: {id:?}, traits: value)", traits.call),
            );
        }
        std::fs::write(
            check_dir.join(format!("Case{i}.swift")),
            format!(
                "import {module}\n\nextension Recorder: {module}.TrackingClient {{}}\n\n\
                 func runCase{i}() -> (Int, [String]) {{\n  var failures: [String] = []\n\
                 {checks}  return ({count}, failures)\n}}\n",
                count = case.events.len() + case.traits.len()
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
    // The status too: a Swift killed by a signal says nothing else.
    let output = format!(
        "{}\n{}{}",
        output.status,
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
