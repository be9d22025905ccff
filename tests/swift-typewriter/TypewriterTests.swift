import Foundation
import Typewriter
import XCTest

/// Records each event's name and properties (JSON), and writes them all to the file named by
/// TYPEWRITER_E2E_OUT for the test suite to compare with tests/data/typewriter-e2e.json.
final class Recorder: TrackingClient {
  private(set) var calls: [String] = []

  func track<P: Codable>(name: String, properties: P?) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      let event = String(decoding: try encoder.encode(name), as: UTF8.self)
      let json = String(decoding: try encoder.encode(properties), as: UTF8.self)
      calls.append("{\"event\":\(event),\"properties\":\(json)}")
    } catch {
      calls.append("{\"event\":\"encoding failed: \(error)\"}")
    }
  }

  // Typewriter's plan has track events only: these are never called.
  func identify<T: Codable>(userId: String, traits: T?) {
    calls.append("{\"event\":\"unexpected identify\"}")
  }

  func group<T: Codable>(groupId: String, traits: T?) {
    calls.append("{\"event\":\"unexpected group\"}")
  }
}

final class TypewriterTests: XCTestCase {
  func testEveryFunctionSendsTypewritersExpectedProperties() throws {
    let t = Recorder()
    let any: JSONValue = "Rick Sanchez"
    let array: [JSONValue] = [137, "C-137"]
    let bigInt = 1_230_007_112_658_965_944
    let bigNumber = 1.24e21

    t._42terribleEventName3()
    t.analyticsInstanceMissing()
    t.analyticsInstanceMissingThrewError()
    t.customViolationHandler(CustomViolationHandler(regexProperty: "Lawyer Morty"))
    t.customViolationHandlerCalled()
    t.defaultViolationHandler(DefaultViolationHandler(regexProperty: "Evil Morty"))
    t.defaultViolationHandlerCalled()
    t.emptyEvent()
    t.enumTypes(EnumTypes(stringConst: .rickSanchez, stringEnum: .evilMorty))
    t.eventCollided()

    // Every Nullable Optional Type: absent, all null, nested nulls, all values.
    t.everyNullableOptionalType()
    let optionalNulls = EveryNullableOptionalType(
      optionalAny: .null, optionalArray: .null, optionalArrayWithProperties: .null,
      optionalBoolean: .null, optionalInt: .null, optionalNumber: .null, optionalObject: .null,
      optionalObjectWithProperties: .null, optionalString: .null, optionalStringWithRegex: .null)
    t.everyNullableOptionalType(optionalNulls)
    var nestedNulls = optionalNulls
    nestedNulls.optionalArrayWithProperties = .value([
      EveryNullableOptionalTypeOptionalArrayWithPropertiesItem(
        optionalAny: .null, optionalArray: .null, optionalBoolean: .null, optionalInt: .null,
        optionalNumber: .null, optionalObject: .null, optionalString: .null,
        optionalStringWithRegex: .null)
    ])
    nestedNulls.optionalObjectWithProperties = .value(
      EveryNullableOptionalTypeOptionalObjectWithProperties(
        optionalAny: .null, optionalArray: .null, optionalBoolean: .null, optionalInt: .null,
        optionalNumber: .null, optionalObject: .null, optionalString: .null,
        optionalStringWithRegex: .null))
    t.everyNullableOptionalType(nestedNulls)
    t.everyNullableOptionalType(
      EveryNullableOptionalType(
        optionalAny: any, optionalArray: .value(array),
        optionalArrayWithProperties: .value([
          EveryNullableOptionalTypeOptionalArrayWithPropertiesItem(
            optionalAny: any, optionalArray: .value(array), optionalBoolean: false,
            optionalInt: 97, optionalNumber: 3.14, optionalObject: .value([:]),
            optionalString: "Alpha-Beta", optionalStringWithRegex: "Lawyer Morty")
        ]),
        optionalBoolean: false, optionalInt: 97, optionalNumber: 3.14, optionalObject: .value([:]),
        optionalObjectWithProperties: .value(
          EveryNullableOptionalTypeOptionalObjectWithProperties(
            optionalAny: any, optionalArray: .value(array), optionalBoolean: false,
            optionalInt: 97, optionalNumber: 3.14, optionalObject: .value([:]),
            optionalString: "Alpha-Beta", optionalStringWithRegex: "Lawyer Morty")),
        optionalString: "Alpha-Beta", optionalStringWithRegex: "Lawyer Morty"))

    // Every Nullable Required Type: all null, nested nulls, all values.
    let requiredNulls = EveryNullableRequiredType(
      requiredAny: nil, requiredArray: nil, requiredArrayWithProperties: nil, requiredBoolean: nil,
      requiredInt: nil, requiredNumber: nil, requiredObject: nil,
      requiredObjectWithProperties: nil, requiredString: nil, requiredStringWithRegex: nil)
    t.everyNullableRequiredType(requiredNulls)
    var nestedRequiredNulls = requiredNulls
    nestedRequiredNulls.requiredArrayWithProperties = [
      EveryNullableRequiredTypeRequiredArrayWithPropertiesItem(
        requiredAny: nil, requiredArray: nil, requiredBoolean: nil, requiredInt: nil,
        requiredNumber: nil, requiredObject: nil, requiredString: nil,
        requiredStringWithRegex: nil)
    ]
    nestedRequiredNulls.requiredObjectWithProperties =
      EveryNullableRequiredTypeRequiredObjectWithProperties(
        requiredAny: nil, requiredArray: nil, requiredBoolean: nil, requiredInt: nil,
        requiredNumber: nil, requiredObject: nil, requiredString: nil,
        requiredStringWithRegex: nil)
    t.everyNullableRequiredType(nestedRequiredNulls)
    t.everyNullableRequiredType(
      EveryNullableRequiredType(
        requiredAny: any, requiredArray: array,
        requiredArrayWithProperties: [
          EveryNullableRequiredTypeRequiredArrayWithPropertiesItem(
            requiredAny: any, requiredArray: array, requiredBoolean: false, requiredInt: 97,
            requiredNumber: 3.14, requiredObject: [:], requiredString: "Alpha-Beta",
            requiredStringWithRegex: "Lawyer Morty")
        ],
        requiredBoolean: false, requiredInt: 97, requiredNumber: 3.14, requiredObject: [:],
        requiredObjectWithProperties: EveryNullableRequiredTypeRequiredObjectWithProperties(
          requiredAny: any, requiredArray: array, requiredBoolean: false, requiredInt: 97,
          requiredNumber: 3.14, requiredObject: [:], requiredString: "Alpha-Beta",
          requiredStringWithRegex: "Lawyer Morty"),
        requiredString: "Alpha-Beta", requiredStringWithRegex: "Lawyer Morty"))

    // Every Optional Type: absent, then all values.
    t.everyOptionalType()
    t.everyOptionalType(
      EveryOptionalType(
        optionalAny: any, optionalArray: array,
        optionalArrayWithProperties: [
          EveryOptionalTypeOptionalArrayWithPropertiesItem(
            optionalAny: any, optionalArray: array, optionalBoolean: false, optionalInt: 97,
            optionalNumber: 3.14, optionalObject: [:], optionalString: "Alpha-Beta",
            optionalStringWithRegex: "Lawyer Morty")
        ],
        optionalBoolean: false, optionalInt: 97, optionalNumber: 3.14, optionalObject: [:],
        optionalObjectWithProperties: EveryOptionalTypeOptionalObjectWithProperties(
          optionalAny: any, optionalArray: array, optionalBoolean: false, optionalInt: 97,
          optionalNumber: 3.14, optionalObject: [:], optionalString: "Alpha-Beta",
          optionalStringWithRegex: "Lawyer Morty"),
        optionalString: "Alpha-Beta", optionalStringWithRegex: "Lawyer Morty"))

    t.everyRequiredType(
      EveryRequiredType(
        requiredAny: any, requiredArray: array,
        requiredArrayWithProperties: [
          EveryRequiredTypeRequiredArrayWithPropertiesItem(
            requiredAny: any, requiredArray: array, requiredBoolean: false, requiredInt: 97,
            requiredNumber: 3.14, requiredObject: [:], requiredString: "Alpha-Beta",
            requiredStringWithRegex: "Lawyer Morty")
        ],
        requiredBoolean: false, requiredInt: 97, requiredNumber: 3.14, requiredObject: [:],
        requiredObjectWithProperties: EveryRequiredTypeRequiredObjectWithProperties(
          requiredAny: any, requiredArray: array, requiredBoolean: false, requiredInt: 97,
          requiredNumber: 3.14, requiredObject: [:], requiredString: "Alpha-Beta",
          requiredStringWithRegex: "Lawyer Morty"),
        requiredString: "Alpha-Beta", requiredStringWithRegex: "Lawyer Morty"))

    // Large numbers stay exact: Int is 64 bits and Double holds 1.24e21.
    t.largeNumbersEvent(
      LargeNumbersEvent(
        largeNullableRequiredInteger: bigInt, largeNullableRequiredNumber: bigNumber,
        largeRequiredInteger: bigInt, largeRequiredNumber: bigNumber,
        largeNullableOptionalInteger: .value(bigInt), largeNullableOptionalNumber: .value(bigNumber),
        largeOptionalInteger: bigInt, largeOptionalNumber: bigNumber))
    t.largeNumbersEvent(
      LargeNumbersEvent(
        largeNullableRequiredInteger: nil, largeNullableRequiredNumber: nil,
        largeRequiredInteger: -bigInt, largeRequiredNumber: -bigNumber))

    t.nestedArrays(
      NestedArrays(universeCharacters: [
        [NestedArraysUniverseCharactersItemItem(name: "Rick"), .init(name: "Morty")],
        [NestedArraysUniverseCharactersItemItem(name: "Evil Morty")],
      ]))
    t.nestedObjects(
      NestedObjects(
        garage: NestedObjectsGarage(
          tunnel: NestedObjectsGarageTunnel(
            subterraneanLab: NestedObjectsGarageTunnelSubterraneanLab(
              jerrysMemories: [], mortysMemories: ["a ball", 137],
              summersContingencyPlan: "Oh, man, it's a scenario.")))))
    t.propertiesCollided(
      PropertiesCollided(propertyCollided: "The Citadel", propertyCollided2: "Galactic Federation"))
    t.propertyObjectNameCollision1(
      PropertyObjectNameCollision1(
        universe: PropertyObjectNameCollision1Universe(
          name: "Earth (C-137)",
          occupants: [PropertyObjectNameCollision1UniverseOccupantsItem(name: "Mr. Meeseeks")])))
    t.propertyObjectNameCollision2(
      PropertyObjectNameCollision2(
        universe: PropertyObjectNameCollision2Universe(
          name: "Earth (Replacement Dimension)",
          occupants: [PropertyObjectNameCollision2UniverseOccupantsItem(name: "Cronenberg Rick")])))
    t.propertySanitized(PropertySanitized(_0000terriblePropertyName3: "What a great property name"))
    t.simpleArrayTypes(
      SimpleArrayTypes(
        any: array, boolean: [true, false], integer: [1, 2], nullable: ["Evil Morty", nil],
        number: [1.5, 2.25], object: [SimpleArrayTypesObjectItem(name: "Rick"), .init()],
        string: ["Lawyer Morty", "Evil Morty"]))
    // The union takes a string, an integer, and null.
    t.unionType(UnionType(universeName: "C-137"))
    t.unionType(UnionType(universeName: 137))
    t.unionType(UnionType(universeName: nil))
    t.eventCollided2()

    XCTAssertEqual(t.calls.count, 33)
    let out = try XCTUnwrap(ProcessInfo.processInfo.environment["TYPEWRITER_E2E_OUT"])
    try ("[" + t.calls.joined(separator: ",") + "]").write(toFile: out, atomically: true, encoding: .utf8)
  }
}
