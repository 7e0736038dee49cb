use super::*;

fn timing() -> Timing {
    Timing::default()
}

#[test]
fn ready_keeps_the_socket_alive_once_per_interval() {
    let mut link = Link::new(1);
    let conn = ConnId(7);
    link.go(LinkState::Initializing(conn));
    assert_eq!((link.conn(), link.ready_conn()), (Some(conn), None));
    link.ready(conn, Millis(0), &timing());
    assert!(link.established());
    let at = link.next_deadline(Millis(0)).expect("a keepalive");
    assert_eq!(at, Millis(0).after(timing().keepalive_interval));
    assert_eq!(link.keepalive_due(Millis(at.0 - 1)), None);
    assert_eq!(link.keepalive_due(at), Some(conn));
    assert_eq!(link.keepalive_due(at), None, "once");
    link.keepalive_answered(at, &timing());
    assert!(link.next_deadline(at).is_some_and(|n| n > at));
    link.socket_gone();
    assert_eq!(link.next_deadline(at), None);
}

#[test]
fn a_countdown_ticks_every_whole_second() {
    let mut link = Link::new(1);
    link.go(LinkState::Backoff(Millis(2_500)));
    assert_eq!(link.next_deadline(Millis(0)), Some(Millis(500)));
    assert_eq!(link.next_deadline(Millis(500)), Some(Millis(1_500)));
    assert_eq!(link.next_deadline(Millis(2_400)), Some(Millis(2_500)));
}

#[test]
fn offline_waits_for_the_network_instead_of_the_backoff() {
    let mut link = Link::new(1);
    assert!(!link.network(false));
    assert!(link.reconnect_later(Millis(0), &timing()));
    assert_eq!(link.state(), &LinkState::Offline);
    assert!(!link.shown(), "showing the page does not help offline");
    assert!(link.network(true), "back online: at once");
}

#[test]
fn the_backoff_is_spent_after_its_attempts_and_reconnect_resets_it() {
    let mut link = Link::new(1);
    let t = timing();
    for _ in 0..t.reconnect_attempts {
        assert!(link.reconnect_later(Millis(0), &t));
        assert!(matches!(link.state(), LinkState::Backoff(_)));
        assert!(link.shown(), "a shown page reconnects without waiting");
    }
    assert!(!link.reconnect_later(Millis(0), &t));
    link.problem("the server did not answer".into());
    assert_eq!(link.give_up(), "the server did not answer");
    assert!(link.can_connect());
    assert!(link.user_reconnects());
    assert!(link.established(), "a reconnect continues the conversation");
    assert!(link.reconnect_later(Millis(0), &t), "a fresh backoff");
}

#[test]
fn a_refused_identity_is_renewed_at_once_then_after_the_backoff() {
    let mut link = Link::new(1);
    let t = timing();
    assert_eq!(link.renew(Millis(0), &t), Renewal::Now);
    assert_eq!(link.renew(Millis(0), &t), Renewal::Later);
    assert!(matches!(link.state(), LinkState::Backoff(_)));
    while link.renew(Millis(0), &t) == Renewal::Later {}
    assert_eq!(link.renew(Millis(0), &t), Renewal::Spent);
}

#[test]
fn connect_and_disconnect_say_whose_doing_a_close_is() {
    let mut link = Link::new(1);
    link.ready(ConnId(1), Millis(0), &timing());
    link.user_disconnects();
    assert!(link.user_disconnected() && !link.established());
    link.user_connects();
    assert!(!link.user_disconnected());
    assert!(!link.user_reconnects(), "nothing to reconnect while ready");
}
