/// The check of a MAT variable's claimed size, made when the file is listed, before its data is read: the product
/// of its dimensions must fit in an `Int`, in what the file can hold, and in the element limit.
///
/// Every element takes at least one byte in a MAT file (MATLAB may store doubles as 8-bit integers, never in less),
/// so an uncompressed variable has at most as many elements as the file has bytes. A compressed (version 7)
/// variable has at most ``SizeLimit/deflateExpansion`` times as many: zlib expands no further. An HDF5 (version
/// 7.3) data set may be larger than its file (chunks never written read as zeros), so only the limit bounds it.
enum MatSizeCheck {
  /// How a variable's data is stored.
  enum Storage {
    /// Versions 4 and 5: the bytes as they are.
    case uncompressed
    /// Version 7: a zlib stream.
    case compressed
    /// Version 7.3: an HDF5 data set.
    case hdf5
  }

  /// Why a variable's size cannot be read.
  struct Problem: Equatable {
    /// `claims 3563120328 × 3993501732 elements, more than the file can hold (2,048 bytes)`.
    let text: String
    /// Whether the claim is beyond what the file can hold (a damaged header), rather than beyond the limit.
    let isDamage: Bool
  }

  /// Why a variable that claims these dimensions cannot be read, or `nil` when it can.
  ///
  /// - Parameters:
  ///   - dimensions: The dimensions in the variable's header.
  ///   - storage: How its data is stored.
  ///   - fileSize: The file's size in bytes.
  ///   - maximumElements: ``DataLoadOptions/maximumElements``.
  /// - Returns: `claims 3563120328 × 3993501732 elements, more than the file can hold (2,048 bytes)`, or the
  ///   element limit's message, or `nil`.
  static func problem(dimensions: [Int], storage: Storage, fileSize: Int, maximumElements: Int) -> Problem? {
    let count = SizeLimit.product(dimensions)
    let claim = "claims \(SizeLimit.claimed(dimensions)) elements"
    let bytes = SizeLimit.grouped(fileSize)
    switch storage {
    case .uncompressed:
      if count.map({ $0 > fileSize }) ?? true {
        return Problem(text: "\(claim), more than the file can hold (\(bytes) bytes)", isDamage: true)
      }
    case .compressed:
      let (product, overflow) = fileSize.multipliedReportingOverflow(by: SizeLimit.deflateExpansion)
      let bound = overflow ? Int.max : product
      if count.map({ $0 > bound }) ?? true {
        let text =
          "\(claim), more than the file can hold (\(bytes) compressed bytes, at most \(SizeLimit.grouped(bound)) inflated)"
        return Problem(text: text, isDamage: true)
      }
    case .hdf5:
      break
    }
    if count.map({ $0 > maximumElements }) ?? true {
      return Problem(text: "\(claim), \(SizeLimit.beyondElementLimit(maximumElements))", isDamage: false)
    }
    return nil
  }
}
