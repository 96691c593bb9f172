import NNCore

extension Arguments {
  /// The number named `name`, which must be positive and finite.
  ///
  /// - Parameter name: A declared number parameter.
  /// - Throws: ``ComponentError/invalidArgument(component:parameter:reason:)`` otherwise.
  func positiveNumber(_ name: String) throws -> Double {
    let value = try number(name)
    guard value > 0, value.isFinite else {
      throw ComponentError.invalidArgument(
        component: componentName, parameter: name, reason: "must be a positive number, got \(value)")
    }
    return value
  }

  /// The number named `name`, which must be finite.
  ///
  /// - Parameter name: A declared number parameter.
  /// - Throws: ``ComponentError/invalidArgument(component:parameter:reason:)`` otherwise.
  func finiteNumber(_ name: String) throws -> Double {
    let value = try number(name)
    guard value.isFinite else {
      throw ComponentError.invalidArgument(
        component: componentName, parameter: name, reason: "must be a finite number, got \(value)")
    }
    return value
  }
}

extension Matrix {
  /// Overwrites every element with `draw()`, in row-major order.
  mutating func fill(drawing draw: () -> Double) {
    withUnsafeMutableBufferPointer { buffer in
      for index in buffer.indices { buffer[index] = draw() }
    }
  }
}
