// Functions named like the tracker's, in a file that never imports the generated module.
const store = {
  subscriptionStarted() {},
  track() {},
};

export function decoy() {
  store.subscriptionStarted();
  store.track("Subscription Started", {});
}
