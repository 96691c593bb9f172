import Foundation

/// Finds the files that ship inside this package's resource bundle, without ever stopping the program.
///
/// SwiftPM copies the resources into a bundle directory next to the built program (`NNData_NNData.resources`
/// on Linux, `NNData_NNData.bundle` on Apple platforms). Its generated `Bundle.module` accessor calls
/// `fatalError` when that bundle is absent, for example when the executable was copied elsewhere; this lookup
/// searches the same places, and a few more, and throws instead.
///
/// The places searched, in order:
/// 1. next to `Bundle.main.bundleURL` (the executable's directory on Linux);
/// 2. next to the executable itself, after resolving symbolic links (a linked `nn` in `~/bin`);
/// 3. inside `Bundle.main.resourceURL` (an app bundle's resources);
/// 4. the `Resources` folder beside this source file, while the source tree is present (what the build-directory
///    fallback of `Bundle.module` amounts to).
@_spi(Internals) public enum BundledResource {
  /// The resource bundle's directory names SwiftPM gives this target: `<package>_<target>.resources`
  /// on Linux and Windows, `.bundle` on Apple platforms. The package is `nn` when the target is built from the
  /// repository's root manifest (as every dependent package builds it), `NNData` when `Packages/NNData` is
  /// built on its own.
  public static let bundleNames = [
    "nn_NNData.resources", "nn_NNData.bundle", "NNData_NNData.resources", "NNData_NNData.bundle",
  ]

  /// The URL of a bundled resource file.
  ///
  /// - Parameters:
  ///   - name: The file name without its extension, such as `iris`.
  ///   - fileExtension: The extension without the dot, such as `data`.
  /// - Returns: The URL of an existing file.
  /// - Throws: ``DataError/missingResource(name:searched:)`` listing every directory searched.
  public static func url(forResource name: String, withExtension fileExtension: String) throws
    -> URL
  {
    let fileName = "\(name).\(fileExtension)"
    let directories = candidateDirectories()
    for directory in directories {
      let file = directory.appendingPathComponent(fileName)
      if isRegularFile(file) { return file }
      // An Apple-style bundle keeps its resources under Contents/Resources.
      if let bundle = Bundle(url: directory),
        let found = bundle.url(forResource: name, withExtension: fileExtension),
        isRegularFile(found)
      {
        return found
      }
    }
    throw DataError.missingResource(name: fileName, searched: directories.map(\.path))
  }

  /// The directories that may hold the resources, most likely first, without repeats.
  static func candidateDirectories() -> [URL] {
    var roots: [URL] = [Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL {
      roots.append(executable.deletingLastPathComponent())
      roots.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    var directories: [URL] = []
    for root in roots {
      directories += bundleNames.map { root.appendingPathComponent($0, isDirectory: true) }
    }
    if let resources = Bundle.main.resourceURL {
      directories += bundleNames.map { resources.appendingPathComponent($0, isDirectory: true) }
    }
    directories.append(sourceResourcesDirectory)
    var seen = Set<String>()
    return directories.filter { seen.insert($0.standardizedFileURL.path).inserted }
  }

  /// The `Resources` folder beside this source file, as it was when the package was compiled.
  static var sourceResourcesDirectory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Resources", isDirectory: true)
  }

  /// Whether a regular file (not a directory) exists at `url`.
  private static func isRegularFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }
}
