import { tracker } from "./analytics";

// Same name as a tracker method, but not a tracker.
const cart = { subscriptionStarted(): void {} };

export function startCheckout(orderId: string): void {
  // tracker.subscriptionStarted() in a comment is not a call.
  cart.subscriptionStarted();
  const analytics = tracker;
  analytics
    .checkoutStarted({
      order_id: orderId,
    });
}

export function completeOrder(orderId: string): string {
  tracker.track("Order Completed", { order_id: orderId, revenue: 25 });
  return "tracker.subscriptionStarted() in a string is not a call";
}
