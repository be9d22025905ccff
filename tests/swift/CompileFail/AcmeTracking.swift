// Misuse of the generated `AcmeTracking` module (the example with a team's own catalog) that
// must not compile: each marked line fails with the message given, which the test suite
// checks with `swiftc -verify`.
import AcmeTracking

func misuse(client: some TrackingClient) {
  // A value outside an enum.
  client.orderCompleted(OrderCompleted(orderId: "o-1", currency: .jpy))  // expected-error {{type 'OrderCompletedCurrency' has no member 'jpy'}}
  // A nullable required property must still be given, if only as nil.
  client.subscriptionStarted(SubscriptionStarted(plan: .pro))  // expected-error {{missing argument for parameter 'referrer' in call}}
  // A required trait left out.
  client.identify(userId: "u-1", traits: IdentifyTraits(email: "ada@example.com"))  // expected-error {{missing argument for parameter 'plan' in call}}
  // A trait of the wrong type.
  client.identify(userId: "u-1", traits: IdentifyTraits(plan: "gold"))  // expected-error {{cannot convert value of type 'String' to expected argument type 'Plan'}}
  // With a required trait, identify cannot go without traits.
  client.identify(userId: "u-1")  // expected-error {{missing argument for parameter 'traits' in call}}
  var account = GroupTraits()
  // A group trait of the wrong type.
  account.seats = 2.5  // expected-error {{cannot assign value of type 'Double' to type 'Int?'}}
  client.group(groupId: "g-1", traits: account)
}
