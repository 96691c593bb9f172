/// Sizes read from files: multiplied without overflowing, compared with what the file can hold and with the limits
/// of ``DataLoadOptions``, and the words of the messages for those that do not fit.
///
/// Every size a reader takes from a file (dimensions, counts, lengths) goes through here before anything of that
/// size is allocated or indexed.
enum SizeLimit {
  /// The most a zlib (deflate) stream expands: 1,032 bytes out for each byte in (a 258-byte match coded in
  /// two bits).
  static let deflateExpansion = 1032

  /// The product of `factors`, or `nil` when it does not fit in an `Int` or a factor is negative.
  ///
  /// `product = factors[0] · factors[1] · …`, 1 for no factors.
  ///
  /// - Parameter factors: Sizes read from a file.
  /// - Returns: The product, or `nil`.
  static func product(_ factors: some Sequence<Int>) -> Int? {
    var result = 1
    for factor in factors {
      guard factor >= 0 else { return nil }
      let (product, overflow) = result.multipliedReportingOverflow(by: factor)
      if overflow { return nil }
      result = product
    }
    return result
  }

  /// A count with thousands separators, as byte counts are printed: `2,048`.
  ///
  /// - Parameter value: The count.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var text = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return value < 0 ? "-" + text : text
  }

  /// A number of bytes in words: `1 byte`, `2,048 bytes`.
  ///
  /// - Parameter count: The number of bytes.
  static func bytes(_ count: Int) -> String {
    count == 1 ? "1 byte" : "\(grouped(count)) bytes"
  }

  /// `3563120328 × 3993501732`: sizes as claimed, joined by multiplication signs.
  ///
  /// - Parameter sizes: The sizes.
  static func claimed(_ sizes: [Int]) -> String {
    sizes.map(String.init).joined(separator: " × ")
  }

  /// `more than the limit of 268435456 elements; raise it with --max-elements (maximumElements)`.
  ///
  /// - Parameter limit: ``DataLoadOptions/maximumElements``.
  static func beyondElementLimit(_ limit: Int) -> String {
    "more than the limit of \(limit) elements; raise it with --max-elements (maximumElements)"
  }

  /// Checks that the limits of `options` are positive.
  ///
  /// - Parameter options: The options of a load.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` for a limit below 1.
  static func validate(_ options: DataLoadOptions) throws {
    guard options.maximumElements >= 1 else {
      throw DataError.invalidArgument(
        name: "maximumElements", problem: "must be at least 1, got \(options.maximumElements)")
    }
    guard options.maximumLineLength >= 1 else {
      throw DataError.invalidArgument(
        name: "maximumLineLength", problem: "must be at least 1, got \(options.maximumLineLength)")
    }
  }

  /// The message when `rows` rows of `columns` fields would exceed `limit` elements, or `nil` while they fit.
  ///
  /// - Parameters:
  ///   - rows: The rows read so far, the current one included.
  ///   - columns: The fields of each row, labels included.
  ///   - limit: ``DataLoadOptions/maximumElements``.
  /// - Returns: `the data reaches 1001 rows × 300000 columns, more than the limit of …`, or `nil`.
  static func tableProblem(rows: Int, columns: Int, limit: Int) -> String? {
    if let count = product([rows, columns]), count <= limit { return nil }
    let rowText = rows == 1 ? "1 row" : "\(rows) rows"
    return "the data reaches \(rowText) × \(columns) columns, \(beyondElementLimit(limit))"
  }
}
