// The part of analytics-swift's `Segment` module that tracktype's Swift code uses, with the
// real names and signatures (segmentio/analytics-swift: Analytics.swift, Events.swift,
// Types.swift, Plugins.swift, Timeline.swift, Utilities/JSON.swift), so that code type-checks
// against the real overloads without fetching the package:
// - `Analytics` with its typed, untyped and per-call-enrichment track, screen, identify and
//   group calls, and `add(plugin:)`;
// - the events (`RawEvent`, `TrackEvent`...), `JSON`, `Plugin`, `PluginType`, `EnrichmentClosure`.
// It also runs, as analytics-swift does up to its destinations: each call makes its event, which
// gets analytics-swift's own context, goes through the plugins by type (before, enrichment),
// then the call's own enrichments, then the destination and after plugins. A test sees what
// would be sent with an after plugin, as analytics-swift's own tests do. Nothing is sent.

import Foundation

// MARK: - Configuration

public class Configuration {
  let writeKey: String

  public init(writeKey: String) {
    self.writeKey = writeKey
  }
}

// MARK: - JSON

public enum JSON: Equatable {
  case null
  case bool(Bool)
  case number(Decimal)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  enum JSONError: Error {
    case nonJSONType(type: String)
  }

  public init(_ object: [String: Any]) throws {
    self = .object(try object.mapValues(JSON.init))
  }

  public init<T: Codable>(with value: T) throws {
    let json = try JSONEncoder().encode(value)
    let output = try JSONSerialization.jsonObject(with: json)
    try self.init(output)
  }

  public init(_ value: Any) throws {
    switch value {
    case _ as NSNull:
      self = .null
    case let number as NSNumber:
      // As analytics-swift tells booleans from numbers.
      let boolean = NSNumber(value: true)
      if String(cString: number.objCType) == String(cString: boolean.objCType) {
        self = .bool(number.boolValue)
      } else {
        self = .number(number.decimalValue)
      }
    case let string as String:
      self = .string(string)
    case let bool as Bool:
      self = .bool(bool)
    case let array as [Any]:
      self = .array(try array.map(JSON.init))
    case let object as [String: Any]:
      self = .object(try object.mapValues(JSON.init))
    case let json as JSON:
      self = json
    default:
      throw JSONError.nonJSONType(type: "\(type(of: value))")
    }
  }

  public var dictionaryValue: [String: Any]? {
    guard case .object(let value) = self else { return nil }
    return value.mapValues(\.rawValue)
  }

  private var rawValue: Any {
    switch self {
    case .null: return NSNull()
    case .bool(let value): return value
    case .number(let value): return value as NSDecimalNumber
    case .string(let value): return value
    case .array(let value): return value.map(\.rawValue)
    case .object(let value): return value.mapValues(\.rawValue)
    }
  }
}

extension JSON: Codable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Decimal.self) {
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

// MARK: - Events

public typealias EnrichmentClosure = (_ event: RawEvent?) -> RawEvent?

// The events, with the fields tracktype's code and tests use (analytics-swift's also have
// `anonymousId`, `messageId`, `timestamp`, `integrations`...). The enrichments (`@Noncodable`
// in analytics-swift) are not in their JSON.
public protocol RawEvent: Codable {
  var enrichments: [EnrichmentClosure]? { get set }
  var type: String? { get set }
  var context: JSON? { get set }
}

public struct TrackEvent: RawEvent {
  public var enrichments: [EnrichmentClosure]? = nil
  public var type: String? = "track"
  public var context: JSON? = nil

  public var event: String
  public var properties: JSON?

  public init(event: String, properties: JSON?) {
    self.event = event
    self.properties = properties
  }

  enum CodingKeys: String, CodingKey {
    case type, context, event, properties
  }
}

public struct ScreenEvent: RawEvent {
  public var enrichments: [EnrichmentClosure]? = nil
  public var type: String? = "screen"
  public var context: JSON? = nil

  public var name: String?
  public var category: String?
  public var properties: JSON?

  public init(title: String? = nil, category: String?, properties: JSON? = nil) {
    self.name = title
    self.category = category
    self.properties = properties
  }

  enum CodingKeys: String, CodingKey {
    case type, context, name, category, properties
  }
}

public struct IdentifyEvent: RawEvent {
  public var enrichments: [EnrichmentClosure]? = nil
  public var type: String? = "identify"
  public var context: JSON? = nil
  public var userId: String?

  public var traits: JSON?

  public init(userId: String? = nil, traits: JSON? = nil) {
    self.userId = userId
    self.traits = traits
  }

  enum CodingKeys: String, CodingKey {
    case type, context, userId, traits
  }
}

public struct GroupEvent: RawEvent {
  public var enrichments: [EnrichmentClosure]? = nil
  public var type: String? = "group"
  public var context: JSON? = nil

  public var groupId: String?
  public var traits: JSON?

  public init(groupId: String? = nil, traits: JSON? = nil) {
    self.groupId = groupId
    self.traits = traits
  }

  enum CodingKeys: String, CodingKey {
    case type, context, groupId, traits
  }
}

// MARK: - Plugins

public enum PluginType: Int, CaseIterable {
  case before
  case enrichment
  case destination
  case after
  case utility
}

public enum UpdateType {
  case initial
  case refresh
}

public struct Settings: Codable {
  public var integrations: JSON? = nil
}

public protocol Plugin: AnyObject {
  var type: PluginType { get }
  var analytics: Analytics? { get set }

  func configure(analytics: Analytics)
  func update(settings: Settings, type: UpdateType)
  func execute<T: RawEvent>(event: T?) -> T?
  func shutdown()
}

extension Plugin {
  public func configure(analytics: Analytics) {
    self.analytics = analytics
  }

