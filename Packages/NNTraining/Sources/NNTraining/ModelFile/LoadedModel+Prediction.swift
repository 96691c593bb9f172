import NNCore
import NNData
import NNLayers

extension LoadedModel {
  /// The network's outputs for raw features: the stored standardisation, if any, is applied first, as in
  /// training.
  ///
  /// ```
  /// x′ = (x − mean) / scale,   outputs = network(x′)
  /// ```
  ///
  /// - Parameter features: One sample a row, ``/NNLayers/Sequential/inputWidth`` columns, not standardised.
  /// - Throws: ``/NNLayers/NetworkError/widthMismatch(what:expected:found:)`` when the width is not the network's.
  public func predict(_ features: Matrix) throws -> Matrix {
    guard features.columns == network.inputWidth else {
      throw NetworkError.widthMismatch(what: "features", expected: network.inputWidth, found: features.columns)
    }
    guard let standardization = file.standardization else { return try network.predict(features) }
    return try network.predict(try standardization.applied(to: features))
  }

  /// The predicted class name of each row of raw features: the output above 0.5 for a single output, else the
  /// largest output.
  ///
  /// - Parameter features: One sample a row, not standardised.
  /// - Throws: ``/NNLayers/NetworkError/widthMismatch(what:expected:found:)`` when the width is not the network's.
  public func predictedClassNames(_ features: Matrix) throws -> [String] {
    let classes = Accuracy.predictedClasses(try predict(features))
    return classes.map { $0 < file.classNames.count ? file.classNames[$0] : String($0) }
  }
}
