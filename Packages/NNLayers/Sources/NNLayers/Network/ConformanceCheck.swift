import NNCore

/// Every conformance check of one registered component, in one call: what a package's own tests run on the
/// components it registers.
///
/// ```swift
/// import NNLayers
/// import NNOptim
/// import Testing
///
/// @Test("mish conforms") func mishConforms() throws {
///   let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, MyPlugin.self])
///   let report = try ConformanceCheck(registry: registry).run(component: "mish")
///   #expect(report.passed, "\(report)")
/// }
/// ```
///
/// The kind is found by the name; a name registered as several kinds is checked as each (an activation is also
/// checked as a layer when activations stand as layers). Every kind is checked for:
/// - **lookup by name**: made from its name (required parameters given sample values: integers 4, numbers 0.5,
///   flags true, words `mean`) and reporting that name in its configuration;
/// - **configuration round trip**: making its configuration again, and making it from the configuration's text,
///   give an equal configuration, and the configuration saves every declared parameter.
///
/// Then, by kind:
/// - an activation: `forward` and `backward` write every element of a 3×5 batch (**shapes**), and the
///   vector–Jacobian product matches central finite differences (**gradient**, ``GradientCheck``);
/// - a layer, for 3 rows of width 8: its output width and parameter shapes are positive and its parameter names
///   distinct, and `forward` and `backward` keep and fill every buffer (**shapes**); input and parameter gradients
///   match finite differences (**gradient**);
/// - a loss: its gradient keeps the predictions' 4×3 shape and is finite (**shapes**), `gradient` returns the
///   value `value` computes (**value agrees with gradient**), and the gradient matches finite differences for each
///   reduction it accepts (**gradient**);
/// - an optimizer: fresh state has step 0 and one zero slot per slot name shaped like the parameter, and an update
///   counts its step (**state**); 100 steps reduce `½‖θ − c‖²` (**descent**, at learning rate 0.01 when it takes
///   one); state saved as a model file stores it and read back into a new optimizer continues exactly as an
///   uninterrupted run (**state round trip**);
/// - an initializer: it fills matrices of the declared shape with finite values (**fills its matrix**), the same
///   for the same seed (**reproducible**).
///
/// An activation, layer or optimizer whose `supportedElementTypes` includes `float32` is also run on `float32`
/// values and compared with its `float64` results from the same values (**float32**): its results must be
/// `float32` and within 1e-5 of the largest `float64` result. One that computes in `float64` only is not: a
/// `float32` network runs it on widened copies.
///
/// Gradients are compared by the largest relative error `|a − b| / (|a| + |b|)` over the elements, at random points
/// kept `0.05` away from zero.
public struct ConformanceCheck: Sendable {
  /// The registry the components are made from.
  public let registry: Registry
  /// The largest relative error that passes a gradient or round-trip comparison.
  public let tolerance: Double

  /// A check of components made from `registry`.
  ///
  /// - Parameters:
  ///   - registry: The registry holding the components, with every plugin they need.
  ///   - tolerance: The largest relative error that passes.
  public init(registry: Registry, tolerance: Double = 1e-6) {
    self.registry = registry
    self.tolerance = tolerance
  }

  /// Runs every check of the component called `component`, as every kind registered under that name.
  ///
  /// - Parameter component: A registry name, such as `mish`; a specification with arguments, such as
  ///   `leaky_relu(negative_slope=0.2)`, checks the component made with those arguments.
  /// - Returns: The report; ``ConformanceReport/passed`` says whether every check passed.
  /// - Throws: ``/NNCore/ComponentError/unknownComponent(kind:name:known:suggestion:)`` with the closest registered
  ///   name when nothing is registered under the name,
  ///   ``/NNCore/ComponentError/malformedSpecification(_:reason:)`` for unreadable text.
  public func run(component: String) throws -> ConformanceReport {
    let asked = try ComponentRequest(parsing: component)
    let kinds = registry.kinds(named: asked.name)
    guard !kinds.isEmpty else { throw registry.unknownComponentError(asked.name) }
    var checks: [ConformanceReport.Check] = []
    for kind in kinds {
      let request = sampleRequest(asked, kind)
      switch kind {
      case .activation: checks += activationChecks(request)
      case .layer: checks += layerChecks(request)
      case .loss: checks += lossChecks(request)
      case .optimizer: checks += optimizerChecks(request)
      case .initializer: checks += initializerChecks(request)
      }
    }
    return ConformanceReport(component: component, checks: checks)
  }

