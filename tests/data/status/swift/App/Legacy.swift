import Segment
import Tracking

func legacy(_ analytics: Analytics) {
  // An event of the catalog that this app does not select.
  analytics.signedIn(SignedIn())
  // An event no longer in the catalog.
  analytics.track(name: "Coupon Applied", properties: ["coupon": "SPRING"])
}
