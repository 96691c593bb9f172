import NNCore

extension ParameterState {
  /// Calls `body` with mutable pointers to the first three slots (an empty buffer for a slot that does not
  /// exist), so an update can read and write them in one loop.
  ///
  /// The slots are moved out of the state into local matrices and back (no copy, no allocation), which is what
  /// lets several of them be written at once.
  ///
  /// - Parameter body: Receives the slots' elements, in the order of ``slots``.
  mutating func withSlotBuffers(
    _ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>)
      -> Void
  ) {
    var first = Matrix(rows: 0, columns: 0)
    var second = Matrix(rows: 0, columns: 0)
    var third = Matrix(rows: 0, columns: 0)
    let count = slots.count
    if count > 0 { swap(&first, &slots[0]) }
    if count > 1 { swap(&second, &slots[1]) }
    if count > 2 { swap(&third, &slots[2]) }
    first.withUnsafeMutableBufferPointer { a in
      second.withUnsafeMutableBufferPointer { b in
        third.withUnsafeMutableBufferPointer { c in body(a, b, c) }
      }
    }
    if count > 0 { swap(&first, &slots[0]) }
    if count > 1 { swap(&second, &slots[1]) }
    if count > 2 { swap(&third, &slots[2]) }
  }
}
