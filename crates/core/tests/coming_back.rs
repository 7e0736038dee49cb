//! Coming back from the bare address: the account last used in this browser is remembered, and a
//! page load without `?account=` continues its open conversation as `?account=` would; the address
//! is made to name the account so it can be bookmarked.

mod support;

use lpchat_core::{Input, Intent};
use support::*;

fn bare_address(h: &mut Harness) {
    h.user(Intent::Resume {
        account: None,
        csds: None,
    });
}

#[test]
fn connecting_names_the_account_in_the_address_and_remembers_it() {
    let h = Harness::open_conversation();
    assert_eq!(
        h.address,
        Some((Some(ACCOUNT.into()), Some(CSDS.into()))),
        "the address names the account and its Domain API"
    );
    assert_eq!(
        h.storage.get("lpchat.v1.last").map(String::as_str),
        Some(format!("{ACCOUNT} {CSDS}").as_str()),
        "remembered: the account and its Domain API"
    );
}

#[test]
fn the_bare_address_continues_the_last_account_in_three_round_trips() {
    let before = Harness::open_conversation();
    let mut h = Harness::with_storage(before.storage.clone());
    bare_address(&mut h);
    // Round trip 1: the socket (no Domain API, no signup), as with `?account=`.
    let (conn, url) = h.expect_open();
    assert_eq!(
        url,
        "wss://va.msg.test/ws_api/account/12345678/messaging/consumer?v=3"
    );
    h.no_more_commands();
    assert_eq!(
        h.address,
        Some((Some(ACCOUNT.into()), Some(CSDS.into()))),
        "the address is made bookmarkable"
    );
    assert_eq!(h.view().account, ACCOUNT, "the form shows the account");
    assert_eq!(h.view().csds, CSDS);
    h.input(Input::WsOpened { conn });
    // Round trip 2: InitConnection with the stored token.
    let (init, frame) = h.expect_request("InitConnection");
    assert_eq!(frame["headers"][1]["jwt"], jwt());
    h.respond(&init, 200, None);
    // Round trip 3: both subscriptions at once, the open conversation's history from the start.
    let _ = h.expect_request("cqm.SubscribeExConversations");
    let (_, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(frame["body"]["dialogId"], CONV);
    h.no_more_commands();
}

#[test]
fn the_bare_address_with_nothing_remembered_waits_for_the_user() {
    let mut h = Harness::new();
    bare_address(&mut h);
    h.no_more_commands();
    assert_eq!(h.view().status, "Not connected");
    assert!(h.view().can_connect);
    assert_eq!(h.address, None, "the address is left alone");
}

#[test]
fn a_remembered_account_without_an_open_conversation_is_not_connected() {
    let before = Harness::ready(); // connected, no conversation
    let mut h = Harness::with_storage(before.storage.clone());
    bare_address(&mut h);
    h.no_more_commands();
    assert!(
        h.view().can_connect,
        "nothing to continue: the user decides"
    );
}

#[test]
fn forget_me_forgets_the_last_account_and_takes_it_out_of_the_address() {
    let mut h = Harness::open_conversation();
    h.user(Intent::Forget {
        account: ACCOUNT.into(),
    });
    while h.next_command().is_some() {}
    assert!(
        !h.storage.contains_key("lpchat.v1.last"),
        "the bare address no longer continues it"
    );
    assert_eq!(h.address, Some((None, None)));
}
