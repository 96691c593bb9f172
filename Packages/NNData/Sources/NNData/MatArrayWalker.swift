/// Walks the arrays of a version 5 MAT file as libmatio will read them, checking every claim against the bytes
/// that hold it: each element fits in its parent, a cell array or struct claims no more elements than its bytes can
/// hold tags for, and each numeric or character array's data holds at least the bytes its dimensions need.
///
/// ```
/// needed = d₁ · d₂ · … · dₙ · (size of the stored type)      data element's byte count ≥ needed
/// ```
///
/// libmatio reads a numeric variable's data by its dimensions and fills what the file lacks with zeros (or takes
/// the next element's bytes), without a word; inside a compressed cell or struct it reads small arrays' data while
/// listing. A variable of the file whose data is short is reported (it is listed, and refused when read); any other
/// fault throws: nested arrays are read by libmatio while it lists the file.
///
/// In a compressed variable (version 7) a numeric, character or sparse variable is checked up to its real part's
/// tag only, so that its data is never inflated; cells and structs are walked whole, as libmatio walks them.
///
/// Messages name an array by what it is and where its tag is (`cell element 3 (the array at byte 400)`); those
/// descriptions are made only when a message needs them.
struct MatArrayWalker {
  /// The deepest arrays may nest (a variable is at depth 1): libmatio reads nested arrays recursively.
  static let maximumDepth = 32

  /// The class numbers of libmatio's `matio_classes` whose contents the walk reads, numeric classes apart.
  private enum ArrayClass: UInt32 {
    /// A cell array.
    case cell = 1
    /// A struct.
    case structure = 2
    /// An object of a MATLAB class (a struct with a class name).
    case object = 3
    /// Characters.
    case character = 4
    /// A sparse matrix.
    case sparse = 5
    /// A function handle.
    case function = 16
  }

  /// The numeric classes, double (6) to uint64 (15): logical arrays are one of them with a flag.
  private static let numericClasses: ClosedRange<UInt32> = 6...15

  /// The elements.
  let reader: MatElementReader
  /// Whether the arrays are inflated from a compressed element.
  let isCompressed: Bool
  /// The count of the file's nested arrays against the element limit.
  let budget: MatNestedArrayBudget

  /// Walks a variable: the array from the reader's position (just past its tag) to `end`.
  ///
  /// - Parameters:
  ///   - tagOffset: The position of the array's tag, by which messages name the array.
  ///   - end: The position where the array ends.
  /// - Returns: The variable's name, and why its data cannot be read when it holds fewer bytes than its dimensions
  ///   need: `claims 2 × 67108866 logical elements (134,217,732 bytes as miUINT8), but its real part at byte 184
  ///   holds 888 bytes`.
  /// - Throws: ``MatDamage`` for any other fault, naming the variable once its name is read.
  func walkVariable(taggedAt tagOffset: Int, before end: Int) throws(MatDamage) -> (
    name: String?, dataProblem: String?
  ) {
    func container() -> String { "the array at \(reader.place(tagOffset))" }
    let header = try MatArrayHeader.read(
      from: reader, before: end, in: container, placement: .variable, isCompressed: isCompressed)
    do {
      let problem = try walkContents(of: header, before: end, in: container, depth: 1, placement: .variable)
      return (header.name, problem)
    } catch {
      var damage = error
      damage.variable = header.name
      throw damage
    }
  }

