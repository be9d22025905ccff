import Tracking
import XCTest

final class CartRecorder: Recorder, TrackingClient {}

final class MitigateCartAbandonmentTests: XCTestCase {
  func testEveryMethodSendsItsEventWithExactlyItsProperties() {
    let client = CartRecorder()
    client.checkoutStarted(CheckoutStarted(orderId: "o-1", numItems: 2, coupon: "SPRING", total: 30.5))
    var order = OrderCompleted(orderId: "o-1", revenue: 25)
    order.products = [Product(productId: "p-1", price: 12.5, quantity: 2)]
    client.orderCompleted(order)
    XCTAssertEqual(
      client.sent,
      [
        #"Checkout Started {"coupon":"SPRING","num_items":2,"order_id":"o-1","total":30.5}"#,
        #"Order Completed {"order_id":"o-1","products":[{"price":12.5,"product_id":"p-1","quantity":2}],"revenue":25}"#,
      ])
  }

  func testAnOmittedOptionalIsAbsent() {
    let client = CartRecorder()
    client.orderCompleted(OrderCompleted(orderId: "o-2"))
    XCTAssertEqual(client.sent, [#"Order Completed {"order_id":"o-2"}"#])
  }
}
