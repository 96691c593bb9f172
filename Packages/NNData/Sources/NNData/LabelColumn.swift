import Foundation

/// Which column of a table holds the labels: a 0-based index (negative counts from the end) or a header name.
public enum LabelColumn: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A 0-based column index; `-1` is the last column, `-2` the one before it.
  case index(Int)
  /// The column whose header field is this name (CSV files with a header only).
  case name(String)

  /// The last column, where the labels are when nothing else is said (the seed's `samples`).
  public static let last = LabelColumn.index(-1)

  /// A column from command-line text: an integer is an index, anything else a name.
  ///
  /// - Parameter text: `3`, `-1` or `species`.
  public init(_ text: String) {
    if let index = Int(text.trimmingCharacters(in: .whitespaces)) {
      self = .index(index)
    } else {
      self = .name(text)
    }
  }

  /// `column 3`, `column -1` or `column 'species'`.
  public var description: String {
    switch self {
    case .index(let index): "column \(index)"
    case .name(let name): "column '\(name)'"
    }
  }

  /// The 0-based position of an index among `count` columns, or `nil` when it is out of range.
  ///
  /// `position = index` for `0 ≤ index < count`, `count + index` for `−count ≤ index < 0`.
  ///
  /// - Parameters:
  ///   - index: The index, negative from the end.
  ///   - count: The number of columns.
  static func position(of index: Int, among count: Int) -> Int? {
    let position = index < 0 ? count + index : index
    return (0..<count).contains(position) ? position : nil
  }

  /// The message for an index outside `count` columns.
  static func outOfRange(_ index: Int, count: Int) -> String {
    "label column \(index) is out of range: there are \(count) columns (0…\(count - 1), or -\(count)…-1 from the end)"
  }
}

/// How the labels of a file become targets.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
  /// Classification when the labels are integers or text, regression when they are other numbers.
  case automatic
  /// Classes: integer labels (or text labels); other numbers are an error.
  case classification
  /// Real-valued targets kept as they are; text labels are an error.
  case regression
}
