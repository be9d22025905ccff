//! The adapter from the generated tracker to the `segment` crate: one `Sink` implementation.

use std::future::Future;
use std::pin::Pin;

use segment::message::{Message, Track, User};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::tracking;

/// Sends every tracked message with a `segment` client.
#[derive(Clone, Debug)]
pub struct SegmentSink<C> {
    client: C,
    write_key: String,
}

impl<C> SegmentSink<C> {
    /// A sink sending with `client` and the source's write key.
    pub fn new(client: C, write_key: impl Into<String>) -> Self {
        Self {
            client,
            write_key: write_key.into(),
        }
    }
}

impl<C: segment::Client + Clone + Send + Sync + 'static> tracking::Sink for SegmentSink<C> {
    type Output = Pin<Box<dyn Future<Output = segment::Result<()>> + Send>>;

    fn send(&self, message: tracking::Message) -> Self::Output {
        let (client, write_key) = (self.client.clone(), self.write_key.clone());
        Box::pin(async move { client.send(write_key, Message::Track(track(message))).await })
    }
}

/// The `segment` crate's form of a generated message.
fn track(message: tracking::Message) -> Track {
    let user = match (message.identity.user_id(), message.identity.anonymous_id()) {
        (Some(user_id), Some(anonymous_id)) => User::Both {
            user_id: user_id.to_owned(),
            anonymous_id: anonymous_id.to_owned(),
        },
        (Some(user_id), None) => User::UserId {
            user_id: user_id.to_owned(),
        },
        (None, anonymous_id) => User::AnonymousId {
            anonymous_id: anonymous_id.unwrap_or_default().to_owned(),
        },
    };
    Track {
        user,
        event: message.event.to_owned(),
        properties: message.properties,
        timestamp: message
            .timestamp
            .and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok()),
        context: Some(serde_json::Value::Object(message.context)),
        ..Track::default()
    }
}
