use super::*;

fn open(id: &str) -> Conversation {
    let mut c = Conversation::default();
    c.open(id.into());
    c
}

#[test]
fn a_reconnect_resumes_after_the_last_sequence_seen() {
    let mut c = open("c1");
    c.note_sequence(Some(4));
    c.note_sequence(Some(2));
    c.go(Phase::Closing("c1".into()));
    let resume = c.reconnected(false).expect("resumed");
    assert_eq!(
        resume,
        Resume {
            conversation: "c1".into(),
            dialog: "c1".into(),
            from_seq: 5
        }
    );
    assert!(
        c.is_open(),
        "a close that was not confirmed is asked again by the user"
    );
    assert!(!c.awaiting_replay());
}

#[test]
fn uncertain_messages_wait_for_the_replay_until_its_grace_ends() {
    let mut c = open("c1");
    let _ = c.reconnected(true);
    assert!(c.awaiting_replay());
    assert_eq!(
        c.next_deadline(),
        None,
        "no deadline before the subscription is acknowledged"
    );
    c.replay_by(Millis(100));
    assert!(!c.replay_overdue(Millis(99)));
    assert!(c.replay_overdue(Millis(100)));
    assert!(c.replay_done());
    assert!(!c.replay_done(), "once");
}

#[test]
fn without_a_conversation_a_fresh_identity_needs_no_snapshot() {
    let mut c = Conversation::default();
    c.fresh_identity(true);
    assert_eq!(c.reconnected(false), None);
    assert_eq!(c.phase(), &Phase::None);
    c.forget();
    assert_eq!(c.reconnected(false), None);
    assert!(c.looking(), "anyone else looks for the snapshot");
}

#[test]
fn a_missed_snapshot_means_no_conversation_unless_a_frame_went_unread() {
    let mut c = Conversation::default();
    let _ = c.reconnected(false);
    c.snapshot_by(Millis(50));
    assert_eq!(c.snapshot_missed(Millis(49)), None);
    assert_eq!(c.snapshot_missed(Millis(50)), Some(Missed::NoConversation));
}

#[test]
fn a_missed_snapshot_after_an_unreadable_frame_is_looked_for_again_then_unknowable() {
    let mut c = Conversation::default();
    let _ = c.reconnected(false);
    for retry in 1..=2 {
        c.frame_unread();
        c.snapshot_by(Millis(50));
        assert_eq!(c.next_deadline(), Some(Millis(50)));
        assert_eq!(c.snapshot_missed(Millis(49)), None);
        assert_eq!(c.snapshot_missed(Millis(50)), Some(Missed::LookAgain));
        assert!(matches!(c.phase(), Phase::Looking(s) if s.retries == retry && !s.unread_frame));
        assert_eq!(
            c.next_deadline(),
            None,
            "until the new subscription is answered"
        );
    }
    c.frame_unread();
    c.snapshot_by(Millis(90));
    assert_eq!(c.snapshot_missed(Millis(90)), Some(Missed::Unknowable));
    assert_eq!(c.phase(), &Phase::Unknown);
    assert_eq!(c.snapshot_missed(Millis(90)), None, "said once");
}

#[test]
fn the_survey_is_followed_from_its_start_and_closing_ends_it() {
    let mut c = open("c1");
    c.note_sequence(Some(7));
    c.go(Phase::Closing("c1".into()));
    c.close_by(Millis(10));
    assert_eq!(c.survey_started("s1".into()).as_deref(), Some("c1"));
    assert!(c.follows_survey("s1"));
    assert_eq!(c.open_dialog().as_deref(), Some("s1"));
    assert_eq!(c.next_deadline(), None, "the close led to the survey");
    assert_eq!(
        c.reconnected(false).map(|r| (r.dialog, r.from_seq)),
        Some(("s1".into(), 0))
    );
    assert_eq!(
        c.closed(Some("other")),
        None,
        "another conversation's close"
    );
    assert_eq!(c.closed(None), Some(("c1".into(), true)));
    assert_eq!((c.phase(), c.survey()), (&Phase::Closed, None));
    assert_eq!(c.closed(None), None, "once");
}

#[test]
fn an_accepted_close_is_overdue_once() {
    let mut c = open("c1");
    c.close_by(Millis(10));
    assert_eq!(c.next_deadline(), None, "only while closing");
    c.go(Phase::Closing("c1".into()));
    c.close_by(Millis(10));
    assert!(!c.close_overdue(Millis(9)));
    assert!(c.close_overdue(Millis(10)));
    assert!(!c.close_overdue(Millis(11)));
}

#[test]
fn an_older_change_than_one_applied_is_stale() {
    let mut c = Conversation::default();
    assert!(!c.stale("c1", Some(5)));
    assert!(c.stale("c1", Some(4)));
    assert!(!c.stale("c1", Some(5)), "the same one again is applied");
    assert!(!c.stale("c2", Some(1)), "per conversation");
    assert!(!c.stale("c1", None), "an unstamped change is applied");
}
