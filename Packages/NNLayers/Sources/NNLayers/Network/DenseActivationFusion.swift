import CNNKernels
@_spi(Internals) import NNCore

/// A ``Dense`` layer with a bias followed by a ``ReLU`` layer, whose passes between the products the trainer runs
/// fused: the bias and the activation as one pass over the rows, from the dense layer's product `p = x W`,
/// ```
/// y ← f(p + b)
/// ```
/// and, backward, the activation's gradient with the bias gradient's column sums as another,
/// ```
/// g ← u ⊙ f′(y),  ∂L/∂b[j] ← Σᵢ g[i][j]
/// ```
/// (`u = ∂L/∂y`, each column summed over the rows in order from 0). `p + b` is not kept: ReLU's slope is 1 exactly
/// where `y > 0`, as where `p + b > 0` (`y` is `p + b` there, and `0`, `-0` or NaN elsewhere), and `y` is still in
/// the cache from the next layer's products. Every element takes the same operations as in the layers' own passes
/// one after the other, so the results are the same to the bit in both element types, with two passes over the data
/// where there were four. Only ReLU is fused: its value and derivative are exact in either element type, where
/// another activation's `float32` pass (widened to `Double`) and the C kernels' would round differently.
///
/// The dense layer's output buffer then holds `p`, not `p + b`: nothing else reads it.
///
/// Measured on the wide network (784-512-512-10, batch 256, `float32`, one thread; AMD EPYC Zen 4, AVX-512, `perf`
/// samples of ten epochs): the bias, ReLU and column-sum passes took 2.95% of the step as four passes, 1.62% fused.
struct DenseActivationFusion {
  /// The C kernels' code for the activation.
  private let activation: FusedKernelActivation
  /// The C kernels that run the passes.
  private let kernels: KernelTable

  /// The fusion of `dense` and the `next` layer, when `dense` is a ``Dense`` layer with a bias and `next` an
  /// ``ActivationLayer`` of ``ReLU``; `nil` otherwise.
  ///
  /// - Parameters:
  ///   - dense: The first layer.
  ///   - next: The layer after it.
  ///   - kernels: The C kernels to run.
  init?(_ dense: any Layer, then next: any Layer, kernels: KernelTable) {
    guard let dense = dense as? Dense, dense.bias, let layer = next as? ActivationLayer, layer.activation is ReLU,
      let activation = FusedKernelActivation(ReLU())
    else { return nil }
    self.activation = activation
    self.kernels = kernels
  }

  /// The columns one thread takes at a time for `rows` rows: about ``ElementwisePass/grain`` elements, in whole
  /// vectors of sixteen.
  private static func columnGrain(rows: Int) -> Int {
    (max(16, ElementwisePass.grain / max(rows, 1)) + 15) / 16 * 16
  }

  /// `y ← f(p + b)`.
  ///
  /// - Parameters:
  ///   - product: The dense layer's product `p = x W` (`rows × width`).
  ///   - bias: `b`, one row of `width`.
  ///   - y: Receives `f(p + b)`, shaped like `product`.
  func forward(product: Matrix, bias: Matrix, into y: inout Matrix) {
    precondition(
      bias.rows == 1 && bias.columns == product.columns && y.rows == product.rows && y.columns == product.columns)
    switch product.elementType {
    case .float64: forward(product: product, bias: bias, into: &y, as: Double.self)
    case .float32: forward(product: product, bias: bias, into: &y, as: Float.self)
    }
  }

  /// The forward pass over `Element`s.
  private func forward<Element: MatrixElement>(
    product: Matrix, bias: Matrix, into y: inout Matrix, as type: Element.Type
  ) {
    let (rows, width) = (product.rows, product.columns)
    product.withUnsafeBufferPointer(as: Element.self) { product in
      bias.withUnsafeBufferPointer(as: Element.self) { bias in
        y.withUnsafeMutableBufferPointer(as: Element.self) { y in
          let pass = BiasActivationColumns(
            kernel: kernel(for: Element.self), product: UnsafeRawPointer(product.baseAddress),
            bias: UnsafeRawPointer(bias.baseAddress), y: UnsafeMutableRawPointer(y.baseAddress), rows: rows,
            width: width)
          ElementwisePass.forEachRange(count: width, grain: Self.columnGrain(rows: rows), pass)
        }
      }
    }
  }

