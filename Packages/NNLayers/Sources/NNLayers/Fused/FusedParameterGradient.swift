/// `∂L/∂W` and `∂L/∂b` of a dense stage, from error terms in lanes turned into rows first, so that the sums over
/// samples run in the lanes of the units and need no reduction across lanes.
///
/// With `x` the stage's input and `δ = ∂L/∂z` its error terms, both in lane layout (``LaneLayout``), and `S` the
/// samples of the batch (padding lanes included: their `δ` is zero):
/// ```
/// rows:      δᵀ[s][j] = δ[g·n + j][l]            s = 8g + l,  j < n;  zero for n ≤ j < n̄ (n̄ = n rounded up to 8)
/// ∂L/∂Wₖⱼ = Σₛ xₖ[s] · δᵀ[s][j]                   a tile of inputs k times a tile of eight-unit vectors j
/// ∂L/∂bⱼ  = Σₛ δᵀ[s][j]
/// ```
/// Each sum over samples is one chain of fused multiply-adds, in sample order, in one lane of one accumulator; an
/// input value `xₖ[s]` is read as a scalar straight from its lane and broadcast.
///
/// Summed in the samples' lanes instead, every weight needs one eight-lane reduction per batch, some two to three
/// shuffles and adds, which with four groups (batch 32) costs as much as its four multiply-adds. On the digits
/// network (64-128-64-10, batch 32, one thread) summing in rows took training from 0.68 M to 0.81 M samples/s
/// (medians of 7 interleaved runs), the products now running near the core's multiply-add peak. Narrow layers
/// keep the lanes (``sumsInRows(outputWidth:)``): padded to eight units, their rows would be mostly zeros.
enum FusedParameterGradient {
  /// Whether a stage of `n` units sums its parameter gradients in rows (this type) rather than in the samples'
  /// lanes: when `n ≥ 8` and padding the rows to ``paddedWidth(_:)`` adds at most a quarter to the work.
  ///
  /// - Parameter outputWidth: `n`, the number of units.
  @inline(__always)
  static func sumsInRows(outputWidth: Int) -> Bool {
    outputWidth >= 8 && 4 &* (paddedWidth(outputWidth) &- outputWidth) <= outputWidth
  }

  /// `n` rounded up to a multiple of eight: the width of a row of ``transpose(_:width:groups:into:)``.
  ///
  /// - Parameter width: `n`, the number of units.
  @inline(__always)
  static func paddedWidth(_ width: Int) -> Int { (width &+ 7) & ~7 }

  /// Writes `δᵀ[s][j] = δ[g·n + j][l]` (`s = 8g + l`) into `rows`, one row of ``paddedWidth(_:)`` values per
  /// sample, with zeros past `n`; each block of eight units and eight samples is one transposition in registers.
  ///
  /// - Parameters:
  ///   - delta: `δ` in lane layout, `groups × n` lane vectors.
  ///   - width: `n`, the number of units.
  ///   - groups: The number of groups of eight samples.
  ///   - rows: Receives `8 · groups` rows of `paddedWidth(n)` values.
  @inline(never)
  static func transpose(
    _ delta: UnsafePointer<LaneVector>, width: Int, groups: Int, into rows: UnsafeMutableRawPointer
  ) {
    let padded = paddedWidth(width)
    for group in 0..<groups {
      let source = delta + group &* width
      let target = rows + 64 &* group &* padded
      var unit = 0
      while unit < padded {
        let available = width &- unit
        var block = InlineArray<8, LaneVector>(repeating: .zero)
        if available >= 8 {
          for offset in 0..<8 { block[offset] = source[unit &+ offset] }
        } else {
          for offset in 0..<available { block[offset] = source[unit &+ offset] }
        }
        let transposed = transposed(block)
        for lane in 0..<8 {
          (target + 8 &* (lane &* padded &+ unit)).storeBytes(of: transposed[lane], as: LaneVector.self)
        }
        unit &+= 8
      }
    }
  }

