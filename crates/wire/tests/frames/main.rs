//! The real frames from LivePerson's documentation (testdata/frames/, copied from the protocol notes)
//! that the walking skeleton uses decode into the expected typed values; requests round-trip.

use lpchat_wire::*;
use serde_json::{json, Value};

mod answers;
mod notifications;
mod requests;

fn frame(name: &str) -> String {
    let path = format!("{}/testdata/frames/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn request(name: &str) -> Request {
    serde_json::from_str(&frame(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn response(name: &str) -> Response {
    match decode_inbound(&frame(name)).unwrap_or_else(|e| panic!("{name}: {e}")) {
        Inbound::Response(r) => r,
        other => panic!("{name}: expected a response, got {other:?}"),
    }
}

fn notification(name: &str) -> Notification {
    match decode_inbound(&frame(name)).unwrap_or_else(|e| panic!("{name}: {e}")) {
        Inbound::Notification(n) => n,
        other => panic!("{name}: expected a notification, got {other:?}"),
    }
}