  /// Walks what follows an array's header, by its class.
  ///
  /// - Returns: A variable's data problem (see ``walkVariable(taggedAt:before:)``); nested arrays throw theirs.
  private func walkContents(
    of header: MatArrayHeader, before end: Int, in container: () -> String, depth: Int,
    placement: MatArrayHeader.Placement
  ) throws(MatDamage) -> String? {
    let isVariable = depth == 1 && placement == .variable
    switch ArrayClass(rawValue: header.classNumber) {
    case .cell:
      try walkElements(
        of: header, count: header.elementCount, placement: .cellElement, before: end, in: container, depth: depth
      ) { "cell element \($0 + 1)" }
    case .structure:
      try walkFields(of: header, before: end, in: container, depth: depth)
    case .object:
      try skipTextElement("class name element", before: end, in: container)
      try walkFields(of: header, before: end, in: container, depth: depth)
    case .sparse:
      guard !(isVariable && isCompressed) else { return nil }
      for part in ["row indices", "column starts", "real part"] + (header.isComplex ? ["imaginary part"] : []) {
        let (tag, _) = try dataTag(part, of: header, before: end, in: container)
        try reader.skipData(of: tag, before: end)
      }
    case .function:
      // libmatio reads a function handle's parts as variables, outside compressed elements only.
      guard placement == .variable, !isCompressed else { return nil }
      try walkElements(
        of: header, count: header.elementCount, placement: .variable, before: end, in: container, depth: depth
      ) { "part \($0 + 1) of the function handle" }
    case .character:
      return try checkData(of: header, before: end, in: container, isVariable: isVariable)
    case .none where Self.numericClasses.contains(header.classNumber):
      return try checkData(of: header, before: end, in: container, isVariable: isVariable)
    case .none:
      // An opaque object, or a class libmatio lists as empty: it reads nothing after the header.
      break
    }
    return nil
  }

  /// Checks that the real part (and the imaginary part of complex numbers) holds the bytes the dimensions need.
  ///
  /// - Returns: The problem, for a variable; a nested array throws it.
  private func checkData(
    of header: MatArrayHeader, before end: Int, in container: () -> String, isVariable: Bool
  ) throws(MatDamage) -> String? {
    for part in header.isComplex ? ["real part", "imaginary part"] : ["real part"] {
      let (tag, type) = try dataTag(part, of: header, before: end, in: container)
      let needed = header.elementCount.flatMap { count in type.valueSize.flatMap { SizeLimit.product([count, $0]) } }
      if needed.map({ tag.byteCount < $0 }) ?? true {
        let size = needed.map { SizeLimit.bytes($0) } ?? "more bytes than an Int counts"
        let problem =
          "claims \(header.claim) (\(size) as \(type.name)), but its \(part) at \(reader.place(tag.offset)) holds "
          + SizeLimit.bytes(tag.byteCount)
        if isVariable { return problem }
        throw MatDamage("\(container()) \(problem)")
      }
      // A compressed variable's data is never inflated here: libmatio inflates it when it is read.
      if isVariable && isCompressed { return nil }
      try reader.skipData(of: tag, before: end)
    }
    return nil
  }

  /// Reads the tag of a data element (`real part`, `row indices`…), which must hold numbers (or, for a
  /// character array, text); the reader stands at its data.
  private func dataTag(
    _ part: String, of header: MatArrayHeader, before end: Int, in container: () -> String
  ) throws(MatDamage) -> (MatTag, MatDataType) {
    let tag = try reader.tag("\(part) element", before: end, in: container())
    let isCharacter = header.classNumber == ArrayClass.character.rawValue
    guard let type = tag.dataType, type.isNumber || (isCharacter && type.isText) else {
      throw MatDamage(
        "the \(part) element at \(reader.place(tag.offset)) is \(MatArrayHeader.describe(tag)); expected "
          + (isCharacter ? "characters" : "numbers"))
    }
    return (tag, type)
  }

