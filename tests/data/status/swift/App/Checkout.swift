import Segment
import Tracking

extension Analytics: TrackingClient {}

func startCheckout(_ analytics: Analytics, orderId: String) {
  // analytics.subscriptionStarted() in a comment is not a call.
  let client = analytics
  client
    .checkoutStarted(CheckoutStarted(orderId: orderId))
}

func completeOrder(_ analytics: Analytics, orderId: String) -> String {
  analytics.track(name: "Order Completed", properties: OrderCompleted(orderId: orderId))
  return "analytics.subscriptionStarted() in a string is not a call"
}