  /// `g ← u ⊙ f′(y)` and the bias gradient, the columns' sums of `g`.
  ///
  /// - Parameters:
  ///   - upstream: `u = ∂L/∂y` (`rows × width`).
  ///   - y: The activation's output.
  ///   - gradient: Receives `g`, the gradient with respect to the activation's input, shaped like `y`.
  ///   - biasGradient: Receives `∂L/∂b`, one row of `width`.
  func backward(upstream: Matrix, y: Matrix, into gradient: inout Matrix, biasGradient: inout Matrix) {
    precondition(
      upstream.rows == y.rows && upstream.columns == y.columns && gradient.rows == y.rows
        && gradient.columns == y.columns && biasGradient.rows == 1 && biasGradient.columns == y.columns)
    switch y.elementType {
    case .float64: backward(upstream: upstream, y: y, into: &gradient, biasGradient: &biasGradient, as: Double.self)
    case .float32: backward(upstream: upstream, y: y, into: &gradient, biasGradient: &biasGradient, as: Float.self)
    }
  }

  /// The backward pass over `Element`s; the kernel reads ReLU's slope from `y` given as its input and output.
  private func backward<Element: MatrixElement>(
    upstream: Matrix, y: Matrix, into gradient: inout Matrix, biasGradient: inout Matrix, as type: Element.Type
  ) {
    let (rows, width) = (y.rows, y.columns)
    upstream.withUnsafeBufferPointer(as: Element.self) { upstream in
      y.withUnsafeBufferPointer(as: Element.self) { y in
        gradient.withUnsafeMutableBufferPointer(as: Element.self) { gradient in
          biasGradient.withUnsafeMutableBufferPointer(as: Element.self) { sums in
            let pass = ActivationGradientColumns(
              kernel: kernel(for: Element.self), upstream: UnsafeRawPointer(upstream.baseAddress),
              y: UnsafeRawPointer(y.baseAddress), gradient: UnsafeMutableRawPointer(gradient.baseAddress),
              sums: UnsafeMutableRawPointer(sums.baseAddress), rows: rows, width: width)
            ElementwisePass.forEachRange(count: width, grain: Self.columnGrain(rows: rows), pass)
          }
        }
      }
    }
  }

  /// The kernels and the activation for `Element`s.
  private func kernel<Element: MatrixElement>(for type: Element.Type) -> ColumnKernel {
    Element.self == Double.self
      ? .float64(kernels.table, activation.code, activation.parameter)
      : .float32(kernels.floatTable, activation.code, Float(activation.parameter))
  }
}

/// The C kernels of one element type, with the activation's code and parameter in that type.
private enum ColumnKernel {
  case float64(UnsafePointer<NNKernelTable>, Int32, Double)
  case float32(UnsafePointer<NNKernelFloatTable>, Int32, Float)
}

/// The forward pass on one range of columns (reached by the threads on the caller's stack).
private struct BiasActivationColumns: ElementwisePassBody {
  let kernel: ColumnKernel
  let product: UnsafeRawPointer?
  let bias: UnsafeRawPointer?
  let y: UnsafeMutableRawPointer?
  let rows: Int
  let width: Int

  func run(_ columns: Range<Int>) {
    switch kernel {
    case .float64(let table, let code, let parameter):
      table.pointee.rowBiasActivation(
        code, parameter, product, bias, y, rows, width, columns.lowerBound, columns.upperBound)
    case .float32(let table, let code, let parameter):
      table.pointee.rowBiasActivation(
        code, parameter, product, bias, y, rows, width, columns.lowerBound, columns.upperBound)
    }
  }
}

/// The backward pass on one range of columns (reached by the threads on the caller's stack).
private struct ActivationGradientColumns: ElementwisePassBody {
  let kernel: ColumnKernel
  let upstream: UnsafeRawPointer?
  let y: UnsafeRawPointer?
  let gradient: UnsafeMutableRawPointer?
  let sums: UnsafeMutableRawPointer?
  let rows: Int
  let width: Int

  func run(_ columns: Range<Int>) {
    switch kernel {
    case .float64(let table, let code, let parameter):
      table.pointee.rowActivationGradientSums(
        code, parameter, upstream, y, y, gradient, sums, rows, width, columns.lowerBound, columns.upperBound)
    case .float32(let table, let code, let parameter):
      table.pointee.rowActivationGradientSums(
        code, parameter, upstream, y, y, gradient, sums, rows, width, columns.lowerBound, columns.upperBound)
    }
  }
}
