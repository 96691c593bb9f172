import Foundation
import NNCore
import NNLayers
import NNTraining
import ZIPFoundation

/// How an archive's weight matrices are laid out.
public enum WeightLayout: String, Sendable, CaseIterable {
  /// inputs × units, as nn and the numpy tutorials store them (`a = x @ W`).
  case numpy
  /// units × inputs, as PyTorch's `Linear.weight` (`y = x Wᵀ + b`): transposed on import.
  case pytorch
}

/// Networks made from weights saved elsewhere: a numpy `.npz` of weight matrices (`numpy.savez`), or a PyTorch
/// `state_dict` saved as `.npz`, given to the layers of a network specification in order.
///
/// The arrays are taken in the archive's order, one per parameter matrix of the network, layer after layer (a
/// dense layer's weight, then its bias when it has one). Weights are 2-D (`numpy`: inputs × units; `pytorch`:
/// units × inputs, transposed); biases 1-D (units) or 2-D (1 × units). PyTorch's two lines:
///
/// ```python
/// import numpy
/// numpy.savez("weights.npz", **{k: v.detach().double().numpy() for k, v in model.state_dict().items()})
/// ```
public enum WeightImport {
  /// The arrays of an `.npz` archive, in its order, names without `.npy`; every size checked before use.
  ///
  /// - Parameters:
  ///   - path: The archive.
  ///   - maximumElements: The most values one array may hold.
  /// - Throws: ``WeightImportError`` naming the archive or the array.
  public static func arrays(npz path: String, maximumElements: Int = 1 << 28) throws(WeightImportError) -> [(
    name: String, array: NumpyArray
  )] {
    // The archive is read whole, after its size is checked, and opened from memory.
    let size: Int
    do {
      size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    } catch {
      throw .unreadableArchive(path: path, reason: "it cannot be read (\((error as NSError).localizedDescription))")
    }
    let limit = maximumElements.multipliedReportingOverflow(by: 16).partialValue
    guard size <= limit else {
      throw .unreadableArchive(path: path, reason: "it has \(size) bytes, more than the \(limit) its limit allows")
    }
    let archive: Archive
    do {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
      archive = try Archive(data: bytes, accessMode: .read)
    } catch {
      throw .unreadableArchive(path: path, reason: "\(error)")
    }
    var arrays: [(String, NumpyArray)] = []
    for entry in archive where entry.type == .file {
      let name = entry.path.hasSuffix(".npy") ? String(entry.path.dropLast(4)) : entry.path
      // The header and 8 bytes a value at most: refuse a claimed size before inflating it.
      guard entry.uncompressedSize <= UInt64(maximumElements) * 8 + 65_536 else {
        throw .invalidArray(name: name, reason: "it claims \(entry.uncompressedSize) bytes, more than the limit")
      }
      var data = Data()
      do {
        _ = try archive.extract(entry) { data.append($0) }
      } catch {
        throw .unreadableArchive(path: path, reason: "array '\(name)': \(error)")
      }
      arrays.append((name, try NumpyArray(npy: data, name: name, maximumElements: maximumElements)))
    }
    return arrays
  }

  /// The network of `layers` (after `inputWidth` inputs) with the given arrays as its parameters.
  ///
  /// - Parameters:
  ///   - arrays: One array per parameter matrix, in order.
  ///   - layers: The layers.
  ///   - inputWidth: The number of inputs.
  ///   - layout: How the weight matrices are laid out.
  /// - Throws: ``WeightImportError`` naming the array and the parameter when a shape does not fit.
  public static func network(
    arrays: [(name: String, array: NumpyArray)], layers: [any Layer], inputWidth: Int, layout: WeightLayout
  ) throws -> Sequential {
    guard inputWidth >= 1 else { throw NetworkError.invalidInputWidth(inputWidth) }
    var widths = [inputWidth]
    for layer in layers { widths.append(try layer.outputWidth(inputWidth: widths[widths.count - 1])) }
    let expectedCount = layers.enumerated().reduce(0) {
      $0 + $1.element.parameterShapes(inputWidth: widths[$1.offset]).count
    }
    guard arrays.count == expectedCount else {
      throw WeightImportError.countMismatch(arrays: arrays.count, parameters: expectedCount)
    }
    var next = 0
    var parameters: [[Matrix]] = []
    for (index, layer) in layers.enumerated() {
      var matrices: [Matrix] = []
      for shape in layer.parameterShapes(inputWidth: widths[index]) {
        let (name, array) = arrays[next]
        next += 1
        let parameter = "layer \(index) (\(layer.configuration.description))"
        matrices.append(
          try matrix(array, name: name, rows: shape.rows, columns: shape.columns, parameter: parameter, layout: layout))
      }
      parameters.append(matrices)
    }
    return try Sequential(inputWidth: inputWidth, layers: layers, parameters: parameters)
  }

  /// The `rows × columns` matrix of `array`: a weight in the given layout, or a bias (1-D, or one row).
  private static func matrix(
    _ array: NumpyArray, name: String, rows: Int, columns: Int, parameter: String, layout: WeightLayout
  ) throws(WeightImportError) -> Matrix {
    let found = array.shape.map(String.init).joined(separator: "×")
    if rows == 1 {
      guard array.shape == [columns] || array.shape == [1, columns] else {
        throw .shapeMismatch(name: name, parameter: parameter, expected: "\(columns) or 1×\(columns)", found: found)
      }
      return Matrix(rows: 1, columns: columns, elements: array.values)
    }
    switch layout {
    case .numpy:
      guard array.shape == [rows, columns] else {
        throw .shapeMismatch(
          name: name, parameter: parameter, expected: "\(rows)×\(columns) (inputs × units)", found: found)
      }
      return Matrix(rows: rows, columns: columns, elements: array.values)
    case .pytorch:
      guard array.shape == [columns, rows] else {
        throw .shapeMismatch(
          name: name, parameter: parameter, expected: "\(columns)×\(rows) (units × inputs, PyTorch's Linear.weight)",
          found: found)
      }
      var elements = [Double](repeating: 0, count: rows * columns)
      for row in 0..<rows {
        for column in 0..<columns { elements[row * columns + column] = array.values[column * rows + row] }
      }
      return Matrix(rows: rows, columns: columns, elements: elements)
    }
  }

  /// A model file of `layers` with the weights of the `.npz` archive at `path`, and `loss` and `optimizer` (its
  /// state fresh): what `nn import` writes.
  ///
  /// - Parameters:
  ///   - path: The archive.
  ///   - layers: The network's layers.
  ///   - inputWidth: The number of inputs.
  ///   - layout: How the weight matrices are laid out.
  ///   - loss: The loss to store.
  ///   - optimizer: The optimizer to store.
  /// - Returns: The model file, and the names of the arrays used, in order.
  /// - Throws: ``WeightImportError`` naming the archive, an array or a parameter.
  public static func modelFile(
    npz path: String, layers: [any Layer], inputWidth: Int, layout: WeightLayout, loss: any Loss,
    optimizer: any Optimizer
  ) throws -> (file: ModelFile, arrays: [String]) {
    let arrays = try arrays(npz: path)
    let imported = try network(arrays: arrays, layers: layers, inputWidth: inputWidth, layout: layout)
    return (ModelFile(trainer: Trainer(network: imported, loss: loss, optimizer: optimizer)), arrays.map(\.name))
  }
}
