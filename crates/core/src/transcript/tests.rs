use super::*;

fn texts(t: &Transcript) -> Vec<&str> {
    t.entries.iter().map(|e| e.text.as_str()).collect()
}

#[test]
fn a_replayed_event_is_shown_once() {
    let mut t = Transcript::default();
    assert!(t
        .remote(Author::Agent, "hi".into(), "d", Some(0), None, None)
        .is_some());
    assert!(t
        .remote(Author::Agent, "hi".into(), "d", Some(0), None, None)
        .is_none());
    assert!(t
        .remote(Author::Agent, "hi".into(), "other", Some(0), None, None)
        .is_some());
    assert_eq!(t.entries.len(), 2);
}

#[test]
fn an_acknowledged_message_takes_its_place_in_the_servers_order() {
    let mut t = Transcript::default();
    let k = t.local("mine".into());
    t.remote(Author::Agent, "five".into(), "d", Some(5), None, None);
    t.remote(Author::Agent, "six".into(), "d", Some(6), None, None);
    assert_eq!(
        texts(&t),
        ["five", "six", "mine"],
        "pending stays at the bottom"
    );
    t.confirm(k, "d", Some(7), None);
    assert_eq!(texts(&t), ["five", "six", "mine"]);
    let k2 = t.local("second".into());
    t.remote(Author::Agent, "nine".into(), "d", Some(9), None, None);
    t.confirm(k2, "d", Some(8), None);
    assert_eq!(texts(&t), ["five", "six", "mine", "second", "nine"]);
    assert!(
        t.remote(Author::Consumer, "second".into(), "d", Some(8), None, None)
            .is_none(),
        "its echo is a duplicate"
    );
}

#[test]
fn late_history_goes_above_newer_entries() {
    let mut t = Transcript::default();
    t.remote(Author::Agent, "three".into(), "d", Some(3), None, None);
    t.remote(Author::Agent, "one".into(), "d", Some(1), None, None);
    t.system("note");
    assert_eq!(texts(&t), ["one", "three", "note"]);
}

#[test]
fn failed_and_retried_messages_stay_unconfirmed_at_the_bottom() {
    let mut t = Transcript::default();
    let k = t.local("a".into());
    t.set_failed(k);
    t.remote(Author::Agent, "b".into(), "d", Some(0), None, None);
    assert_eq!(texts(&t), ["b", "a"]);
    let k2 = t.local("c".into());
    t.set_pending(k);
    assert_eq!(
        texts(&t),
        ["b", "c", "a"],
        "a retried message goes to the back of the queue"
    );
    t.confirm(k2, "d", Some(1), None);
    assert_eq!(t.entries[1].delivery, Some(Delivery::Sent));
}
