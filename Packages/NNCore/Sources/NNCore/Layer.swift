/// How a parameter matrix starts: drawn from the network's initializer, or filled with a constant of the layer's
/// own choosing.
///
/// A layer normalisation's gain `γ` in `y = x̂ ⊙ γ + β` starts at ones and its shift at zeros, so the layer starts
/// as `x̂`:
///
/// ```swift
/// [
///   ParameterShape(name: "gain", rows: 1, columns: width, fanIn: 1, fanOut: 1, role: .ones),
///   ParameterShape(name: "shift", rows: 1, columns: width, fanIn: 1, fanOut: 1, role: .zeros),
/// ]
/// ```
public enum ParameterRole: Sendable, Hashable {
  /// Drawn from the network's ``Initializer``, which uses the shape's fans.
  case weight
  /// Every element starts at `value` (finite).
  case constant(Double)

  /// Every element starts at zero: `.constant(0)`.
  public static var zeros: ParameterRole { .constant(0) }

  /// Every element starts at one: `.constant(1)`, as a gain or scale does.
  public static var ones: ParameterRole { .constant(1) }

  /// Starts at zero, as biases do: the same as ``zeros``.
  public static var bias: ParameterRole { .zeros }
}

/// The name, shape and fans of one parameter matrix of a layer.
public struct ParameterShape: Sendable, Hashable {
  /// The parameter's name within its layer (`weight`, `bias`).
  public let name: String
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The number of inputs feeding each output unit, for scaled initialisers.
  public let fanIn: Int
  /// The number of output units each input feeds, for scaled initialisers.
  public let fanOut: Int
  /// How it starts: drawn from the initializer, or a constant.
  public let role: ParameterRole

  /// Describes a parameter.
  ///
  /// - Parameters:
  ///   - name: The name within its layer.
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - role: How it starts: ``ParameterRole/weight`` (drawn), ``ParameterRole/bias`` or ``ParameterRole/zeros``
  ///     (zero), ``ParameterRole/ones``, or ``ParameterRole/constant(_:)``.
  public init(name: String, rows: Int, columns: Int, fanIn: Int, fanOut: Int, role: ParameterRole) {
    self.name = name
    self.rows = rows
    self.columns = columns
    self.fanIn = fanIn
    self.fanOut = fanOut
    self.role = role
  }
}

/// Whether a forward pass is for training (dropout active, randomness drawn) or for inference.
public enum ForwardMode {
  /// Training: layers may draw from the source (dropout masks).
  case training(RandomSource)
  /// Inference: deterministic.
  case inference
}

/// Scratch matrices a layer keeps between its forward and backward passes (a dropout mask, say).
///
/// The network owns one workspace per layer, made by ``Layer/makeWorkspace(inputWidth:)``; matrices in it
/// keep their memory from batch to batch.
public struct LayerWorkspace {
  /// The scratch matrices, as the layer arranges them.
  public var matrices: [Matrix]

  /// A workspace holding `matrices`.
  ///
  /// - Parameter matrices: The scratch matrices.
  public init(_ matrices: [Matrix] = []) { self.matrices = matrices }
}

/// One stage of a network: maps a batch `x` (one sample a row) to `y = layer(x; θ)`.
///
/// A layer is a value holding its configuration only; its parameters `θ` live in the network and are passed
/// in, so the same layer value describes any number of networks and a checkpoint holds plain matrices.
/// Buffers are preallocated by the caller: forward and backward write into matrices of the right shape.
public protocol Layer: Component {
  /// The width of each output row for inputs of width `inputWidth`.
  ///
  /// - Parameter inputWidth: The width of each input row.
  /// - Throws: ``ComponentError/invalidArgument(component:parameter:reason:)`` when the layer cannot take it.
  func outputWidth(inputWidth: Int) throws -> Int

  /// The parameters the layer needs for inputs of width `inputWidth`, in the order they are passed.
  ///
  /// - Parameter inputWidth: The width of each input row.
  func parameterShapes(inputWidth: Int) -> [ParameterShape]

  /// A new workspace for inputs of width `inputWidth`.
  ///
  /// - Parameter inputWidth: The width of each input row.
  func makeWorkspace(inputWidth: Int) -> LayerWorkspace

  /// Computes `output = layer(input; parameters)`.
  ///
  /// - Parameters:
  ///   - input: A batch, one sample a row.
  ///   - parameters: The layer's parameters, shaped as ``parameterShapes(inputWidth:)`` says.
  ///   - output: The result, already `input.rows × outputWidth`.
  ///   - workspace: The layer's scratch space.
  ///   - mode: Training or inference.
  func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode)

  /// Backpropagates: from `∂L/∂output`, computes `∂L/∂θ` and, when asked, `∂L/∂input`.
  ///
  /// - Parameters:
  ///   - input: The input of the forward pass.
  ///   - output: The output of the forward pass.
  ///   - outputGradient: `∂L/∂output`.
  ///   - parameters: The layer's parameters.
  ///   - parameterGradients: Receive `∂L/∂θ`, one per parameter, each shaped like it (overwritten).
  ///   - inputGradient: Receives `∂L/∂input` (already of the input's shape) when `computeInputGradient`.
  ///   - computeInputGradient: `false` for the first layer, whose input gradient nobody needs.
  ///   - workspace: The layer's scratch space, as the forward pass left it.
  func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace)

  /// The element types this layer computes in itself; a network of any other type still runs it, converting at
  /// its boundary.
  ///
  /// Every layer works in a `float32` network: the trainer converts the inputs, parameters and gradients of a layer
  /// that lists only `float64` to `Double` and its results back, in buffers it keeps. A layer that computes in
  /// `Float` itself lists both and switches on ``Matrix/elementType``.
  var supportedElementTypes: Set<ElementType> { get }
}

extension Layer {
  /// `[.float64]`: layers compute in `Double` unless they say more.
  public var supportedElementTypes: Set<ElementType> { [.float64] }

  /// No parameters.
  ///
  /// - Parameter inputWidth: The width of each input row (unused).
  /// - Returns: An empty list.
  public func parameterShapes(inputWidth: Int) -> [ParameterShape] { [] }

  /// An empty workspace.
  ///
  /// - Parameter inputWidth: The width of each input row (unused).
  /// - Returns: A workspace with no buffers.
  public func makeWorkspace(inputWidth: Int) -> LayerWorkspace { LayerWorkspace() }
}
