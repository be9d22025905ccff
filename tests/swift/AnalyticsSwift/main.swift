// Sends every kind of call through analytics-swift's `Analytics` (the stand-in in ../Segment,
// which runs each event through its plugins and enrichments as analytics-swift does) with the
// module generated for the whole catalog with `--sdk analytics-swift`, and prints each event
// analytics-swift would send, as JSON with sorted keys, one a line. The suite's `swift` module
// compiles it with that module and compares the lines with what must be sent.

import Foundation
import Segment

/// What analytics-swift would send, seen as its own tests see it: by a plugin of the last kind.
final class Sent: Plugin {
  let type = PluginType.after
  weak var analytics: Analytics?
  private(set) var lines: [String] = []

  func execute<T: RawEvent>(event: T?) -> T? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if let event, let json = try? encoder.encode(event) {
      lines.append(String(decoding: json, as: UTF8.self))
    }
    return event
  }
}

let analytics = Analytics(configuration: Configuration(writeKey: "tracktype"))
let sent = Sent()
analytics.add(plugin: sent)

// Each event by its own method, then the same by the generic `track(_:)`.
analytics.orderCompleted(OrderCompleted(orderId: "o-1", revenue: 25))
analytics.track(OrderCompleted(orderId: "o-1", revenue: 25))
analytics.pageViewed(PageViewed(pageCategory: "Docs", pageName: "Home", path: "/"))
analytics.track(PageViewed(pageCategory: "Docs", pageName: "Home", path: "/"))
analytics.screenViewed(ScreenViewed(screenType: "checkout", screenTitle: "Cart"))
analytics.track(ScreenViewed(screenType: "checkout", screenTitle: "Cart"))
analytics.identify(userId: "u-1", traits: IdentifyTraits(email: "ada@example.com"))
analytics.group(groupId: "g-1", traits: GroupTraits(employees: 12, name: "Acme"))
// Context of the app's own, under the call's: `tracktype` stays tracktype's.
analytics.withContext(["app": ["name": "shop"], "tracktype": "the app's"]).signedIn(
  SignedIn(username: "ada"))
// A handler of the app's own gets the violations, and drops the call (by default it is sent).
analytics.onViolation { _, _ in false }.identify(
  userId: "u-2", traits: IdentifyTraits(email: "not an email"))
// A call the app makes itself is not tracktype's.
analytics.track(name: "Hand Written", properties: ["by": "the app"])

for line in sent.lines {
  print(line)
}
