/// A function applied to a batch of vectors, with its vector–Jacobian product for backpropagation.
///
/// Row `i` of the input is one sample. For an elementwise function `f`, `y[i][j] = f(x[i][j])`; a function
/// such as softmax may mix the values of a row but never mixes rows.
///
/// Backward maps the gradient of the loss with respect to the output to the gradient with respect to the
/// input, a vector–Jacobian product rather than an elementwise derivative, so row-wise functions fit:
/// ```
/// ∂L/∂x[i][k] = Σⱼ ∂L/∂y[i][j] · ∂y[i][j]/∂x[i][k]
/// ```
public protocol Activation: Component {
  /// Applies the function: `output[i][j] = f(input[i])[j]`.
  ///
  /// - Parameters:
  ///   - input: A batch, one sample a row.
  ///   - output: The result, already of the input's shape.
  func forward(_ input: Matrix, into output: inout Matrix)

  /// The vector–Jacobian product: `inputGradient = outputGradient · ∂output/∂input`, row by row.
  ///
  /// - Parameters:
  ///   - input: The input of the forward pass.
  ///   - output: The output of the forward pass (many derivatives are cheaper from it).
  ///   - outputGradient: `∂L/∂output`.
  ///   - inputGradient: Receives `∂L/∂input`; already of the input's shape.
  func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix)

  /// The element types this activation computes in itself; a network of any other type still runs it, converting
  /// at its boundary.
  ///
  /// Elementwise activations (NNLayers' `ElementwiseActivation`) run in every type. Others list `float64` unless
  /// they say more, and the activation layer converts their inputs and results in a `float32` network.
  var supportedElementTypes: Set<ElementType> { get }
}

extension Activation {
  /// `[.float64]`: activations compute in `Double` unless they say more.
  public var supportedElementTypes: Set<ElementType> { [.float64] }
}
