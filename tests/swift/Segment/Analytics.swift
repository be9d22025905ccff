// The part of analytics-swift's `Segment` module that the example app
// (generated-examples/apps/swift) uses: `Analytics` with the signatures of its track, identify
// and group calls, typed and untyped, so that the app type-checks against the real overloads
// without fetching the package; and its initializer from a configuration, which the README's
// example calls. Nothing here runs.

public struct Configuration {
  public init(writeKey: String) {}
}

public class Analytics {
  public init() {}
  public init(configuration: Configuration) {}
}

extension Analytics {
  public func track<P: Codable>(name: String, properties: P?) {}
  public func track(name: String) {}
  public func identify<T: Codable>(userId: String, traits: T?) {}
  public func identify<T: Codable>(traits: T) {}
  public func identify(userId: String) {}
  public func group<T: Codable>(groupId: String, traits: T?) {}
  public func group(groupId: String) {}
}

extension Analytics {
  public func track(name: String, properties: [String: Any]? = nil) {}
  public func identify(userId: String, traits: [String: Any]? = nil) {}
  public func group(groupId: String, traits: [String: Any]?) {}
}
