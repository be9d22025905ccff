import Foundation

/// Records what a TrackingClient is asked to send: the event name, and the properties as JSON
/// with sorted keys. Each test file subclasses it as the client of the one module it tests.
class Recorder {
  private(set) var sent: [String] = []

  func track<P: Codable>(name: String, properties: P?) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      sent.append("\(name) \(String(decoding: try encoder.encode(properties), as: UTF8.self))")
    } catch {
      sent.append("\(name) failed to encode: \(error)")
    }
  }
}
