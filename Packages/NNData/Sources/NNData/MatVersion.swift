import CMatio

/// The version of a MAT file's format.
///
/// Version 7 is version 5 with zlib-compressed variables; version 7.3 is an HDF5 file behind a MATLAB header.
public enum MatVersion: String, Sendable, Codable, CaseIterable {
  /// MATLAB 4: numeric and character matrices only.
  case v4 = "4"
  /// MATLAB 5 (and 6), uncompressed.
  case v5 = "5"
  /// MATLAB 7: the version 5 layout with compressed variables (MATLAB's default `save` format).
  case v7 = "7"
  /// MATLAB 7.3: HDF5.
  case v73 = "7.3"

  /// libmatio's file version for creating a file of this version.
  var fileType: mat_ft {
    switch self {
    case .v4: MAT_FT_MAT4
    case .v5, .v7: MAT_FT_MAT5
    case .v73: MAT_FT_MAT73
    }
  }

  /// libmatio's compression for variables written in this version (only version 7 compresses).
  var compression: matio_compression {
    self == .v7 ? MAT_COMPRESSION_ZLIB : MAT_COMPRESSION_NONE
  }
}
