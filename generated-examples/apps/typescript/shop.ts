// A shop that sends both events of mitigate-cart-abandonment: `tracktype status --check
// --target ts-mitigate-cart-abandonment` passes on it (see ../../tracktype.yaml).
import { createTracker } from "../../typescript/mitigate-cart-abandonment/index.js";
import type { AnalyticsClient } from "../../typescript/mitigate-cart-abandonment/index.js";

export function checkout(client: AnalyticsClient, orderId: string): void {
  const tracker = createTracker(client);
  tracker.checkoutStarted({ order_id: orderId, coupon: "SPRING" });
  tracker.orderCompleted({
    order_id: orderId,
    revenue: 25,
    products: [{ product_id: "p-1" }],
  });
}
