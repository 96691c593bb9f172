/// One file a ``ScaffoldPlan`` writes: its path, relative to the plan's ``ScaffoldPlan/root``, and its full text.
public struct ScaffoldFile: Equatable, Sendable {
  /// The path relative to the folder written into (`Sources/MyModels/Mish.swift`).
  public let path: String
  /// The full text of the file.
  public let contents: String

  /// A file at `path` holding `contents`.
  ///
  /// - Parameters:
  ///   - path: The path relative to the folder written into.
  ///   - contents: The full text.
  public init(path: String, contents: String) {
    self.path = path
    self.contents = contents
  }
}
