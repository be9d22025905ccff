// swift-tools-version: 5.9

import PackageDescription

// Tests for the committed Swift examples: every generated method, called through a recording
// TrackingClient, must produce exactly the expected JSON.
let package = Package(
  name: "TrackingExamplesTests",
  dependencies: [
    .package(path: "../../generated-examples/swift/mitigate-cart-abandonment"),
    .package(path: "../../generated-examples/swift/all-use-cases"),
    .package(path: "../../generated-examples/swift/acme"),
  ],
  targets: [
    .testTarget(
      name: "TrackingTests",
      dependencies: [
        .product(name: "Tracking", package: "mitigate-cart-abandonment"),
        .product(name: "TrackingAllUseCases", package: "all-use-cases"),
        .product(name: "AcmeTracking", package: "acme"),
      ]
    )
  ],
  swiftLanguageVersions: [.v5, .version("6")]
)
