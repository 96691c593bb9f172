/// What to load from a data file and how: the format, the variable (MAT), the labels and the delimiter (CSV).
///
/// Every field has a default that does the expected thing for the seeds' files, so `DataLoadOptions()` loads
/// `samples.mat` (the only matrix, labels in its last column) and `iris.data` alike.
public struct DataLoadOptions: Sendable, Equatable {
  /// The file format; ``DataFormat/auto`` detects it from the extension and the content.
  public var format: DataFormat
  /// The MAT variable holding the samples; `nil` chooses the only 2-D numeric one.
  public var variable: String?
  /// A MAT variable holding one label per sample; `nil` takes the labels from a column instead.
  public var labelsVariable: String?
  /// The column holding the labels; `nil` means the last column (unless ``labelsVariable`` is given).
  public var labelColumn: LabelColumn?
  /// The CSV field separator; `nil` detects `,`, `;` or tab from the first lines.
  public var delimiter: CSVDelimiter?
  /// Whether the CSV file's first line is a header; `nil` detects it.
  public var hasHeader: Bool?
  /// Whether labels are classes or real targets; ``TargetKind/automatic`` decides from the values.
  public var targetKind: TargetKind
  /// The classes to keep, in the order of their new labels; `nil` keeps every sample
  /// (see ``Dataset/selectingClasses(_:)``).
  public var classes: [String]?

  /// Options for loading a data file; every argument has a detecting default.
  ///
  /// - Parameters:
  ///   - format: The file format; detected by default.
  ///   - variable: The MAT variable with the samples; the only 2-D numeric one by default.
  ///   - labelsVariable: A MAT variable with the labels; none by default.
  ///   - labelColumn: The label column; the last by default.
  ///   - delimiter: The CSV separator; detected by default.
  ///   - hasHeader: Whether a CSV file has a header line; detected by default.
  ///   - targetKind: Classes or real targets; decided from the labels by default.
  ///   - classes: The classes to keep; every sample by default.
  public init(
    format: DataFormat = .auto, variable: String? = nil, labelsVariable: String? = nil,
    labelColumn: LabelColumn? = nil, delimiter: CSVDelimiter? = nil, hasHeader: Bool? = nil,
    targetKind: TargetKind = .automatic, classes: [String]? = nil
  ) {
    self.format = format
    self.variable = variable
    self.labelsVariable = labelsVariable
    self.labelColumn = labelColumn
    self.delimiter = delimiter
    self.hasHeader = hasHeader
    self.targetKind = targetKind
    self.classes = classes
  }
}
