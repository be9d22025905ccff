use crate::tracking::{GroupTraits, IdentifyTraits, Identity, Message, Sink, Tracker};

pub fn sign_in<S: Sink>(tracker: &Tracker<S>, user_id: &str, email: &str) {
    // tracker.group(..) in a comment is not a call.
    let traits = IdentifyTraits {
        email: Some(email.to_owned()),
        ..IdentifyTraits::new()
    };
    tracker.identify(Identity::user(user_id), traits);
}

pub fn join_team<S: Sink>(tracker: &Tracker<S>, user_id: &str, team_id: &str) {
    let traits = GroupTraits::new();
    tracker.send(Message::group(Identity::user(user_id), team_id, &traits));
}
