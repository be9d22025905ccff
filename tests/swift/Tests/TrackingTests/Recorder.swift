import Foundation

/// Records what a TrackingClient is asked to send, with analytics-swift's signatures: the call
/// (a track call as its event name), then what it sends as JSON with sorted keys. Each test
/// file subclasses it as the client of the one module it tests.
class Recorder {
  private(set) var sent: [String] = []

  func track<P: Codable>(name: String, properties: P?) {
    record(name, properties)
  }

  func screen<P: Codable>(title: String, category: String?, properties: P?) {
    record("screen \(title) (\(category ?? "no category"))", properties)
  }

  func identify<T: Codable>(userId: String, traits: T?) {
    record("identify \(userId)", traits)
  }

  func group<T: Codable>(groupId: String, traits: T?) {
    record("group \(groupId)", traits)
  }

  private func record<V: Encodable>(_ call: String, _ value: V?) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      sent.append("\(call) \(String(decoding: try encoder.encode(value), as: UTF8.self))")
    } catch {
      sent.append("\(call) failed to encode: \(error)")
    }
  }
}
