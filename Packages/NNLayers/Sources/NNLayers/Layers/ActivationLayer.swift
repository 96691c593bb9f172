import NNCore

/// A layer that applies an activation and has no parameters: `y = f(x)`.
///
/// Every registered activation can stand in a network under its own name through this layer, so a model
/// file lists `sigmoid` or `leaky_relu(negative_slope=0.1)` as a layer.
public struct ActivationLayer: Layer {
  /// The activation applied.
  public let activation: any Activation

  /// A layer applying `activation`.
  ///
  /// - Parameter activation: The activation.
  public init(_ activation: any Activation) { self.activation = activation }

  /// The activation's configuration.
  public var configuration: ComponentConfiguration { activation.configuration }

  /// The activation's own: ``ElementwiseActivation``s compute in both types.
  public var supportedElementTypes: Set<ElementType> { activation.supportedElementTypes }

  /// The input width: activations keep the shape.
  public func outputWidth(inputWidth: Int) throws -> Int { inputWidth }

  /// `output = f(input)`.
  public func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    activation.forward(input, into: &output)
  }

  /// `∂L/∂input` by the activation's vector–Jacobian product; there are no parameter gradients.
  public func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    guard computeInputGradient else { return }
    activation.backward(input: input, output: output, outputGradient: outputGradient, into: &inputGradient)
  }
}
