use crate::tracking;

pub fn trial<S: tracking::Sink>(tracker: &tracking::Tracker<S>) {
    tracker.trial_started(
        tracking::Identity::user("u-1"),
        tracking::TrialStarted::new(),
    );
}
