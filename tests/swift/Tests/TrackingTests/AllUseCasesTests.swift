import TrackingAllUseCases
import XCTest

final class AllUseCasesRecorder: Recorder, TrackingClient {}

final class AllUseCasesTests: XCTestCase {
  func testEveryEventOfEveryUseCase() {
    let client = AllUseCasesRecorder()
    client.applicationInstalled(ApplicationInstalled(version: "1.0", build: "100", fromBackground: false))
    client.applicationOpened(ApplicationOpened(fromBackground: true, url: "app://home"))
    client.checkoutStarted(CheckoutStarted(orderId: "o-1", discount: 2, value: 8.5))
    client.installAttributed(
      InstallAttributed(provider: "Branch", campaign: Campaign(source: "ads", adGroup: "g")))
    client.onboardingCompleted()
    client.onboardingStepCompleted(
      OnboardingStepCompleted(stepName: "profile", stepNumber: 1, totalSteps: 3, pctCompleted: 33.5))
    client.orderCompleted(
      OrderCompleted(orderId: "o-2", products: [Product(productId: "p", imageUrl: "https://x/y.png")]))
    client.pageScrolled(PageScrolled(pctScrolled: 75, pageCategory: "blog"))
    client.pageViewed(PageViewed(pageCategory: "Docs", pageName: "Home", path: "/"))
    client.pageViewed()
    client.productAddedToCart(ProductAddedToCart(productId: "p-1", productPrice: 3))
    client.screenViewed(ScreenViewed(screenId: "s-1", screenType: "checkout", screenTitle: "Cart"))
    client.identify(userId: "u-1", traits: IdentifyTraits(email: "ada@example.com"))
    client.group(groupId: "g-1", traits: GroupTraits(employees: 12, name: "Acme"))
    client.group(groupId: "g-2", traits: GroupTraits(employees: "11-50"))
    client.signedIn(SignedIn(username: "ada"))
    client.signedUp(SignedUp(firstName: "Ada", type: "organic", email: "ada@example.com"))
    client.subscriptionStarted()
    client.trialStarted(TrialStarted(trialStartDate: "2026-01-01T00:00:00Z", trialPlanName: "pro"))
    client.trialStarted()
    XCTAssertEqual(
      client.sent,
      [
        #"Application Installed {"build":"100","from_background":false,"version":"1.0"}"#,
        #"Application Opened {"from_background":true,"url":"app://home"}"#,
        #"Checkout Started {"discount":2,"order_id":"o-1","value":8.5}"#,
        #"Install Attributed {"campaign":{"ad_group":"g","source":"ads"},"provider":"Branch"}"#,
        #"Onboarding Completed {}"#,
        #"Onboarding Step Completed {"pct_completed":33.5,"step_name":"profile","step_number":1,"total_steps":3}"#,
        #"Order Completed {"order_id":"o-2","products":[{"image_url":"https://x/y.png","product_id":"p"}]}"#,
        #"Page Scrolled {"page_category":"blog","pct_scrolled":75}"#,
        // analytics-swift has no page call: a page goes as a screen, titled with its name, or
        // with the event's name without one (a title is required).
        #"screen Home (Docs) {"path":"/"}"#,
        #"screen Page Viewed (no category) {}"#,
        #"Product Added to Cart {"product_id":"p-1","product_price":3}"#,
        #"screen Cart (checkout) {"screen_id":"s-1"}"#,
        #"identify u-1 {"email":"ada@example.com"}"#,
        #"group g-1 {"employees":12,"name":"Acme"}"#,
        #"group g-2 {"employees":"11-50"}"#,
        #"Signed In {"username":"ada"}"#,
        #"Signed Up {"email":"ada@example.com","first_name":"Ada","type":"organic"}"#,
        #"Subscription Started {}"#,
        #"Trial Started {"trial_plan_name":"pro","trial_start_date":"2026-01-01T00:00:00Z"}"#,
        #"Trial Started {}"#,
      ])
  }

