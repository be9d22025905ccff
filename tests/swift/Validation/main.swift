// Runs the validation corpus (tests/data/validation/corpus.json) through the generated
// `Validation.validate(event:properties:)` and prints each case's violations as JSON,
// [path, keyword, expected, value] each, for tracktype's test suite to compare with the corpus
// (which TypeScript and Rust are compared with too). Then checks that typed events are
// validated, and that the client's handler sees violations first and can drop the call.
// Compiled with the corpus's generated sources by the suite's `validation` module.

import Foundation

struct Case: Decodable {
  let event: String
  let properties: JSONValue
}

struct Corpus: Decodable {
  let cases: [Case]
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("\(message)\n".utf8))
  exit(1)
}

guard CommandLine.arguments.count == 2,
  let data = FileManager.default.contents(atPath: CommandLine.arguments[1]),
  let corpus = try? JSONDecoder().decode(Corpus.self, from: data)
else { fail("usage: runner corpus.json") }

let results: [JSONValue] = corpus.cases.map { c in
  .array(
    Validation.validate(event: c.event, properties: c.properties).map { v in
      .array([.string(v.path), .string(v.keyword), .string(v.expected), v.value])
    })
}

final class Recorder: TrackingClient {
  var sent: [String] = []
  var seen: [String] = []

  func track<P: Codable>(name: String, properties: P?) { sent.append(name) }
  func identify<T: Codable>(userId: String, traits: T?) { sent.append("identify") }
  func group<T: Codable>(groupId: String, traits: T?) { sent.append("group") }

  func handleViolations(_ violations: [Violation], of event: String) -> Bool {
    seen.append("\(event) \(violations.map(\.path))")
    return event != "Numbers Checked"
  }
}

let typed = StringsChecked(currency: "usd").validate()
guard typed.map(\.description) == [#"/currency pattern: expected ^[A-Z]{3}$, got string("usd")"#]
else { fail("typed validation: \(typed)") }

let client = Recorder()
client.stringsChecked(StringsChecked(currency: "usd"))
client.numbersChecked(NumbersChecked(pct: 140))
client.stringsChecked(StringsChecked(currency: "USD"))
client.identify(userId: "u", traits: IdentifyTraits(email: "nobody"))
guard client.sent == ["Strings Checked", "Strings Checked", "identify"],
  client.seen == [
    #"Strings Checked ["/currency"]"#, #"Numbers Checked ["/pct"]"#, #"identify ["/email"]"#,
  ]
else { fail("handler: sent \(client.sent), seen \(client.seen)") }

guard let json = try? JSONEncoder().encode(JSONValue.array(results)) else { fail("encode") }
print(String(decoding: json, as: UTF8.self))