  /// The finite-difference harness, at this check's tolerance.
  var gradients: GradientCheck { GradientCheck(registry: registry, tolerance: tolerance) }

  /// `asked` with sample values for the required parameters it does not give.
  private func sampleRequest(_ asked: ComponentRequest, _ kind: ComponentKind) -> ComponentRequest {
    var request = gradients.sampleRequest(asked.name, kind)
    let declared = registry.parameters(of: asked.name, kind: kind)
    for (index, value) in asked.positional.enumerated() {
      if index < declared.count {
        request.named[declared[index].name] = value
      } else {
        request.positional.append(value)
      }
    }
    request.named.merge(asked.named) { _, given in given }
    return request
  }

  /// A check without a measured error.
  func check(_ kind: ComponentKind, _ component: String, _ name: String, passed: Bool, _ detail: String)
    -> ConformanceReport.Check
  {
    ConformanceReport.Check(
      kind: kind, component: component, name: name, maximumRelativeError: nil, passed: passed, detail: detail)
  }

  /// A check that passes when `error` is finite and at most `limit` (the tolerance by default).
  func measured(
    _ kind: ComponentKind, _ component: String, _ name: String, error: Double, limit: Double? = nil,
    _ detail: String
  ) -> ConformanceReport.Check {
    let limit = limit ?? tolerance
    let passed = error.isFinite && error <= limit
    return ConformanceReport.Check(
      kind: kind, component: component, name: name, maximumRelativeError: error, passed: passed,
      detail: passed ? detail : "\(detail) (tolerance \(limit))")
  }

  /// Makes the component `request` names, then checks its lookup and configuration round trip; `nil` and a
  /// failed lookup when it cannot be made.
  ///
  /// - Parameters:
  ///   - request: The request, with sample values.
  ///   - kind: The kind to make.
  ///   - make: Makes a component of that kind.
  func made(
    _ request: ComponentRequest, as kind: ComponentKind, by make: (ComponentRequest) throws -> any Component
  ) -> (component: (any Component)?, checks: [ConformanceReport.Check]) {
    let component: any Component
    do {
      component = try make(request)
    } catch {
      return (nil, [check(kind, request.description, "lookup by name", passed: false, "cannot be made: \(error)")])
    }
    let configuration = component.configuration
    let text = configuration.description
    let lookup =
      configuration.name == request.name
      ? check(kind, text, "lookup by name", passed: true, "made by name; reports the name '\(request.name)'")
      : check(
        kind, text, "lookup by name", passed: false,
        "made by the name '\(request.name)' but reports the name '\(configuration.name)'")
    return (component, [lookup, roundTrip(configuration, as: kind, by: make)])
  }

  private func roundTrip(
    _ configuration: ComponentConfiguration, as kind: ComponentKind,
    by make: (ComponentRequest) throws -> any Component
  ) -> ConformanceReport.Check {
    let text = configuration.description
    var problems: [String] = []
    do {
      let again = try make(configuration.request).configuration
      if again != configuration { problems.append("making its configuration again gives '\(again)'") }
      let fromText = try make(ComponentRequest(parsing: text)).configuration
      if fromText != configuration { problems.append("making it from its text gives '\(fromText)'") }
    } catch {
      problems.append("its configuration cannot be made again: \(error)")
    }
    let declared = Set(registry.parameters(of: configuration.name, kind: kind).map(\.name))
    let saved = Set(configuration.arguments.keys)
    if !declared.subtracting(saved).isEmpty {
      problems.append("it does not save \(declared.subtracting(saved).sorted().joined(separator: ", "))")
    }
    if !saved.subtracting(declared).isEmpty {
      problems.append("it saves undeclared \(saved.subtracting(declared).sorted().joined(separator: ", "))")
    }
    return check(
      kind, text, "configuration round trip", passed: problems.isEmpty,
      problems.isEmpty
        ? "made again from its configuration and from its text, every declared parameter saved"
        : problems.joined(separator: "; "))
  }

  /// Why `matrix` is not a `rows × columns` matrix of finite values that `what` wrote, or `nil` when it is.
  func problem(_ matrix: Matrix, rows: Int, columns: Int, _ what: String) -> String? {
    guard matrix.rows == rows, matrix.columns == columns else {
      return "\(what) is \(matrix.rows)×\(matrix.columns), not \(rows)×\(columns)"
    }
    guard matrix.elements.allSatisfy(\.isFinite) else {
      return "\(what) has elements left unwritten or not finite"
    }
    return nil
  }
}
