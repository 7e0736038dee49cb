use super::*;

#[test]
fn an_unknown_connector_is_looked_up_while_authorize_runs() {
    let mut s = SignIn::default();
    assert_eq!(s.begin(true), (true, Next::Authorize));
    s.looking(HttpId(7));
    assert!(s.is_lookup(HttpId(7)));
    assert_eq!(s.authorized("ext".into()), Next::AwaitLookup);
    assert_eq!(s.lookup_done(Ok(Some("42".into()))), Some(Next::Exchange));
    assert_eq!(s.connector(), Some("42"));
    assert_eq!(s.to_store(), (Some("42".into()), false));
}

#[test]
fn a_lookup_that_answers_first_is_used_when_authorize_does() {
    let mut s = SignIn::default();
    s.begin(true);
    s.looking(HttpId(1));
    assert_eq!(s.lookup_done(Ok(Some("9".into()))), None);
    assert_eq!(s.authorized("ext".into()), Next::Exchange);
    assert_eq!(s.connector(), Some("9"));
}

#[test]
fn without_a_connector_the_fallback_is_signup_and_is_remembered() {
    let mut s = SignIn::default();
    s.begin(true);
    s.looking(HttpId(1));
    s.authorized("ext".into());
    assert_eq!(s.lookup_done(Ok(None)), Some(Next::Signup));
    assert_eq!(s.lack(), Some(Lack::NoConnector));
    assert_eq!(s.to_store(), (None, true));
    let mut later = SignIn::default();
    later.restore(None, true, None);
    assert_eq!(later.begin(true), (false, Next::Signup));
}

#[test]
fn no_config_host_means_signup_straight_away() {
    let mut s = SignIn::default();
    assert_eq!(s.begin(false), (false, Next::Signup));
    assert_eq!(s.lack(), Some(Lack::NoConfigHost));
}

#[test]
fn a_refused_authorize_falls_back_unless_the_connector_was_given() {
    let mut s = SignIn::default();
    s.begin(true);
    s.looking(HttpId(1));
    assert_eq!(s.authorize_refused(403), Some(Next::Signup));
    assert_eq!(s.lack(), Some(Lack::NotEnabled(403)));

    let mut given = SignIn::default();
    given.give(Some("5".into()));
    assert_eq!(given.begin(true), (false, Next::Authorize));
    assert_eq!(given.authorize_refused(403), None);
    assert_eq!(given.to_store(), (Some("5".into()), false));
}

#[test]
fn a_refused_refresh_starts_over_as_a_new_consumer() {
    let mut s = SignIn::default();
    s.restore(Some("42".into()), false, Some("old".into()));
    assert_eq!(s.begin(true), (false, Next::Authorize));
    assert!(s.refreshing());
    assert_eq!(s.authorize_refused(401), Some(Next::Authorize));
    assert!(!s.refreshing());
    assert_eq!(s.external(), None);
    assert_eq!(s.authorized("new".into()), Next::Exchange);
    assert_eq!(s.connector(), Some("42"));
}

#[test]
fn a_stale_cached_connector_gives_way_to_signup_but_a_given_one_fails() {
    let mut s = SignIn::default();
    s.restore(Some("42".into()), false, None);
    s.begin(true);
    s.authorized("ext".into());
    assert_eq!(s.exchange_refused(404), Some(Next::Signup));
    let mut given = SignIn::default();
    given.give(Some("42".into()));
    given.begin(true);
    given.authorized("ext".into());
    assert_eq!(given.exchange_refused(404), None);
}

#[test]
fn a_given_connector_wins_over_the_record_and_forget_keeps_it() {
    let mut s = SignIn::default();
    s.give(Some("5".into()));
    s.restore(Some("42".into()), false, Some("ext".into()));
    assert_eq!(s.connector(), Some("5"));
    s.forget();
    assert_eq!(s.connector(), Some("5"));
    s.give(None);
    assert_eq!(s.connector(), None);
}
