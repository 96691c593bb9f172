/// What a MAT file says about one variable, without its data: name, class, dimensions, and whether nn can
/// use it as data (like scipy's `whosmat`, plus the verdict).
public struct MatVariableInfo: Sendable, Equatable, Codable {
  /// The variable's name.
  public let name: String
  /// The MATLAB class.
  public let matlabClass: MatClass
  /// The size in each dimension, in MATLAB's order (rows first).
  public let dimensions: [Int]
  /// Whether the values are complex.
  public let isComplex: Bool
  /// Why the variable cannot be loaded as a data matrix, or `nil` when it can: its class or shape, or (for a
  /// variable listed by ``MatFile``) a size beyond what the file can hold or the element limit allows.
  public let unusableReason: String?

  /// Describes a variable and decides whether it can be used as data.
  ///
  /// A variable is usable when it is a real, non-empty, 2-D numeric or logical array.
  ///
  /// - Parameters:
  ///   - name: The variable's name.
  ///   - matlabClass: Its class.
  ///   - dimensions: Its dimensions, rows first.
  ///   - isComplex: Whether its values are complex.
  public init(name: String, matlabClass: MatClass, dimensions: [Int], isComplex: Bool = false) {
    self.name = name
    self.matlabClass = matlabClass
    self.dimensions = dimensions
    self.isComplex = isComplex
    self.unusableReason = Self.reason(matlabClass: matlabClass, dimensions: dimensions, isComplex: isComplex)
  }

  /// Describes a variable listed from a file, whose size has been checked against the file and the limits.
  ///
  /// - Parameters:
  ///   - name: The variable's name.
  ///   - matlabClass: Its class.
  ///   - dimensions: Its dimensions, rows first.
  ///   - isComplex: Whether its values are complex.
  ///   - sizeProblem: Why its size cannot be read (see ``MatSizeCheck``), or `nil`; the reason it is unusable
  ///     when its class and shape are usable.
  init(name: String, matlabClass: MatClass, dimensions: [Int], isComplex: Bool, sizeProblem: String?) {
    self.name = name
    self.matlabClass = matlabClass
    self.dimensions = dimensions
    self.isComplex = isComplex
    self.unusableReason =
      Self.reason(matlabClass: matlabClass, dimensions: dimensions, isComplex: isComplex) ?? sizeProblem
  }

  /// Whether the variable can be loaded as a matrix of numbers.
  public var isUsableAsData: Bool { unusableReason == nil }

  /// Whether the variable's class and shape are those of data (its size may still be refused).
  var hasDataShape: Bool {
    Self.reason(matlabClass: matlabClass, dimensions: dimensions, isComplex: isComplex) == nil
  }

  /// The number of rows (the first dimension).
  public var rows: Int { dimensions.first ?? 0 }

  /// The number of columns (the second dimension; 1 for a variable of rank 1).
  public var columns: Int { dimensions.count > 1 ? dimensions[1] : 1 }

  /// The number of elements: the product of the dimensions, or `nil` when that does not fit in an `Int` (a
  /// damaged or hostile header).
  public var elementCount: Int? { SizeLimit.product(dimensions) }

  /// The dimensions as MATLAB prints them: `200x4`, `2x2x2`.
  public var dimensionsText: String { dimensions.map(String.init).joined(separator: "x") }

  /// The reason a variable with these properties cannot be data, or `nil`.
  static func reason(matlabClass: MatClass, dimensions: [Int], isComplex: Bool) -> String? {
    switch matlabClass {
    case .char: return "a string (char), not numbers"
    case .cell: return "a cell array, not a numeric matrix"
    case .struct: return "a struct, not a numeric matrix"
    case .sparse: return "a sparse matrix; store it as a full matrix to use it as data"
    case .object, .opaque: return "a MATLAB object, not a numeric matrix"
    case .function: return "a function handle, not a numeric matrix"
    case .empty, .unknown: return matlabClass == .empty ? "empty" : "of a class nn does not know"
    default: break
    }
    if isComplex { return "complex numbers; only real numbers can be data" }
    if dimensions.count != 2 {
      return "\(dimensions.count)-D (\(dimensions.map(String.init).joined(separator: "x"))); expected a 2-D matrix"
    }
    if dimensions.contains(0) { return "empty (\(dimensions[0])x\(dimensions[1]))" }
    return nil
  }
}
