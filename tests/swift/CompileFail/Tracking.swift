// Misuse of the generated `Tracking` module that must not compile: each marked line fails
// with the message given, which the test suite checks with `swiftc -verify`.
import Tracking

func misuse(client: some TrackingClient) {
  // A required property left out.
  client.checkoutStarted(CheckoutStarted())  // expected-error {{missing argument for parameter 'orderId' in call}}
  // A property of the wrong type.
  client.checkoutStarted(CheckoutStarted(orderId: 42))  // expected-error {{cannot convert value of type 'Int' to expected argument type 'String'}}
  // A property that does not exist.
  client.orderCompleted(OrderCompleted(orderId: "o-1", revnue: 10))  // expected-error {{incorrect argument label in call (have 'orderId:revnue:', expected 'orderId:revenue:')}}
  // One event's properties sent as another's.
  client.orderCompleted(CheckoutStarted(orderId: "o-1"))  // expected-error {{cannot convert value of type 'CheckoutStarted' to expected argument type 'OrderCompleted'}}
  // The generic `track` takes events, not names.
  client.track("Order Completed")  // expected-error {{instance method 'track' requires that 'String' conform to 'TrackingEvent'}}
}
