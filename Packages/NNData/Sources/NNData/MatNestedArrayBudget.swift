/// The count of a file's nested arrays (cell elements, struct fields) against the element limit, kept over a whole
/// structure check.
///
/// libmatio keeps a structure of some 115 bytes for every nested array it lists, even an empty one, whatever the
/// file's size: 2 million empty cells compress to 23 KB and took 234 MB to list. So each nested array counts as
/// ``elementsPerArray`` elements (as many bytes as that many doubles) toward ``DataLoadOptions/maximumElements``:
/// ```
/// nested arrays · 16 ≤ maximum elements        (2²⁴ nested arrays, about 1.9 GB of libmatio's, by default)
/// ```
final class MatNestedArrayBudget {
  /// The elements one nested array counts as.
  static let elementsPerArray = 16

  /// ``DataLoadOptions/maximumElements``.
  let maximumElements: Int
  /// The nested arrays counted so far.
  private(set) var count = 0

  /// A budget for one file.
  ///
  /// - Parameter maximumElements: ``DataLoadOptions/maximumElements``.
  init(maximumElements: Int) { self.maximumElements = maximumElements }

  /// The most nested arrays a file may hold.
  var maximumArrays: Int { max(maximumElements / Self.elementsPerArray, 1) }

  /// Counts one more nested array.
  ///
  /// - Throws: ``MatDamage`` (beyond the limit) once the file holds more than ``maximumArrays``.
  func take() throws(MatDamage) {
    count += 1
    guard count > maximumArrays else { return }
    throw MatDamage(
      "the file holds more than \(SizeLimit.grouped(maximumArrays)) nested arrays (cell elements and struct "
        + "fields, each counted as \(Self.elementsPerArray) elements: libmatio keeps about 115 bytes for each), "
        + SizeLimit.beyondElementLimit(maximumElements),
      isBeyondLimit: true)
  }
}
