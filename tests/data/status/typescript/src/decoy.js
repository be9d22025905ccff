// Functions named like the tracker's, in a file that never imports the generated module.
const store = {
  subscriptionStarted() {},
  track() {},
  identify() {},
};

export function decoy() {
  store.subscriptionStarted();
  store.track("Subscription Started", {});
  store.identify("u-1", { email: "u@example.com" });
}
