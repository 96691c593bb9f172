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
  /// The most elements a data set may have: rows × columns of the table as stored, labels included. A file
  /// that claims or holds more is refused before its data is read (see ``defaultMaximumElements``).
  public var maximumElements: Int
  /// The longest line, in bytes (its line end excluded), of a CSV or iris file; a longer line is refused before
  /// it is split into fields (see ``defaultMaximumLineLength``).
  public var maximumLineLength: Int

  /// The default of ``maximumElements``: 2²⁸ = 268,435,456 elements, 2 GiB of `Double`s.
  ///
  /// Flattened image sets such as CIFAR-10 (50,000 × 3,072, about 2²⁷·² elements) fit; reading keeps about two
  /// copies of the data at once, so a data set at the limit needs some 4 to 6 GiB while it loads.
  public static let defaultMaximumElements = 1 << 28
  /// The default of ``maximumLineLength``: 1 MiB.
  ///
  /// A row of 3,072 pixels takes about 12 KB of text, one of 20,000 gene expression values about 200 KB; a line
  /// longer than 1 MiB is more likely a file without line ends (or not text) than a sample.
  public static let defaultMaximumLineLength = 1 << 20

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
  ///   - maximumElements: The most elements (rows × columns) a data set may have.
  ///   - maximumLineLength: The longest line of a text file, in bytes.
  public init(
    format: DataFormat = .auto, variable: String? = nil, labelsVariable: String? = nil,
    labelColumn: LabelColumn? = nil, delimiter: CSVDelimiter? = nil, hasHeader: Bool? = nil,
    targetKind: TargetKind = .automatic, classes: [String]? = nil,
    maximumElements: Int = DataLoadOptions.defaultMaximumElements,
    maximumLineLength: Int = DataLoadOptions.defaultMaximumLineLength
  ) {
    self.format = format
    self.variable = variable
    self.labelsVariable = labelsVariable
    self.labelColumn = labelColumn
    self.delimiter = delimiter
    self.hasHeader = hasHeader
    self.targetKind = targetKind
    self.classes = classes
    self.maximumElements = maximumElements
    self.maximumLineLength = maximumLineLength
  }
}
