import NNCore
import Testing

/// Expects `matrix` to have the shape `rows × columns` and to hold `expected` in row-major order, each element
/// within `tolerance`.
///
/// - Parameters:
///   - matrix: The computed matrix.
///   - rows: The expected number of rows.
///   - columns: The expected number of columns.
///   - expected: The hand-computed elements, row after row.
///   - tolerance: The largest absolute difference accepted; zero asks for exact equality.
///   - sourceLocation: Where the expectation is written, for failures.
func expectMatrix(
  _ matrix: Matrix, rows: Int, columns: Int, _ expected: [Double], tolerance: Double = 0,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(matrix.rows == rows, "rows", sourceLocation: sourceLocation)
  #expect(matrix.columns == columns, "columns", sourceLocation: sourceLocation)
  #expect(matrix.count == expected.count, "element count", sourceLocation: sourceLocation)
  for (index, (actual, wanted)) in zip(matrix.elements, expected).enumerated() {
    #expect(
      abs(actual - wanted) <= tolerance, "element \(index): \(actual), expected \(wanted)",
      sourceLocation: sourceLocation)
  }
}

/// The bit patterns of `values`, so that `-0.0` and `0.0` (or two NaNs) are told apart.
func bitPatterns(_ values: [Double]) -> [UInt64] {
  values.map(\.bitPattern)
}
