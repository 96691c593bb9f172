import NNCore
import NNLayers

/// A network drawn by He's uniform initializer whose biases are then drawn from `±biasLimit` (so that bias passes
/// matter and sums of both signs occur), in `elementType`.
///
/// - Parameters:
///   - inputWidth: The network's inputs.
///   - layers: Its layers.
///   - seed: The seed of the draws.
///   - biasLimit: The biases' bound.
///   - elementType: The network's element type.
func networkWithBiases(
  inputWidth: Int, layers: [any Layer], seed: UInt64, biasLimit: Double, elementType: ElementType
) throws -> Sequential {
  let random = RandomSource(seed: seed)
  let initial = try Sequential(
    inputWidth: inputWidth, layers: layers, initializer: HeUniformInitializer(), random: random)
  var parameters = initial.parameters
  for layer in parameters.indices where parameters[layer].count == 2 {
    parameters[layer][1].withUnsafeMutableBufferPointer { bias in
      for index in bias.indices { bias[index] = random.uniform(from: -biasLimit, to: biasLimit) }
    }
  }
  return try Sequential(inputWidth: inputWidth, layers: layers, parameters: parameters).converted(to: elementType)
}
