/// A value the registry can name, make and save: every activation, layer, loss, optimizer and initializer.
public protocol Component: Sendable {
  /// The registry name and every parameter value; making ``ComponentConfiguration/request`` through a
  /// ``Registry`` gives back an equal component.
  var configuration: ComponentConfiguration { get }
}
