import NNCore

/// An activation applied to each element on its own: `y = f(x)`, with derivative `f′` known from `x` and `y`.
///
/// Conforming types give the scalar function and derivative; forward and backward over batches come from
/// this protocol, eight lanes at a time through the `SIMD8` forms (which default to the scalar ones, and which
/// built-in activations vectorise). The backward pass is the elementwise product
/// ```
/// ∂L/∂x = ∂L/∂y ⊙ f′(x)
/// ```
/// Networks made only of dense layers and elementwise activations are trained by a fused kernel that calls
/// the `SIMD8` forms directly.
public protocol ElementwiseActivation: Activation {
  /// `f(x)`.
  func value(_ x: Double) -> Double
  /// `f′(x)`, given `x` and `y = f(x)` (whichever is cheaper).
  func derivative(input x: Double, output y: Double) -> Double
  /// `f(x)` in eight lanes.
  func value(_ x: SIMD8<Double>) -> SIMD8<Double>
  /// `f′(x)` in eight lanes, given `x` and `y = f(x)`.
  func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double>
  /// `f(x)` in `count` lane vectors at once, each as the `SIMD8` form computes it.
  ///
  /// The fused kernel's forward pass calls this form. An activation built on a long chain of dependent
  /// instructions (an exponential) implements it by interleaving the vectors' evaluations step by step
  /// (``VectorMath/Lanes``), so that they overlap in the core; the default calls the `SIMD8` form on each vector.
  func value<let count: Int>(_ x: VectorMath.Lanes<count>) -> VectorMath.Lanes<count>
}

extension ElementwiseActivation {
  /// Lane by lane through the scalar ``value(_:)-(Double)``.
  @inlinable public func value(_ x: SIMD8<Double>) -> SIMD8<Double> {
    var result = SIMD8<Double>()
    for lane in 0..<8 { result[lane] = value(x[lane]) }
    return result
  }

  /// Vector by vector through the `SIMD8` form ``value(_:)-(SIMD8<Double>)``.
  @inlinable public func value<let count: Int>(_ x: VectorMath.Lanes<count>) -> VectorMath.Lanes<count> {
    var result = x
    for index in 0..<count { result[index] = value(x[index]) }
    return result
  }

  /// Lane by lane through the scalar ``derivative(input:output:)-(Double,Double)``.
  @inlinable public func derivative(input x: SIMD8<Double>, output y: SIMD8<Double>) -> SIMD8<Double> {
    var result = SIMD8<Double>()
    for lane in 0..<8 { result[lane] = derivative(input: x[lane], output: y[lane]) }
    return result
  }

  /// Both element types: `float32` elements are widened to `Double` eight at a time, and results rounded back.
  public var supportedElementTypes: Set<ElementType> { Set(ElementType.allCases) }

  /// Applies `f` to every element, eight at a time; `float32` elements are computed widened to `Double` and
  /// rounded back, so the result is `f(x)` correctly rounded up to the `Double` form's own error.
  @inlinable public func forward(_ input: Matrix, into output: inout Matrix) {
    input.requireSameShape(as: output, "activation forward")
    input.requireSameElementType(as: output, "activation forward")
    switch input.elementType {
    case .float64: forward(input, into: &output, as: Double.self)
    case .float32: forward(input, into: &output, as: Float.self)
    }
  }

  /// The forward pass over `Element`s, computed in `Double`.
  @inlinable func forward<Element: MatrixElement>(_ input: Matrix, into output: inout Matrix, as type: Element.Type) {
    input.withUnsafeBufferPointer(as: Element.self) { source in
      output.withUnsafeMutableBufferPointer(as: Element.self) { target in
        // Ranges of a multiple of eight elements: the same lanes whichever thread computes them.
        ElementwisePass.forEachRange(
          count: source.count, ActivationForwardPass(activation: self, source: source, target: target))
      }
    }
  }

