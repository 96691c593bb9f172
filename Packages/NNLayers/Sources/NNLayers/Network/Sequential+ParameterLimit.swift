import NNCore

extension Sequential {
  /// The most parameters one layer may have: 2²⁸ = 268,435,456, 2 GiB of doubles for the values alone, as much again
  /// for their gradients and for each moment an optimizer keeps.
  ///
  /// A layer that asks for more (`dense(9223372036854775807)`, a width typed for another layer) is refused with
  /// its sizes before anything is allocated: its matrices could not be allocated, and their sizes may not even
  /// multiply within an `Int`.
  public static let maximumParametersPerLayer = 1 << 28

  /// Checks that each layer's parameters stay within ``maximumParametersPerLayer``, counted from their shapes
  /// without overflow:
  ///
  /// ```
  /// count = Σ rows · columns over the layer's parameter shapes      (inputs · units + units for a dense layer)
  /// ```
  ///
  /// - Parameters:
  ///   - layers: The layers, first to last.
  ///   - widths: `widths[i]` is the input width of layer `i`.
  /// - Throws: ``NetworkError/layerTooLarge(index:name:shapes:parameters:)`` for the first layer beyond the limit.
  static func checkParameterCounts(layers: [any Layer], widths: [Int]) throws(NetworkError) {
    for (index, layer) in layers.enumerated() {
      let shapes = layer.parameterShapes(inputWidth: widths[index])
      var count: Int? = 0
      for shape in shapes {
        let (size, sizeOverflow) = shape.rows.multipliedReportingOverflow(by: shape.columns)
        let (sum, sumOverflow) = (count ?? 0).addingReportingOverflow(size)
        count = sizeOverflow || sumOverflow || count == nil || shape.rows < 0 || shape.columns < 0 ? nil : sum
      }
      guard let count, count <= maximumParametersPerLayer else {
        throw NetworkError.layerTooLarge(
          index: index, name: layer.configuration.description,
          shapes: shapes.map { "\($0.name) \($0.rows)×\($0.columns)" }.joined(separator: ", "), parameters: count)
      }
    }
  }
}