  func testEveryCallCarriesTheTracktypeContextToAClientThatTakesOne() {
    let client = ContextRecorder()
    client.orderCompleted(OrderCompleted(orderId: "o-1"))
    client.pageViewed(PageViewed(pageName: "Home"))
    client.identify(userId: "u-1")
    client.group(groupId: "g-1")
    client.track(SignedIn(username: "ada"))
    let context = #"{"tracktype":{"language":"swift","version":"0.1.0"}}"#
    XCTAssertEqual(
      client.contexts,
      ["track Order Completed", "screen Home", "identify u-1", "group g-1", "track Signed In"].map {
        "\($0) \(context)"
      })
  }
}

extension AllUseCasesTests {
  func testTheGenericTrackSendsWhatEachEventsOwnMethodSends() {
    let named = AllUseCasesRecorder()
    let generic = AllUseCasesRecorder()
    named.orderCompleted(OrderCompleted(orderId: "o-1", revenue: 25))
    generic.track(OrderCompleted(orderId: "o-1", revenue: 25))
    named.pageViewed(PageViewed(pageCategory: "Docs", pageName: "Home", path: "/"))
    generic.track(PageViewed(pageCategory: "Docs", pageName: "Home", path: "/"))
    named.screenViewed(ScreenViewed(screenTitle: "Cart"))
    generic.track(ScreenViewed(screenTitle: "Cart"))
    named.trialStarted()
    generic.track(TrialStarted())
    XCTAssertEqual(
      named.sent,
      [
        #"Order Completed {"order_id":"o-1","revenue":25}"#,
        #"screen Home (Docs) {"path":"/"}"#,
        #"screen Cart (no category) {}"#,
        #"Trial Started {}"#,
      ])
    XCTAssertEqual(generic.sent, named.sent)
  }

  func testContextOfTheAppsOwnGoesUnderTracktypes() {
    let client = ContextRecorder()
    let shop = client.withContext(["app": ["name": "shop"], "tracktype": "the app's"])
      .onViolation { _, _ in true }
    shop.orderCompleted(OrderCompleted(orderId: "o-1"))
    shop.pageViewed(PageViewed(pageName: "Home"))
    shop.identify(userId: "u-1")
    shop.group(groupId: "g-1")
    shop.track(SignedIn(username: "ada"))
    let context = #"{"app":{"name":"shop"},"tracktype":{"language":"swift","version":"0.1.0"}}"#
    XCTAssertEqual(
      client.contexts,
      ["track Order Completed", "screen Home", "identify u-1", "group g-1", "track Signed In"].map {
        "\($0) \(context)"
      })
  }
}

/// A client that takes a context with each call, as a custom client may: tracktype's context
/// reaches it.
final class ContextRecorder: TrackingClient {
  private(set) var contexts: [String] = []

  func track<P: Codable>(name: String, properties: P?) {}
  func screen<P: Codable>(title: String, category: String?, properties: P?) {}
  func identify<T: Codable>(userId: String, traits: T?) {}
  func group<T: Codable>(groupId: String, traits: T?) {}

  func track<P: Codable>(name: String, properties: P?, context: [String: JSONValue]) {
    record("track \(name)", context)
  }

  func screen<P: Codable>(
    title: String, category: String?, properties: P?, context: [String: JSONValue]
  ) {
    record("screen \(title)", context)
  }

  func identify<T: Codable>(userId: String, traits: T?, context: [String: JSONValue]) {
    record("identify \(userId)", context)
  }

  func group<T: Codable>(groupId: String, traits: T?, context: [String: JSONValue]) {
    record("group \(groupId)", context)
  }

  private func record(_ call: String, _ context: [String: JSONValue]) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = (try? encoder.encode(context)).map { String(decoding: $0, as: UTF8.self) }
    contexts.append("\(call) \(json ?? "not JSON")")
  }
}
