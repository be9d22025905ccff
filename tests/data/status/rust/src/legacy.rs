use crate::tracking::*;

pub fn legacy<S: Sink>(tracker: &Tracker<S>) {
    // An event of the catalog that this backend does not select.
    tracker.signed_in(Identity::user("u-1"), SignedIn::new());
    // An event no longer in the catalog.
    tracker.track(Identity::user("u-1"), CouponApplied::new("SPRING"));
}