  /// The transpose of an 8 × 8 block, `result[i][j] = block[j][i]`, by three rounds of shuffles: pairs of
  /// neighbours, then pairs of pairs, then halves.
  ///
  /// - Parameter block: Eight vectors, the rows of the block.
  @inline(__always)
  static func transposed(_ block: InlineArray<8, LaneVector>) -> InlineArray<8, LaneVector> {
    @inline(__always) func low(_ a: LaneVector, _ b: LaneVector) -> LaneVector {
      LaneVector(a[0], b[0], a[2], b[2], a[4], b[4], a[6], b[6])
    }
    @inline(__always) func high(_ a: LaneVector, _ b: LaneVector) -> LaneVector {
      LaneVector(a[1], b[1], a[3], b[3], a[5], b[5], a[7], b[7])
    }
    @inline(__always) func lowPairs(_ a: LaneVector, _ b: LaneVector) -> LaneVector {
      LaneVector(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5])
    }
    @inline(__always) func highPairs(_ a: LaneVector, _ b: LaneVector) -> LaneVector {
      LaneVector(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7])
    }
    // Round 1: t0 = (r0₀ r1₀ r0₂ r1₂ …), t1 = (r0₁ r1₁ r0₃ r1₃ …), and so on for rows 2–3, 4–5, 6–7.
    let t0 = low(block[0], block[1])
    let t1 = high(block[0], block[1])
    let t2 = low(block[2], block[3])
    let t3 = high(block[2], block[3])
    let t4 = low(block[4], block[5])
    let t5 = high(block[4], block[5])
    let t6 = low(block[6], block[7])
    let t7 = high(block[6], block[7])
    // Round 2: u0 = (r0₀ r1₀ r2₀ r3₀ r0₄ r1₄ r2₄ r3₄), u1 = columns 1 and 5, u2 = columns 2 and 6, u3 = 3 and 7.
    let u0 = lowPairs(t0, t2)
    let u1 = lowPairs(t1, t3)
    let u2 = highPairs(t0, t2)
    let u3 = highPairs(t1, t3)
    let u4 = lowPairs(t4, t6)
    let u5 = lowPairs(t5, t7)
    let u6 = highPairs(t4, t6)
    let u7 = highPairs(t5, t7)
    // Round 3: the low halves give columns 0–3, the high halves columns 4–7.
    return [
      LaneVector(lowHalf: u0.lowHalf, highHalf: u4.lowHalf), LaneVector(lowHalf: u1.lowHalf, highHalf: u5.lowHalf),
      LaneVector(lowHalf: u2.lowHalf, highHalf: u6.lowHalf), LaneVector(lowHalf: u3.lowHalf, highHalf: u7.lowHalf),
      LaneVector(lowHalf: u0.highHalf, highHalf: u4.highHalf), LaneVector(lowHalf: u1.highHalf, highHalf: u5.highHalf),
      LaneVector(lowHalf: u2.highHalf, highHalf: u6.highHalf), LaneVector(lowHalf: u3.highHalf, highHalf: u7.highHalf),
    ]
  }

  /// `∂L/∂Wₖⱼ = Σₛ xₖ[s] δᵀ[s][j]` for every input `k` and unit `j`, in tiles of four inputs by four vectors of
  /// units (sixteen accumulators; smaller tiles at the edges), then `∂L/∂bⱼ = Σₛ δᵀ[s][j]` when there is a bias.
  ///
  /// - Parameters:
  ///   - input: `x` in lane layout, `groups × inputWidth` lane vectors.
  ///   - inputWidth: The number of inputs.
  ///   - rows: `δᵀ` from ``transpose(_:width:groups:into:)``.
  ///   - outputWidth: `n`, the number of units.
  ///   - groups: The number of groups of eight samples.
  ///   - weightGradient: Receives `∂L/∂W`, `inputWidth × n` row-major.
  ///   - biasGradient: Receives `∂L/∂b`, or `nil` without a bias.
  @inline(never)
  static func accumulate(
    input: UnsafePointer<LaneVector>, inputWidth: Int, rows: UnsafeRawPointer, outputWidth: Int, groups: Int,
    weightGradient: UnsafeMutablePointer<Double>, biasGradient: UnsafeMutablePointer<Double>?
  ) {
    let tiles = Tiles(
      input: UnsafeRawPointer(input), inputWidth: inputWidth, rows: rows,
      outputWidth: outputWidth, groups: groups, weightGradient: weightGradient)
    var first = 0
    while inputWidth &- first >= 4 {
      tiles.run(LaneBlock4.self, first: first)
      first &+= 4
    }
    if inputWidth &- first >= 2 {
      tiles.run(LaneBlock2.self, first: first)
      first &+= 2
    }
    if inputWidth &- first >= 1 { tiles.run(LaneBlock1.self, first: first) }
    if let biasGradient { sumRows(rows, outputWidth: outputWidth, samples: groups &* 8, into: biasGradient) }
  }

  /// `b[j] = Σₛ δᵀ[s][j]`: each vector of eight units summed over the samples in order.
  ///
  /// - Parameters:
  ///   - rows: `δᵀ`, rows of ``paddedWidth(_:)`` values.
  ///   - outputWidth: `n`, the number of units.
  ///   - samples: The number of rows.
  ///   - target: Receives the `n` sums.
  @inline(__always)
  private static func sumRows(
    _ rows: UnsafeRawPointer, outputWidth: Int, samples: Int, into target: UnsafeMutablePointer<Double>
  ) {
    let padded = paddedWidth(outputWidth)
    var unit = 0
    while unit < padded {
      var sums = LaneVector.zero
      for sample in 0..<samples {
        sums += rows.loadUnaligned(fromByteOffset: 8 &* (sample &* padded &+ unit), as: LaneVector.self)
      }
      store(sums, to: target + unit, count: outputWidth &- unit)
      unit &+= 8
    }
  }

  /// Writes the first `min(count, 8)` lanes of `vector` to `target`.
  ///
  /// - Parameters:
  ///   - vector: The values.
  ///   - target: Receives them.
  ///   - count: How many of them belong to the row (fewer than eight at the end of a row).
  @inline(__always)
  static func store(_ vector: LaneVector, to target: UnsafeMutablePointer<Double>, count: Int) {
    if count >= 8 {
      UnsafeMutableRawPointer(target).storeBytes(of: vector, as: LaneVector.self)
    } else {
      for lane in 0..<count { target[lane] = vector[lane] }
    }
  }

  /// The weight-gradient tiles of one run of inputs, for every vector of units.
  private struct Tiles {
    /// `x` in lane layout, as bytes: `xₖ[8g + l]` is the double at index `8 · (g · inputWidth + k) + l`.
    let input: UnsafeRawPointer
    let inputWidth: Int
    /// `δᵀ`, rows of ``paddedWidth(_:)`` doubles.
    let rows: UnsafeRawPointer
    let outputWidth: Int
    let groups: Int
    let weightGradient: UnsafeMutablePointer<Double>

    /// All tiles of inputs `first..<first + Inputs.width`: four vectors of units at a time, then two, then one.
    ///
    /// - Parameters:
    ///   - inputs: The number of inputs in the tile.
    ///   - first: The first input.
    @inline(__always)
    func run<Inputs: LaneBlock>(_ inputs: Inputs.Type, first: Int) {
      let vectors = paddedWidth(outputWidth) >> 3
      var vector = 0
      while vectors &- vector >= 4 {
        tile(Inputs.self, LaneBlock4.self, first: first, vector: vector)
        vector &+= 4
      }
      if vectors &- vector >= 2 {
        tile(Inputs.self, LaneBlock2.self, first: first, vector: vector)
        vector &+= 2
      }
      if vectors &- vector >= 1 { tile(Inputs.self, LaneBlock1.self, first: first, vector: vector) }
    }

    /// One tile: inputs `first..<first + Inputs.width` by units `8 · vector..<8 · (vector + Units.width)`,
    /// `Inputs.width · Units.width` accumulators summed over every sample.
    ///
    /// - Parameters:
    ///   - inputs: The number of inputs in the tile.
    ///   - units: The number of eight-unit vectors in the tile.
    ///   - first: The first input.
    ///   - vector: The first vector of units.
    @inline(__always)
    func tile<Inputs: LaneBlock, Units: LaneBlock>(
      _ inputs: Inputs.Type, _ units: Units.Type, first: Int, vector: Int
    ) {
      let padded = paddedWidth(outputWidth)
      let column = vector &* 8
      var sums = InlineArray<16, LaneVector>(repeating: .zero)
      for group in 0..<groups {
        let x = input + 64 &* (group &* inputWidth &+ first)
        let delta = rows + 8 &* (group &* 8 &* padded &+ column)
        for lane in 0..<8 {
          let row = delta + 8 &* lane &* padded
          var values = InlineArray<4, LaneVector>(repeating: .zero)
          for unit in 0..<Units.width {
            values[unit] = row.loadUnaligned(fromByteOffset: 64 &* unit, as: LaneVector.self)
          }
          for index in 0..<Inputs.width {
            let value = LaneVector(repeating: x.load(fromByteOffset: 8 &* (8 &* index &+ lane), as: Double.self))
            for unit in 0..<Units.width { sums[4 &* index &+ unit].addProduct(value, values[unit]) }
          }
        }
      }
      for index in 0..<Inputs.width {
        let target = weightGradient + ((first &+ index) &* outputWidth &+ column)
        for unit in 0..<Units.width {
          store(sums[4 &* index &+ unit], to: target + 8 &* unit, count: outputWidth &- column &- 8 &* unit)
        }
      }
    }
  }
}
