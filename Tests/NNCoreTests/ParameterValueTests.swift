import Foundation
import NNCore
import Testing

/// `ParameterValue`: reading literals, conversions between kinds, coercion by declarations, and JSON.
@Suite("Parameter values")
struct ParameterValueTests {
  @Test(
    "literals read as Booleans, integers, numbers or text",
    arguments: [
      ("true", ParameterValue.boolean(true)), ("false", .boolean(false)), (" true ", .boolean(true)),
      ("12", .integer(12)), ("-7", .integer(-7)), ("0", .integer(0)),
      ("0.1", .number(0.1)), ("12.0", .number(12)), ("1e-300", .number(1e-300)), ("-2.5E3", .number(-2500)),
      ("mean", .text("mean")), (#""mean""#, .text("mean")), ("'sum'", .text("sum")), ("'7'", .text("7")),
      ("inf", .text("inf")), ("nan", .text("nan")), ("TRUE", .text("TRUE")), ("", .text("")), (#"""#, .text(#"""#)),
    ])
  func parsing(literal: String, expected: ParameterValue) {
    #expect(ParameterValue(parsing: literal) == expected)
  }

  @Test("numberValue reads numbers and integers only")
  func numberValue() {
    #expect(ParameterValue.number(0.5).numberValue == 0.5)
    #expect(ParameterValue.integer(3).numberValue == 3.0)
    #expect(ParameterValue.boolean(true).numberValue == nil)
    #expect(ParameterValue.text("1").numberValue == nil)
  }

  @Test("integerValue reads integers and whole numbers only")
  func integerValue() {
    #expect(ParameterValue.integer(-4).integerValue == -4)
    #expect(ParameterValue.number(2.0).integerValue == 2)
    #expect(ParameterValue.number(-0.0).integerValue == 0)
    #expect(ParameterValue.number(2.5).integerValue == nil)
    #expect(ParameterValue.number(1e300).integerValue == nil)
    #expect(ParameterValue.boolean(false).integerValue == nil)
    #expect(ParameterValue.text("2").integerValue == nil)
  }

  @Test("booleanValue and textValue read their own kind only")
  func booleanAndTextValues() {
    #expect(ParameterValue.boolean(false).booleanValue == false)
    #expect(ParameterValue.integer(1).booleanValue == nil)
    #expect(ParameterValue.text("sum").textValue == "sum")
    #expect(ParameterValue.boolean(true).textValue == nil)
  }

  @Test(
    "declarations coerce integers to numbers and whole numbers to integers, and refuse the rest",
    arguments: [
      (ParameterKind.number, ParameterValue.integer(2), ParameterValue?.some(.number(2))),
      (.number, .number(0.25), .number(0.25)),
      (.number, .boolean(true), nil),
      (.number, .text("0.1"), nil),
      (.integer, .number(2.0), .integer(2)),
      (.integer, .integer(5), .integer(5)),
      (.integer, .number(2.5), nil),
      (.integer, .boolean(true), nil),
      (.boolean, .boolean(false), .boolean(false)),
      (.boolean, .integer(1), nil),
      (.text, .text("mean"), .text("mean")),
      (.text, .integer(1), nil),
    ])
  func coercion(kind: ParameterKind, value: ParameterValue, expected: ParameterValue?) {
    #expect(ParameterDeclaration("p", kind, summary: "p").coerce(value) == expected)
  }

  @Test("coercing an integer to a number gives the number case, not the integer case")
  func coercionChangesCase() throws {
    let coerced = try #require(ParameterDeclaration("p", .number, summary: "p").coerce(.integer(3)))
    guard case .number(let value) = coerced else {
      Issue.record("expected .number, got \(coerced)")
      return
    }
    #expect(value == 3)
  }

  @Test(
    "JSON literals decode to the matching kind",
    arguments: [
      ("0.1", ParameterValue.number(0.1)), ("12", .integer(12)), ("-3", .integer(-3)), ("true", .boolean(true)),
      ("false", .boolean(false)), (#""mean""#, .text("mean")), ("1", .integer(1)), ("0", .integer(0)),
      ("2.5e-8", .number(2.5e-8)),
    ])
  func decodesJSON(json: String, expected: ParameterValue) throws {
    #expect(try JSONDecoder().decode(ParameterValue.self, from: Data(json.utf8)) == expected)
  }

  @Test("JSON null, arrays and objects are refused", arguments: ["null", "[1]", #"{"a": 1}"#])
  func refusesOtherJSON(json: String) {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ParameterValue.self, from: Data(json.utf8))
    }
  }

  @Test("a configuration survives JSON, each argument keeping its kind")
  func configurationJSONRoundTrip() throws {
    let configuration = ComponentConfiguration(
      name: "dense",
      arguments: [
        "units": .integer(12), "bias": .boolean(false), "slope": .number(0.1), "reduction": .text("mean"),
        "tiny": .number(1e-300),
      ])
    let data = try JSONEncoder().encode(configuration)
    #expect(try JSONDecoder().decode(ComponentConfiguration.self, from: data) == configuration)
  }

  @Test("a whole-number real (learning_rate = 1.0) is still a number after JSON")
  func wholeNumberJSONRoundTrip() throws {
    let configuration = ComponentConfiguration(name: "sgd", arguments: ["learning_rate": .number(1)])
    let data = try JSONEncoder().encode(configuration)
    let decoded = try JSONDecoder().decode(ComponentConfiguration.self, from: data)
    #expect(
      decoded == configuration,
      "encoded as \(String(decoding: data, as: UTF8.self)), decoded as \(decoded.arguments)")
  }
}
