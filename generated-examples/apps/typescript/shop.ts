// A shop that sends both events of mitigate-cart-abandonment, and says who its customer is and
// which company they buy for: `tracktype status --check --target ts-mitigate-cart-abandonment`
// passes on it (see ../../tracktype.yaml). The TypeScript tests compile it (tests/typescript).
import { createTracker } from "../../typescript/mitigate-cart-abandonment/index.js";
import type { AnalyticsClient } from "../../typescript/mitigate-cart-abandonment/index.js";

export function checkout(
  client: AnalyticsClient,
  userId: string,
  orderId: string,
): void {
  const tracker = createTracker(client);
  tracker.identify(userId, { email: "ada@example.com" });
  tracker.group("g-1", { name: "Acme" });
  tracker.checkoutStarted({ order_id: orderId, coupon: "SPRING" });
  tracker.orderCompleted({
    order_id: orderId,
    revenue: 25,
    products: [{ product_id: "p-1" }],
  });
}
