import Foundation
import NNTemplates

/// Where `nn new` reads its templates: a checkout's `Templates/` folder, so edits to the templates are picked up at
/// once, or else the copy shipped beside the `nn` executable.
enum TemplateSource {
  /// The folder holding one template folder per kind.
  ///
  /// - Parameter checkout: The repository root when `nn new` runs in a checkout of nn (or `--root` names one).
  /// - Throws: ``ScaffoldingError`` (missing input) listing the folders searched when there is no checkout and no
  ///   bundled copy.
  static func folder(checkout: URL?) throws -> URL {
    if let checkout { return checkout.appendingPathComponent("Templates") }
    if let bundled = TemplateBundle.folder() { return bundled }
    let searched = TemplateBundle.candidateFolders().map(\.path).joined(separator: ", ")
    throw ScaffoldingError.missingInput(
      "no templates: none beside the nn executable (searched \(searched)) and no checkout of nn here; "
        + "pass --root with a checkout of nn")
  }
}
