// A shop that sends both events of mitigate-cart-abandonment, and says who its customer is:
// `tracktype status --check --target swift-mitigate-cart-abandonment-analytics-swift` passes on
// it (see ../../tracktype.yaml). The module is generated with `--sdk analytics-swift`, so
// analytics-swift's `Analytics` is already a `TrackingClient`, and every call carries
// `context.tracktype`. The Swift tests type-check it against the generated module.
import Segment
import TrackingAnalyticsSwift

func checkout(_ analytics: Analytics, userId: String, orderId: String) {
  analytics.identify(userId: userId, traits: IdentifyTraits(email: "ada@example.com"))
  analytics.checkoutStarted(CheckoutStarted(orderId: orderId))
  analytics.orderCompleted(OrderCompleted(orderId: orderId, revenue: 25))
}
