//! Functions named like the tracker's, in a file that never names the generated module.

pub struct Store;

impl Store {
    pub fn subscription_started(&self) {}
    pub fn track(&self, _name: &str) {}
}

pub fn decoy(store: &Store) {
    store.subscription_started();
    store.track("Subscription Started");
}
