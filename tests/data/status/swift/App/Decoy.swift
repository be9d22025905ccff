// Functions named like the tracking client's, in a file that never imports Tracking.
struct Store {
  func subscriptionStarted() {}
  func track(name: String) {}
  func identify(userId: String) {}
  func group(groupId: String) {}
}

func decoy(_ store: Store) {
  store.subscriptionStarted()
  store.track(name: "Subscription Started")
  store.identify(userId: "u-1")
  store.group(groupId: "g-1")
}
