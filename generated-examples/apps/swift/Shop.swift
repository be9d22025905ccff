// A shop that sends both events of mitigate-cart-abandonment, and says who its customer is:
// `tracktype status --check --target swift-mitigate-cart-abandonment` passes on it (see
// ../../tracktype.yaml). The Swift tests type-check it against the generated module.
import Segment
import Tracking

// Both come from other modules, so Swift 6 asks that the conformance be marked retroactive.
extension Analytics: @retroactive TrackingClient {}

func checkout(_ analytics: Analytics, userId: String, orderId: String) {
  analytics.identify(userId: userId, traits: IdentifyTraits(email: "ada@example.com"))
  analytics.checkoutStarted(CheckoutStarted(orderId: orderId))
  analytics.orderCompleted(OrderCompleted(orderId: orderId, revenue: 25))
}
