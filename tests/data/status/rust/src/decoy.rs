//! Functions named like the tracker's, in a file that never names the generated module.

pub struct Store;

impl Store {
    pub fn subscription_started(&self) {}
    pub fn track(&self, _name: &str) {}
    pub fn identify(&self, _user_id: &str) {}
}

pub fn decoy(store: &Store) {
    store.subscription_started();
    store.track("Subscription Started");
    store.identify("u-1");
}
