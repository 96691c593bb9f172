import ArgumentParser
import Foundation
import NNData

/// `nn inspect FILE.mat`: the variables of a MAT file with their class, dimensions and usability.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "List the variables of a MAT file: class, dimensions, and whether they can be used as data.",
    discussion: """
      Like scipy's whosmat. Numeric and logical 2-D variables can be data; strings, structs, cells, sparse
      and N-D arrays are listed with the reason they cannot, and so are variables that claim more elements than
      the file can hold or --max-elements allows. A variable that claims more than the file can hold means a
      damaged file: it is listed, then reported as an error (status 65).
      """)

  @Argument(help: "A MAT file (version 4, 5, 7 or 7.3).")
  var file: String

  @Flag(help: "Print one JSON object: file, version and variables (name, class, dimensions, usable, reason).")
  var json = false

  @Option(
    name: .customLong("max-elements"),
    help: ArgumentHelp(
      "Flag variables with more elements than this as unusable, as loading them would refuse them "
        + "(default: \(DataLoadOptions.defaultMaximumElements)).",
      valueName: "count"))
  var maximumElements: Int?

  mutating func run() throws {
    try reportingFailures("inspect") {
      var options = DataLoadOptions()
      try DataLimitArguments(maximumElements: maximumElements).apply(to: &options)
      let matFile = try MatFile(contentsOf: URL(fileURLWithPath: file), maximumElements: options.maximumElements)
      if json {
        print(try MatListing.json(matFile))
      } else {
        print(MatListing.text(matFile), terminator: "")
      }
      try matFile.requireClaimsWithinFile()
    }
  }
}

/// The listing of a MAT file's variables, for people and as JSON.
enum MatListing {
  /// A header line with the file and version, then one aligned line per variable: name, dimensions, class,
  /// and `usable` or the reason it is not.
  ///
  /// - Parameter file: The file to list.
  static func text(_ file: MatFile) -> String {
    let count = file.variables.count
    var lines = ["\(file.path): MAT version \(file.version.rawValue), \(count) variable\(count == 1 ? "" : "s")"]
    let nameWidth = max(4, file.variables.map(\.name.count).max() ?? 0)
    let sizeWidth = max(4, file.variables.map(\.dimensionsText.count).max() ?? 0)
    let classWidth = max(5, file.variables.map(\.matlabClass.rawValue.count).max() ?? 0)
    func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
    lines.append("  \(pad("name", nameWidth))  \(pad("size", sizeWidth))  \(pad("class", classWidth))  data")
    for variable in file.variables {
      let verdict = variable.unusableReason.map { "no: \($0)" } ?? "yes"
      lines.append(
        "  \(pad(variable.name, nameWidth))  \(pad(variable.dimensionsText, sizeWidth))  "
          + "\(pad(variable.matlabClass.rawValue, classWidth))  \(verdict)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `{"file", "version", "variables": [{"name", "class", "dimensions", "usable", "reason"}]}`.
  ///
  /// - Parameter file: The file to list.
  static func json(_ file: MatFile) throws -> String {
    let listing = Listing(
      file: file.path, version: file.version.rawValue,
      variables: file.variables.map {
        Variable(
          name: $0.name, class: $0.matlabClass.rawValue, dimensions: $0.dimensions, usable: $0.isUsableAsData,
          reason: $0.unusableReason)
      })
    return try JSONLine.text(listing)
  }

  /// The JSON object of a file.
  struct Listing: Encodable {
    let file: String
    let version: String
    let variables: [Variable]
  }

  /// One variable in the JSON listing.
  struct Variable: Encodable {
    let name: String
    let `class`: String
    let dimensions: [Int]
    let usable: Bool
    let reason: String?
  }
}
