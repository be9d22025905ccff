import AcmeTracking
import XCTest

final class AcmeRecorder: Recorder, TrackingClient {}

final class AcmeTests: XCTestCase {
  func testEnumsAndAnExplicitNull() {
    let client = AcmeRecorder()
    var order = OrderCompleted(orderId: "o-3", currency: .eur)
    order.paymentMethod = .giftCard
    order.giftMessage = .null
    client.orderCompleted(order)
    client.orderCompleted(OrderCompleted(orderId: "o-4", currency: .usd, giftMessage: "Enjoy!"))
    client.orderCompleted(OrderCompleted(orderId: "o-5", currency: .gbp))
    XCTAssertEqual(
      client.sent,
      [
        #"Order Completed {"currency":"EUR","gift_message":null,"order_id":"o-3","payment_method":"gift_card"}"#,
        #"Order Completed {"currency":"USD","gift_message":"Enjoy!","order_id":"o-4"}"#,
        #"Order Completed {"currency":"GBP","order_id":"o-5"}"#,
      ])
  }

  func testNullableRequiredUnionsMapsAndAny() {
    let client = AcmeRecorder()
    client.subscriptionStarted(SubscriptionStarted(plan: .starter, referrer: nil))
    client.subscriptionStarted(
      SubscriptionStarted(
        plan: .enterprise,
        referrer: "partner-9",
        billingInterval: .yearly,
        seats: 40,
        promotion: 1234,
        attribution: ["utm_source": "newsletter", "clicks": 3],
        experiment: ["variant": "b", "weights": [0.5, 0.5], "control": nil],
        previousPlans: [.starter, .pro],
        billingEmail: "billing@acme.example"))
    client.subscriptionStarted(SubscriptionStarted(plan: .pro, referrer: "r", promotion: "SPRING"))
    client.trialStarted()
    client.checkoutStarted(CheckoutStarted(orderId: "o-6"))
    XCTAssertEqual(
      client.sent,
      [
        #"Subscription Started {"plan":"starter","referrer":null}"#,
        #"Subscription Started {"attribution":{"clicks":3,"utm_source":"newsletter"},"billing_email":"billing@acme.example","billing_interval":"yearly","experiment":{"control":null,"variant":"b","weights":[0.5,0.5]},"plan":"enterprise","previous_plans":["starter","pro"],"promotion":1234,"referrer":"partner-9","seats":40}"#,
        #"Subscription Started {"plan":"pro","promotion":"SPRING","referrer":"r"}"#,
        #"Trial Started {}"#,
        #"Checkout Started {"order_id":"o-6"}"#,
      ])
  }

  func testEncodedValuesDecodeBackEqual() throws {
    let original = SubscriptionStarted(plan: .pro, referrer: "r", promotion: 7, experiment: [1, "two"])
    let data = try JSONEncoder().encode(original)
    XCTAssertEqual(try JSONDecoder().decode(SubscriptionStarted.self, from: data), original)
  }

  func testTheTeamsOwnTraits() {
    let client = AcmeRecorder()
    client.identify(userId: "u-1", traits: IdentifyTraits(plan: .pro, email: "ada@example.com"))
    var account = GroupTraits()
    account.seats = 3
    client.group(groupId: "g-1", traits: account)
    XCTAssertEqual(
      client.sent,
      [
        #"identify u-1 {"email":"ada@example.com","plan":"pro"}"#,
        #"group g-1 {"seats":3}"#,
      ])
  }
}
