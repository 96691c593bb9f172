import Testing

@testable import NNScaffolding

/// Inserting a registration between the markers of a plugin file.
@Suite("Registration insertion")
struct RegistrationInsertionTests {
  static let plugin = """
    enum P {
      static func register(in registrar: inout Registrar) {
        // nn:registrations:begin
        registrar.register(loss: A.entry)
        // nn:registrations:end
      }
    }
    """

  @Test("the snippet goes before the end marker, at its indentation")
  func inserts() throws {
    let (text, registration) = try RenderedComponent.inserting(
      "registrar.register(loss: B.entry)\n", into: Self.plugin, "P.swift")
    let lines = try #require(text).components(separatedBy: "\n")
    #expect(registration == "    registrar.register(loss: B.entry)")
    #expect(lines[4] == "    registrar.register(loss: B.entry)")
    #expect(lines[5] == "    // nn:registrations:end")
    #expect(lines.count == Self.plugin.components(separatedBy: "\n").count + 1)
  }

  @Test("a registration already there is not added twice")
  func alreadyThere() throws {
    let (text, _) = try RenderedComponent.inserting("registrar.register(loss: A.entry)", into: Self.plugin, "P.swift")
    #expect(text == nil)
  }

  @Test("a file without both markers, in order, is malformed")
  func noMarkers() {
    let reversed = "// nn:registrations:end\n// nn:registrations:begin\n"
    for text in ["enum P {}\n", reversed] {
      let error = #expect(throws: ScaffoldingError.self) {
        try RenderedComponent.inserting("x", into: text, "P.swift")
      }
      #expect(error?.category == .malformedInput)
    }
  }
}
