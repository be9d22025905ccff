// A shop that sends both events of mitigate-cart-abandonment: `tracktype status --check
// --target swift-mitigate-cart-abandonment` passes on it (see ../../tracktype.yaml).
import Segment
import Tracking

extension Analytics: TrackingClient {}

func checkout(_ analytics: Analytics, orderId: String) {
  analytics.checkoutStarted(CheckoutStarted(orderId: orderId))
  analytics.orderCompleted(OrderCompleted(orderId: orderId, revenue: 25))
}
