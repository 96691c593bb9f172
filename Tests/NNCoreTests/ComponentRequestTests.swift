import NNCore
import Testing

/// Parsing the specification syntax `name(positional, …, parameter=value, …)` and writing it back.
@Suite("Component request parsing")
struct ComponentRequestTests {
  /// A specification and the request it must give.
  struct Parse: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: ComponentRequest
    var testDescription: String { text }

    init(_ text: String, _ name: String, _ positional: [ParameterValue] = [], _ named: [String: ParameterValue] = [:]) {
      self.text = text
      self.expected = ComponentRequest(name: name, positional: positional, named: named)
    }
  }

  static let wellFormed: [Parse] = [
    Parse("relu", "relu"),
    Parse("relu()", "relu"),
    Parse("  relu  ", "relu"),
    Parse("relu ( )", "relu"),
    Parse("leaky_relu(negative_slope=0.1)", "leaky_relu", [], ["negative_slope": .number(0.1)]),
    Parse("leaky_relu( negative_slope = 0.1 )", "leaky_relu", [], ["negative_slope": .number(0.1)]),
    Parse("dense(12)", "dense", [.integer(12)]),
    Parse("dense(12, bias=false)", "dense", [.integer(12)], ["bias": .boolean(false)]),
    Parse("dense(12,bias=true)", "dense", [.integer(12)], ["bias": .boolean(true)]),
    Parse("dense(units=12, bias=false)", "dense", [], ["units": .integer(12), "bias": .boolean(false)]),
    Parse("f(12.0)", "f", [.number(12)]),
    Parse("f(-3)", "f", [.integer(-3)]),
    Parse("f(1e-3)", "f", [.number(0.001)]),
    Parse("f(2.5e10)", "f", [.number(2.5e10)]),
    Parse("f(-0.5, 7, true, false)", "f", [.number(-0.5), .integer(7), .boolean(true), .boolean(false)]),
    Parse("mse(reduction=sum)", "mse", [], ["reduction": .text("sum")]),
    Parse(#"mse(reduction="sum")"#, "mse", [], ["reduction": .text("sum")]),
    Parse("mse(reduction='mean')", "mse", [], ["reduction": .text("mean")]),
    Parse("f('12')", "f", [.text("12")]),
    Parse(#"f("true")"#, "f", [.text("true")]),
    Parse(#"f(label="two words")"#, "f", [], ["label": .text("two words")]),
    Parse("f(True)", "f", [.text("True")]),
    Parse("he_normal2", "he_normal2"),
    Parse("f(x_1=1, x_2=2)", "f", [], ["x_1": .integer(1), "x_2": .integer(2)]),
  ]

  @Test("well-formed specifications parse to the expected request", arguments: wellFormed)
  func parses(testCase: Parse) throws {
    #expect(try ComponentRequest(parsing: testCase.text) == testCase.expected)
  }

  @Test("an integer stays an integer and a decimal point makes a number")
  func integersVersusNumbers() throws {
    let request = try ComponentRequest(parsing: "f(3, 3.0, 3e0)")
    #expect(request.positional == [.integer(3), .number(3), .number(3)])
    guard case .integer = request.positional[0] else {
      Issue.record("3 should be an integer")
      return
    }
    guard case .number = request.positional[1] else {
      Issue.record("3.0 should be a number")
      return
    }
  }

  static let malformed: [String] = [
    "(", "relu(", "Relu", "relu(a=1,a=2)", "dense(units=3, 4)", "relu(,)", "", "   ", "(3)", "relu)", "relu(1,)",
    "relu(,1)", "relu(=2)", "relu(Slope=2)", "relu(1a=2)", "leaky-relu", "2relu", "_relu", "re lu", "relu(1))",
    "relu((1)",
  ]

  @Test("malformed specifications throw malformedSpecification quoting the text", arguments: malformed)
  func rejects(text: String) {
    let error = #expect(throws: ComponentError.self) { try ComponentRequest(parsing: text) }
    guard let error else { return }  // The missing error is already recorded.
    guard case .malformedSpecification(let quoted, let reason) = error else {
      Issue.record("expected malformedSpecification for '\(text)', got \(String(describing: error))")
      return
    }
    #expect(quoted == text)
    #expect(!reason.isEmpty)
    #expect(error.description.contains("cannot read the component specification '\(text)'"))
  }

  @Test("the description lists positional arguments, then named ones in alphabetical order")
  func descriptionFormat() {
    let request = ComponentRequest(
      name: "dense", positional: [.integer(12)], named: ["bias": .boolean(false), "activation": .text("relu")])
    #expect(request.description == "dense(12, activation=relu, bias=false)")
    #expect(ComponentRequest(name: "relu").description == "relu")
    #expect(
      ComponentConfiguration(name: "leaky_relu", arguments: ["negative_slope": .number(0.1)]).description
        == "leaky_relu(negative_slope=0.1)")
  }

  static let roundTrips: [String] = [
    "relu", "relu()", "leaky_relu(negative_slope=0.1)", "dense(12)", "dense(12, bias=false)", "mse(reduction=sum)",
    "f(1e-300, -0.5, 7, true)", "f(b=2, a=1.5)", #"mse(reduction="mean")"#, "f(0.30000000000000004)",
  ]

  @Test("parsing the description gives the same request", arguments: roundTrips)
  func descriptionRoundTrip(text: String) throws {
    let request = try ComponentRequest(parsing: text)
    #expect(try ComponentRequest(parsing: request.description) == request)
  }

  @Test("text that reads like a number, a Boolean or a list survives its description")
  func quotedTextRoundTrip() throws {
    for value in ["12", "true", "0.5", "a, b", "x=y"] {
      let request = ComponentRequest(name: "f", named: ["label": .text(value)])
      #expect(
        (try? ComponentRequest(parsing: request.description)) == request,
        "\(request.description) does not give back .text(\"\(value)\")")
    }
  }

  @Test("a quoted value may contain a comma")
  func quotedComma() throws {
    #expect(
      try ComponentRequest(parsing: #"f(label="a, b")"#) == ComponentRequest(name: "f", named: ["label": .text("a, b")])
    )
  }

  @Test(
    "isName accepts lower_snake identifiers only",
    arguments: [
      ("relu", true), ("leaky_relu", true), ("he_normal2", true), ("a", true), ("a_", true),
      ("", false), ("Relu", false), ("2relu", false), ("_relu", false), ("leaky-relu", false), ("re lu", false),
      ("rélu", false),
    ])
  func isName(text: String, expected: Bool) {
    #expect(ComponentRequest.isName(text) == expected)
  }
}