  /// Eight elements from `offset`, widened to `Double`.
  @inlinable @inline(__always) static func widened<Element: MatrixElement>(
    _ buffer: UnsafeBufferPointer<Element>, at offset: Int
  ) -> SIMD8<Double> {
    SIMD8<Double>(
      UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: SIMD8<Element>.self))
  }

  /// Stores `lanes`, rounded to `Element`, at `offset`.
  @inlinable @inline(__always) static func store<Element: MatrixElement>(
    _ lanes: SIMD8<Double>, into buffer: UnsafeMutableBufferPointer<Element>, at offset: Int
  ) {
    UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped + offset).storeBytes(
      of: SIMD8<Element>(lanes), as: SIMD8<Element>.self)
  }

  /// `∂L/∂x = ∂L/∂y ⊙ f′(x)`, eight elements at a time (`float32` widened to `Double` and rounded back).
  @inlinable public func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix
  ) {
    input.requireSameShape(as: outputGradient, "activation backward")
    input.requireSameShape(as: inputGradient, "activation backward")
    input.requireSameElementType(as: outputGradient, "activation backward")
    switch input.elementType {
    case .float64:
      backward(input: input, output: output, outputGradient: outputGradient, into: &inputGradient, as: Double.self)
    case .float32:
      backward(input: input, output: output, outputGradient: outputGradient, into: &inputGradient, as: Float.self)
    }
  }

  /// The backward pass over `Element`s, computed in `Double`.
  @inlinable func backward<Element: MatrixElement>(
    input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix, as type: Element.Type
  ) {
    input.withUnsafeBufferPointer(as: Element.self) { x in
      output.withUnsafeBufferPointer(as: Element.self) { y in
        outputGradient.withUnsafeBufferPointer(as: Element.self) { upstream in
          inputGradient.withUnsafeMutableBufferPointer(as: Element.self) { target in
            ElementwisePass.forEachRange(
              count: x.count,
              ActivationBackwardPass(activation: self, input: x, output: y, upstream: upstream, target: target))
          }
        }
      }
    }
  }
}

/// `y = f(x)` on a range of elements, eight at a time: ``ElementwiseActivation/forward(_:into:)`` on one range.
@usableFromInline
struct ActivationForwardPass<Activation: ElementwiseActivation, Element: MatrixElement>:
  ElementwisePassBody
{
  @usableFromInline let activation: Activation
  @usableFromInline let source: UnsafeBufferPointer<Element>
  @usableFromInline let target: UnsafeMutableBufferPointer<Element>

  /// The pass of `activation` from `source` into `target`.
  @inlinable init(
    activation: Activation, source: UnsafeBufferPointer<Element>, target: UnsafeMutableBufferPointer<Element>
  ) {
    self.activation = activation
    self.source = source
    self.target = target
  }

  @inlinable func run(_ range: Range<Int>) {
    var index = range.lowerBound
    while index + 8 <= range.upperBound {
      Activation.store(activation.value(Activation.widened(source, at: index)), into: target, at: index)
      index += 8
    }
    while index < range.upperBound {
      target[index] = Element(activation.value(Double(source[index])))
      index += 1
    }
  }
}

/// `∂L/∂x = ∂L/∂y ⊙ f′(x, y)` on a range of elements, eight at a time: ``ElementwiseActivation/backward(input:output:outputGradient:into:)``
/// on one range.
@usableFromInline
struct ActivationBackwardPass<Activation: ElementwiseActivation, Element: MatrixElement>:
  ElementwisePassBody
{
  @usableFromInline let activation: Activation
  @usableFromInline let input: UnsafeBufferPointer<Element>
  @usableFromInline let output: UnsafeBufferPointer<Element>
  @usableFromInline let upstream: UnsafeBufferPointer<Element>
  @usableFromInline let target: UnsafeMutableBufferPointer<Element>

  /// The pass of `activation`: `x` and `y` its input and output, `upstream` `∂L/∂y`, into `target`.
  @inlinable init(
    activation: Activation, input: UnsafeBufferPointer<Element>, output: UnsafeBufferPointer<Element>,
    upstream: UnsafeBufferPointer<Element>, target: UnsafeMutableBufferPointer<Element>
  ) {
    self.activation = activation
    self.input = input
    self.output = output
    self.upstream = upstream
    self.target = target
  }

  @inlinable func run(_ range: Range<Int>) {
    var index = range.lowerBound
    while index + 8 <= range.upperBound {
      let slope = activation.derivative(
        input: Activation.widened(input, at: index), output: Activation.widened(output, at: index))
      Activation.store(Activation.widened(upstream, at: index) * slope, into: target, at: index)
      index += 8
    }
    while index < range.upperBound {
      target[index] = Element(
        Double(upstream[index]) * activation.derivative(input: Double(input[index]), output: Double(output[index])))
      index += 1
    }
  }
}
