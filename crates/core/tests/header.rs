//! What the header shows: the connection form folds into it while a connection is in use, and the
//! status dot says connected, connecting or not.

mod support;

use lpchat_core::{Command, Intent, Presence};
use support::*;

#[test]
fn the_form_folds_away_while_a_connection_is_in_use_and_comes_back_after_disconnect() {
    let mut h = Harness::new();
    let v = h.view();
    assert!(!v.folded && v.can_connect, "before Connect: the form");
    assert_eq!(v.presence, Presence::Offline);
    h.connect();
    let v = h.view();
    assert!(v.folded, "connecting: folded into the header");
    assert_eq!(v.presence, Presence::Connecting);
    let mut h = Harness::open_conversation();
    let v = h.view();
    assert!(v.folded && !v.can_connect);
    assert_eq!(v.presence, Presence::Online);
    h.closed(1006); // lost: waiting to try again, still folded
    let v = h.view();
    assert!(v.folded && v.can_reconnect);
    assert_eq!(v.presence, Presence::Connecting);
    h.user(Intent::Disconnect);
    let v = h.view();
    assert!(
        !v.folded && v.can_connect,
        "after Disconnect: the form again"
    );
    assert_eq!(v.presence, Presence::Offline);
}

#[test]
fn once_lpchat_gives_up_the_form_is_back_with_reconnect() {
    let mut h = Harness::open_conversation();
    h.closed(1006);
    for _ in 0..12 {
        // Wait for the next attempt (virtual time), and fail it.
        let mut opened = false;
        for _ in 0..100 {
            match h.next_command() {
                Some(Command::OpenSocket { conn, .. }) => {
                    h.conn = Some(conn);
                    opened = true;
                    break;
                }
                Some(_) => {}
                None => h.advance_to_next_timeout(),
            }
        }
        assert!(opened, "an attempt to reconnect");
        assert!(h.view().folded, "trying again: still folded");
        h.closed(1006);
    }
    let v = h.view();
    assert!(v.status.starts_with("Disconnected"), "{}", v.status);
    assert!(!v.folded && v.can_connect && v.can_reconnect);
    assert_eq!(v.presence, Presence::Offline);
}
