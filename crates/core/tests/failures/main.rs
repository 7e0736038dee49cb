//! Every failure of the flow ends in a plain-words alert, a usable Connect button, and no stray IO.

#[path = "../support/mod.rs"]
mod support;

use lpchat_core::{Delivery, HttpMethod, Input, Intent};
use serde_json::json;
use std::time::Duration;
use support::*;

mod connecting;
mod conversing;

fn alert(h: &Harness) -> String {
    h.view().alert.expect("an alert is shown")
}
