import NNCore
import Testing

/// `ComponentEntry.arguments(for:)` and the typed accessors of `Arguments`.
@Suite("Component entries and arguments")
struct ComponentEntryTests {
  /// `window(size, stride=1, padding=same, scale=1.0, causal=false)`, whose factory returns its arguments.
  let entry = ComponentEntry<Arguments>(
    name: "window", summary: "a test entry",
    parameters: [
      ParameterDeclaration("size", .integer, summary: "width"),
      ParameterDeclaration("stride", .integer, default: .integer(1), summary: "step"),
      ParameterDeclaration("padding", .text, default: .text("same"), summary: "same or valid"),
      ParameterDeclaration("scale", .number, default: .integer(1), summary: "factor"),
      ParameterDeclaration("causal", .boolean, default: .boolean(false), summary: "look back only"),
    ]
  ) { $0 }

  @Test("defaults fill every parameter not given, coerced to the declared kind")
  func defaultsFilled() throws {
    let arguments = try entry.arguments(for: ComponentRequest(parsing: "window(3)"))
    #expect(arguments.componentName == "window")
    #expect(
      arguments.values == [
        "size": .integer(3), "stride": .integer(1), "padding": .text("same"), "scale": .number(1),
        "causal": .boolean(false),
      ])
  }

  @Test("positional and named arguments combine")
  func positionalAndNamed() throws {
    let arguments = try entry.make(ComponentRequest(parsing: "window(5, 2, causal=true, scale=0.5)"))
    #expect(
      arguments.values == [
        "size": .integer(5), "stride": .integer(2), "padding": .text("same"), "scale": .number(0.5),
        "causal": .boolean(true),
      ])
  }

  @Test("the typed accessors read each kind, numbers from integers and integers from whole numbers")
  func typedAccessors() throws {
    let arguments = Arguments(
      componentName: "window",
      values: ["size": .number(4), "scale": .integer(2), "padding": .text("valid"), "causal": .boolean(true)])
    #expect(try arguments.integer("size") == 4)
    #expect(try arguments.number("scale") == 2)
    #expect(try arguments.text("padding") == "valid")
    #expect(try arguments.boolean("causal"))
  }

  @Test("an accessor for a missing or ill-typed value throws invalidArgument naming component and parameter")
  func accessorErrors() {
    let arguments = Arguments(componentName: "window", values: ["size": .number(2.5), "padding": .text("same")])
    for (parameter, read) in [
      ("size", { _ = try arguments.integer("size") }),
      ("stride", { _ = try arguments.integer("stride") }),
      ("padding", { _ = try arguments.number("padding") }),
      ("padding", { _ = try arguments.boolean("padding") }),
      ("size", { _ = try arguments.text("size") }),
    ] as [(String, () throws -> Void)] {
      let error = #expect(throws: ComponentError.self) { try read() }
      guard case .invalidArgument(let component, let named, _) = error else {
        Issue.record("expected invalidArgument for \(parameter), got \(String(describing: error))")
        continue
      }
      #expect(component == "window")
      #expect(named == parameter)
    }
  }

  @Test("the checks come in order: count, unknown names, missing values, kinds")
  func orderOfChecks() {
    #expect(
      throws: ComponentError.tooManyArguments(
        component: "window", given: 6, accepted: ["size", "stride", "padding", "scale", "causal"])
    ) {
      try entry.arguments(for: ComponentRequest(parsing: "window(1, 2, same, 1.0, false, 6, bogus=1)"))
    }
    #expect(
      throws: ComponentError.unknownParameter(
        component: "window", parameter: "bogus", accepted: ["size", "stride", "padding", "scale", "causal"])
    ) {
      try entry.arguments(for: ComponentRequest(parsing: "window(bogus=1, stride=x)"))
    }
    #expect(throws: ComponentError.missingParameter(component: "window", parameter: "size")) {
      try entry.arguments(for: ComponentRequest(parsing: "window(stride=x)"))
    }
  }
}