  public func execute<T: RawEvent>(event: T?) -> T? {
    event
  }

  public func update(settings: Settings, type: UpdateType) {}

  public func shutdown() {}
}

// MARK: - Analytics

public class Analytics {
  let configuration: Configuration
  private var plugins: [Plugin] = []

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  @discardableResult
  public func add(plugin: Plugin) -> Plugin {
    plugin.configure(analytics: self)
    plugins.append(plugin)
    return plugin
  }

  /// Runs an event through the timeline, as analytics-swift's `Timeline.process` does; its
  /// `Context` plugin's part is the `library` context every event starts with.
  func process<E: RawEvent>(incomingEvent: E, enrichments: [EnrichmentClosure]? = nil) {
    var event = incomingEvent
    event.enrichments = enrichments
    event.context = .object([
      "library": .object(["name": .string("analytics-swift"), "version": .string("stub")])
    ])
    var result = apply(.before, to: event)
    result = apply(.enrichment, to: result)
    for closure in result?.enrichments ?? [] {
      result = closure(result) as? E
    }
    _ = apply(.destination, to: result)
    _ = apply(.after, to: result)
  }

  private func apply<E: RawEvent>(_ type: PluginType, to event: E?) -> E? {
    plugins.filter { $0.type == type }.reduce(event) { event, plugin in
      event.flatMap { plugin.execute(event: $0) }
    }
  }

  private func json<T: Codable>(_ value: T?) -> JSON? {
    value.flatMap { try? JSON(with: $0) }
  }
}

// MARK: - Typed and untyped calls: those with no enrichments of their own

extension Analytics {
  public func track<P: Codable>(name: String, properties: P?) {
    track(name: name, properties: properties, enrichments: nil)
  }

  public func track(name: String) {
    track(name: name, enrichments: nil)
  }

  public func identify<T: Codable>(userId: String, traits: T?) {
    identify(userId: userId, traits: traits, enrichments: nil)
  }

  public func identify<T: Codable>(traits: T) {
    process(incomingEvent: IdentifyEvent(traits: json(traits)))
  }

  public func identify(userId: String) {
    identify(userId: userId, enrichments: nil)
  }

  public func screen<P: Codable>(title: String, category: String? = nil, properties: P?) {
    screen(title: title, category: category, properties: properties, enrichments: nil)
  }

  public func screen(title: String, category: String? = nil) {
    screen(title: title, category: category, enrichments: nil)
  }

  public func group<T: Codable>(groupId: String, traits: T?) {
    group(groupId: groupId, traits: traits, enrichments: nil)
  }

  public func group(groupId: String) {
    group(groupId: groupId, enrichments: nil)
  }

  public func track(name: String, properties: [String: Any]? = nil) {
    track(name: name, properties: properties, enrichments: nil)
  }

  public func identify(userId: String, traits: [String: Any]? = nil) {
    process(incomingEvent: IdentifyEvent(userId: userId, traits: traits.flatMap(untyped)))
  }

  public func screen(title: String, category: String? = nil, properties: [String: Any]? = nil) {
    process(
      incomingEvent: ScreenEvent(
        title: title, category: category, properties: properties.flatMap(untyped)))
  }

  public func group(groupId: String, traits: [String: Any]?) {
    group(groupId: groupId, traits: traits, enrichments: nil)
  }

  func untyped(_ object: [String: Any]) -> JSON? {
    try? JSON(object)
  }
}

// MARK: - Calls with enrichments of their own

extension Analytics {
  public func track<P: Codable>(
    name: String, properties: P?, enrichments: [EnrichmentClosure]?
  ) {
    process(
      incomingEvent: TrackEvent(event: name, properties: json(properties)),
      enrichments: enrichments)
  }

  public func track(name: String, enrichments: [EnrichmentClosure]?) {
    track(name: name, properties: nil as TrackEvent?, enrichments: enrichments)
  }

  public func track(
    name: String, properties: [String: Any]?, enrichments: [EnrichmentClosure]?
  ) {
    process(
      incomingEvent: TrackEvent(event: name, properties: properties.flatMap(untyped)),
      enrichments: enrichments)
  }

  public func identify<T: Codable>(
    userId: String, traits: T?, enrichments: [EnrichmentClosure]?
  ) {
    process(
      incomingEvent: IdentifyEvent(userId: userId, traits: json(traits)),
      enrichments: enrichments)
  }

  public func identify(userId: String, enrichments: [EnrichmentClosure]?) {
    process(incomingEvent: IdentifyEvent(userId: userId, traits: nil), enrichments: enrichments)
  }

  public func screen<P: Codable>(
    title: String, category: String? = nil, properties: P?, enrichments: [EnrichmentClosure]?
  ) {
    process(
      incomingEvent: ScreenEvent(title: title, category: category, properties: json(properties)),
      enrichments: enrichments)
  }

  public func screen(
    title: String, category: String? = nil, enrichments: [EnrichmentClosure]?
  ) {
    screen(
      title: title, category: category, properties: nil as ScreenEvent?,
      enrichments: enrichments)
  }

  public func group<T: Codable>(
    groupId: String, traits: T?, enrichments: [EnrichmentClosure]?
  ) {
    process(
      incomingEvent: GroupEvent(groupId: groupId, traits: json(traits)), enrichments: enrichments)
  }

  public func group(groupId: String, enrichments: [EnrichmentClosure]?) {
    group(groupId: groupId, traits: nil as GroupEvent?, enrichments: enrichments)
  }

  public func group(
    groupId: String, traits: [String: Any]?, enrichments: [EnrichmentClosure]?
  ) {
    process(
      incomingEvent: GroupEvent(groupId: groupId, traits: traits.flatMap(untyped)),
      enrichments: enrichments)
  }
}
