import Segment
import Tracking

struct Paywall {
  let analytics: Analytics

  func startTrial() {
    analytics.trialStarted(TrialStarted(trialPlanName: "pro"))
  }
}