  /// Walks a struct's (or object's) field-name length, field names and fields: one nested array per field of each
  /// element.
  private func walkFields(
    of header: MatArrayHeader, before end: Int, in container: () -> String, depth: Int
  ) throws(MatDamage) {
    let lengthTag = try reader.tag("field-name length element", before: end, in: container())
    let length = Int(reader.byteOrder.word(lengthTag.storedSecondWord))
    guard lengthTag.isSmall, lengthTag.type == MatDataType.int32.rawValue, lengthTag.byteCount == 4, length > 0 else {
      throw MatDamage(
        "the field-name length element at \(reader.place(lengthTag.offset)) is \(MatArrayHeader.describe(lengthTag))"
          + (lengthTag.isSmall ? " holding \(length)" : "")
          + "; expected a small miINT32 element of 4 bytes holding a length of at least 1")
    }
    let namesTag = try reader.tag("field names element", before: end, in: container())
    guard namesTag.type == MatDataType.int8.rawValue, namesTag.byteCount % length == 0, namesTag.paddedEnd <= end
    else {
      throw MatDamage(
        "the field names element at \(reader.place(namesTag.offset)) is \(MatArrayHeader.describe(namesTag)); "
          + "expected miINT8 names of \(length) bytes each, within \(container())")
    }
    let fieldCount = namesTag.byteCount / length
    // The names, for messages (skipped when there are very many).
    var names: [String] = []
    if namesTag.byteCount <= 16384 {
      let bytes = try reader.data(of: namesTag, before: end)
      names = stride(from: 0, to: bytes.count, by: length).map {
        String(decoding: bytes[$0..<$0 + length].prefix { $0 != 0 }, as: UTF8.self)
      }
    } else {
      try reader.skipData(of: namesTag, before: end)
    }
    guard fieldCount > 0 else { return }
    let count = header.elementCount.flatMap { SizeLimit.product([$0, fieldCount]) }
    try walkElements(of: header, count: count, placement: .field, before: end, in: container, depth: depth) { index in
      let field = names.count == fieldCount ? "'\(names[index % fieldCount])'" : "\(index % fieldCount + 1)"
      return "field \(field) of struct element \(index / fieldCount + 1)"
    }
  }

  /// Walks `count` nested arrays, each an `miMATRIX` element, checking first that the bytes left can hold that
  /// many tags.
  ///
  /// - Parameter label: What the element of an index is, for messages: `cell element 3`.
  private func walkElements(
    of header: MatArrayHeader, count: Int?, placement: MatArrayHeader.Placement, before end: Int,
    in container: () -> String, depth: Int, label: (Int) -> String
  ) throws(MatDamage) {
    let room = (end - reader.position) / 8
    guard let count, count <= room else {
      let claim = count.map { SizeLimit.grouped($0) } ?? "more than an Int counts"
      throw MatDamage(
        "\(container()) claims \(SizeLimit.claimed(header.dimensions)) \(header.matlabClass.rawValue) elements, "
          + "\(claim) nested arrays, but what is left of it (\(SizeLimit.bytes(end - reader.position))) holds at most "
          + "\(SizeLimit.grouped(room))")
    }
    guard count > 0 else { return }
    guard depth < Self.maximumDepth else {
      throw MatDamage("\(container()) nests arrays deeper than \(Self.maximumDepth) levels")
    }
    for index in 0..<count {
      try walkElement(placement: placement, before: end, in: container, depth: depth + 1) { label(index) }
    }
  }

  /// Walks one nested array: its tag (`miMATRIX`; empty in a cell or struct), header and contents.
  ///
  /// - Parameter what: What the array is, for messages: `cell element 3`.
  private func walkElement(
    placement: MatArrayHeader.Placement, before end: Int, in container: () -> String, depth: Int,
    what: () -> String
  ) throws(MatDamage) {
    try budget.take()
    let tag = try reader.tag(what(), before: end, in: container())
    guard tag.isLong(.matrix) else {
      throw MatDamage(
        "the \(what()) at \(reader.place(tag.offset)) is \(MatArrayHeader.describe(tag)); expected an array "
          + "(miMATRIX)")
    }
    // libmatio skips an empty element of a cell or struct, but reads a function handle's part's header whatever its
    // length claims.
    if tag.byteCount == 0, placement != .variable { return }
    let arrayEnd = tag.dataEnd
    func array() -> String { "\(what()) (the array at \(reader.place(tag.offset)))" }
    let header = try MatArrayHeader.read(
      from: reader, before: arrayEnd, in: array, placement: placement, isCompressed: isCompressed)
    _ = try walkContents(of: header, before: arrayEnd, in: array, depth: depth, placement: placement)
    try reader.skip(to: arrayEnd)
  }

  /// Moves past an element of text (`miINT8`, small or long) that must fit with its padding.
  private func skipTextElement(_ what: String, before end: Int, in container: () -> String) throws(MatDamage) {
    let tag = try reader.tag(what, before: end, in: container())
    guard tag.type == MatDataType.int8.rawValue, tag.paddedEnd <= end else {
      throw MatDamage(
        "the \(what) at \(reader.place(tag.offset)) is \(MatArrayHeader.describe(tag)); expected miINT8 text within "
          + container())
    }
    try reader.skipData(of: tag, before: end)
  }
}
