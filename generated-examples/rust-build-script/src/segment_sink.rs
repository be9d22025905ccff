//! The adapter from the generated tracker to the `segment` crate: one `Sink` implementation.

use std::future::Future;
use std::pin::Pin;

use segment::message::{Group, Identify, Message, Page, Screen, Track, User};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::tracking::{self, Call};

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
        Box::pin(async move { client.send(write_key, to_segment(message)).await })
    }
}

/// The `segment` crate's form of a generated message: the same call, with the same fields.
pub fn to_segment(message: tracking::Message) -> Message {
    let user = user(&message.identity);
    let timestamp = message
        .timestamp
        .and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok());
    let context = Some(Value::Object(message.context));
    let properties = message.properties;
    match message.call {
        Call::Track { event } => Message::Track(Track {
            user,
            event,
            properties,
            timestamp,
            context,
            ..Track::default()
        }),
        Call::Page { name, category } => Message::Page(Page {
            user,
            // The crate always sends a name; a page whose name was not given gets an empty one.
            name: name.unwrap_or_default(),
            properties,
            timestamp,
            context,
            extra: category_field(category),
            ..Page::default()
        }),
        Call::Screen { name, category } => Message::Screen(Screen {
            user,
            name: name.unwrap_or_default(),
            properties,
            timestamp,
            context,
            extra: category_field(category),
            ..Screen::default()
        }),
        Call::Identify => Message::Identify(Identify {
            user,
            traits: properties,
            timestamp,
            context,
            ..Identify::default()
        }),
        Call::Group { group_id } => Message::Group(Group {
            user,
            group_id,
            traits: properties,
            timestamp,
            context,
            ..Group::default()
        }),
    }
}

fn user(identity: &tracking::Identity) -> User {
    match (identity.user_id(), identity.anonymous_id()) {
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
    }
}

/// The crate has no `category` field: it goes at the top level through `extra`.
fn category_field(category: Option<String>) -> Map<String, Value> {
    category
        .map(|c| Map::from_iter([("category".to_owned(), Value::String(c))]))
        .unwrap_or_default()
}
