use super::*;

fn effects() -> Effects {
    Effects::new(Timing::default(), "lpchat-test".into())
}

fn sent_text(fx: &mut Effects) -> String {
    match fx.pop() {
        Some(Command::Send { text, .. }) => text,
        other => panic!("expected a Send, got {other:?}"),
    }
}

#[test]
fn ids_are_unique_across_sockets_requests_and_messages() {
    let mut fx = effects();
    let conn = fx.conn_id();
    let http = fx.http_id();
    let ext = fx.external_id();
    assert_eq!((conn, http), (ConnId(1), HttpId(2)));
    assert_eq!(ext, "lpchat-test-3");
}

#[test]
fn the_clock_never_goes_back() {
    let mut fx = effects();
    fx.advance(Millis(500));
    fx.advance(Millis(200));
    assert_eq!(fx.now(), Millis(500));
    assert_eq!(fx.after(Duration::from_millis(10)), Millis(510));
}

#[test]
fn a_request_goes_out_once_and_its_answer_matches_once() {
    let mut fx = effects();
    let conn = fx.conn_id();
    let id = fx.request(conn, Purpose::Keepalive, RequestPayload::GetClock {});
    assert!(sent_text(&mut fx).contains("GetClock"));
    assert_eq!(fx.pop(), None);
    assert_eq!(fx.in_flight(), 1);
    let answer = fx.answered(&id, 200).map(|s| s.purpose);
    assert_eq!(answer, Some(Purpose::Keepalive));
    assert!(
        fx.answered(&id, 200).is_none(),
        "a second answer matches nothing"
    );
    assert_eq!(
        fx.frame_views().len(),
        1,
        "the request is in the inspector's log"
    );
}

#[test]
fn a_429_holds_the_request_then_sends_it_again_under_a_new_id() {
    let mut fx = effects();
    let conn = fx.conn_id();
    let id = fx.request(conn, Purpose::Signal, RequestPayload::GetClock {});
    let _ = fx.pop();
    assert!(fx.answered(&id, 429).is_none(), "held, not answered");
    assert!(fx.holding());
    let release = fx.next_deadline().expect("a release time");
    assert!(!fx.throttle_due());
    fx.advance(release);
    assert!(fx.throttle_due());
    let mut resent = Vec::new();
    fx.resend_throttled(conn, |purpose, id| resent.push((purpose, id)));
    assert_eq!(resent.len(), 1);
    assert_eq!(resent[0].0, Purpose::Signal);
    assert_ne!(resent[0].1, id);
    let _ = sent_text(&mut fx);
}

#[test]
fn after_its_share_of_429s_the_answer_stands() {
    let mut fx = effects();
    let conn = fx.conn_id();
    let mut id = fx.request(conn, Purpose::Signal, RequestPayload::GetClock {});
    for _ in 0..MAX_THROTTLED {
        assert!(fx.answered(&id, 429).is_none());
        fx.advance(fx.next_deadline().expect("a release time"));
        fx.resend_throttled(conn, |_, new| id = new);
    }
    assert_eq!(
        fx.answered(&id, 429).map(|s| s.throttled),
        Some(MAX_THROTTLED)
    );
}

#[test]
fn a_lost_socket_loses_what_is_in_flight_and_what_waits() {
    let mut fx = effects();
    let conn = fx.conn_id();
    let held = fx.request(conn, Purpose::Rating, RequestPayload::GetClock {});
    fx.request(conn, Purpose::Keepalive, RequestPayload::GetClock {});
    assert!(fx.answered(&held, 429).is_none());
    assert_eq!(
        fx.lose_requests(),
        vec![Purpose::Keepalive, Purpose::Rating]
    );
    assert_eq!((fx.in_flight(), fx.next_deadline()), (0, None));
}

#[test]
fn deadlines_expire_in_order_and_only_when_due() {
    let mut fx = effects();
    let conn = fx.conn_id();
    let late = fx.after(Duration::from_secs(20));
    let soon = fx.after(Duration::from_secs(5));
    fx.request_until(
        conn,
        Purpose::Rating,
        RequestPayload::GetClock {},
        Vec::new(),
        late,
    );
    fx.request_until(
        conn,
        Purpose::Init,
        RequestPayload::GetClock {},
        Vec::new(),
        soon,
    );
    assert_eq!(fx.next_deadline(), Some(soon));
    assert!(fx.expired().is_empty());
    fx.advance(late);
    assert_eq!(fx.expired(), vec![Purpose::Init, Purpose::Rating]);
}

#[test]
fn the_timeline_is_bounded_and_marks_are_commands() {
    let mut fx = effects();
    for _ in 0..MAX_TIMELINE + 3 {
        fx.mark("step");
    }
    assert_eq!(fx.timeline().len(), MAX_TIMELINE);
    assert_eq!(fx.pop(), Some(Command::Mark { name: "step" }));
    fx.clear_timeline();
    assert!(fx.timeline().is_empty());
}
