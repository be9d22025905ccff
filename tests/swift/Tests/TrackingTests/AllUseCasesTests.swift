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
    client.pageViewed(PageViewed(pageName: "Home"))
    client.productAddedToCart(ProductAddedToCart(productId: "p-1", productPrice: 3))
    client.screenViewed(ScreenViewed(screenId: "s-1"))
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
        #"Page Viewed {"page_name":"Home"}"#,
        #"Product Added to Cart {"product_id":"p-1","product_price":3}"#,
        #"Screen Viewed {"screen_id":"s-1"}"#,
        #"Signed In {"username":"ada"}"#,
        #"Signed Up {"email":"ada@example.com","first_name":"Ada","type":"organic"}"#,
        #"Subscription Started {}"#,
        #"Trial Started {"trial_plan_name":"pro","trial_start_date":"2026-01-01T00:00:00Z"}"#,
        #"Trial Started {}"#,
      ])
  }
}
