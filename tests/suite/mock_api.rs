//! A loopback stand-in for Segment's Public API: a std-only HTTP/1.1 server on 127.0.0.1 that
//! answers each request with what a handler decides (scripted replies, or a fake tracking plan
//! that keeps state) and records every request: method, path, query, headers and body.
//!
//! The shapes it serves are those of the Public API's documentation: `{data: {trackingPlan}}`,
//! `{data: {rules, pagination: {current, next}}}`, `PATCH .../rules` with `{rules: [...]}`,
//! `DELETE .../rules` with the rules in the query.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Decoded `name=value` pairs, in order.
    pub query: Vec<(String, String)>,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// `GET /path`, for assertions on the sequence of calls.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// What the server does with a request.
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Accept and never answer: a server too slow for any timeout.
    Hang,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Self {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    pub fn text(status: u16, body: &str) -> Self {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: body.to_owned(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// The Public API's error envelope.
    pub fn error(status: u16, message: &str) -> Self {
        Reply::json(
            status,
            json!({ "errors": [{ "type": "RequestError", "message": message }] }),
        )
    }
}

type Handler = Box<dyn FnMut(&Request) -> Reply + Send>;

pub struct MockApi {
    url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl MockApi {
    /// Serves every request with `handler`.
    pub fn start(handler: impl FnMut(&Request) -> Reply + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let requests = Arc::clone(&requests);
            let stop = Arc::clone(&stop);
            let mut handler: Handler = Box::new(handler);
            std::thread::spawn(move || serve(&listener, &mut handler, &requests, &stop))
        };
        Self {
            url,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    /// Answers the requests with `replies`, in order; a request beyond them gets a 599 that
    /// names it, so that the test fails saying why.
    pub fn scripted(replies: Vec<Reply>) -> Self {
        let mut replies = replies.into_iter();
        Self::start(move |request| {
            replies.next().unwrap_or_else(|| {
                Reply::text(599, &format!("no scripted reply for {}", request.line()))
            })
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }

    /// `GET /path` of every request so far.
    pub fn lines(&self) -> Vec<String> {
        self.requests().iter().map(Request::line).collect()
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the server from `accept`.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    listener: &TcpListener,
    handler: &mut Handler,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
) {
    // Connections left unanswered stay open until the server stops.
    let mut hanging = Vec::new();
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let Some(request) = read_request(&mut stream) else {
            continue;
        };
        requests.lock().expect("requests").push(request.clone());
        match handler(&request) {
            Reply::Hang => hanging.push(stream),
            Reply::Respond {
                status,
                headers,
                body,
            } => {
                let mut head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                    reason(status),
                    body.len()
                );
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
                let _ = stream.flush();
                let _ = stream.shutdown(Shutdown::Write);
            }
        }
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    Some(Request {
        method,
        path: path.to_owned(),
        query: query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// A tracking plan that behaves as Protocols does: rules served in pages of `page_size` with
/// opaque cursors, upserted by PATCH, removed by DELETE, and every call checked for the token.
pub struct FakePlan {
    pub id: String,
    pub name: String,
    pub token: String,
    pub page_size: usize,
    /// `RuleV1` objects, keyed by type, key and version.
    pub rules: BTreeMap<(String, String, String), Value>,
}

impl FakePlan {
    pub fn new(id: &str, token: &str, rules: Vec<Value>) -> Self {
        let mut plan = Self {
            id: id.to_owned(),
            name: "Acme Web".to_owned(),
            token: token.to_owned(),
            page_size: 200,
            rules: BTreeMap::new(),
        };
        for rule in rules {
            plan.upsert(rule);
        }
        plan
    }

    fn upsert(&mut self, mut rule: Value) {
        let id = rule_id(&rule);
        // Protocols adds timestamps to what it stores.
        rule["createdAt"] = json!("2024-05-01T12:00:00.000Z");
        rule["updatedAt"] = json!("2024-05-02T12:00:00.000Z");
        rule["deprecatedAt"] = json!("0001-01-01T00:00:00.000Z");
        self.rules.insert(id, rule);
    }

    /// Starts a server for this plan; the state stays shared with the returned handle.
    pub fn serve(self) -> (MockApi, Arc<Mutex<FakePlan>>) {
        let state = Arc::new(Mutex::new(self));
        let shared = Arc::clone(&state);
        let api = MockApi::start(move |request| shared.lock().expect("plan").answer(request));
        (api, state)
    }

    fn answer(&mut self, request: &Request) -> Reply {
        if request.header("authorization") != Some(&format!("Bearer {}", self.token)) {
            return Reply::error(401, "Unauthorized");
        }
        let plan_path = format!("/tracking-plans/{}", self.id);
        let rules_path = format!("{plan_path}/rules");
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", p) if p == plan_path => Reply::json(
                200,
                json!({"data": {"trackingPlan": {
                    "id": self.id, "name": self.name, "slug": "acme-web",
                    "description": "The web app's events.", "type": "LIVE",
                    "createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-05-02T12:00:00.000Z"
                }}}),
            ),
            ("GET", p) if p == rules_path => {
                let start: usize = request
                    .query("pagination[cursor]")
                    .and_then(|c| c.strip_prefix("page-"))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let all: Vec<&Value> = self.rules.values().collect();
                let end = (start + self.page_size).min(all.len());
                let next = (end < all.len()).then(|| format!("page-{end}"));
                Reply::json(
                    200,
                    json!({"data": {
                        "rules": all[start..end],
                        "pagination": {"current": format!("page-{start}"), "next": next, "totalEntries": all.len()}
                    }}),
                )
            }
            ("PATCH", p) if p == rules_path => {
                let body = request.json();
                let rules = body["rules"].as_array().cloned().unwrap_or_default();
                for rule in &rules {
                    self.upsert(rule.clone());
                }
                Reply::json(200, json!({"data": {"rules": rules}}))
            }
            ("DELETE", p) if p == rules_path => {
                let mut removed = 0;
                for i in 0.. {
                    let Some(rule_type) = request.query(&format!("rules[{i}][type]")) else {
                        break;
                    };
                    let key = request.query(&format!("rules[{i}][key]")).unwrap_or("");
                    let version = request.query(&format!("rules[{i}][version]")).unwrap_or("");
                    let id = (rule_type.to_owned(), key.to_owned(), version.to_owned());
                    removed += usize::from(self.rules.remove(&id).is_some());
                }
                Reply::json(
                    200,
                    json!({"data": {"status": "SUCCESS", "removed": removed}}),
                )
            }
            _ => Reply::error(404, "Resource not found"),
        }
    }
}

fn rule_id(rule: &Value) -> (String, String, String) {
    (
        rule["type"].as_str().unwrap_or_default().to_owned(),
        rule["key"].as_str().unwrap_or_default().to_owned(),
        rule["version"].to_string(),
    )
}
