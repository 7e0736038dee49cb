use super::*;

#[test]
fn https_origins_are_accepted_and_normalised() {
    let o = Origin::parse(" HTTPS://API.LivePerson.net/ ").unwrap();
    assert_eq!(o.as_url(), "https://api.liveperson.net");
}

#[test]
fn plain_http_is_only_for_loopback() {
    assert!(Origin::parse("http://127.0.0.1:8787").is_ok());
    assert!(Origin::parse("http://localhost:8787").is_ok());
    assert!(Origin::parse("http://[::1]:8787").is_ok());
    assert!(Origin::parse("http://example.com").is_err());
    assert!(Origin::parse("http://127.0.0.1.evil.com").is_err());
}

#[test]
fn origins_with_paths_queries_or_other_schemes_are_refused() {
    for bad in [
        "javascript:alert(1)",
        "https://a.com/x",
        "https://a.com?x",
        "https://",
        "https://a b",
        "ftp://a.com",
        "https://@evil.com",
    ] {
        assert!(Origin::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn accounts_are_digits_only() {
    assert_eq!(validate_account(" 12345 ").unwrap(), "12345");
    assert!(validate_account("").is_err());
    assert!(validate_account("12a45").is_err());
    assert!(validate_account("../1").is_err());
    assert!(validate_account(&"1".repeat(21)).is_err());
}

#[test]
fn discovered_hosts_must_be_plain_and_follow_the_csds_security() {
    let secure = Endpoints::new("1".into(), Origin::parse("https://a.net").unwrap());
    assert_eq!(
        secure.checked_host("VA.IDP.liveperson.net").as_deref(),
        Some("va.idp.liveperson.net")
    );
    assert_eq!(secure.checked_host("evil.com/path"), None);
    let local = Endpoints::new("1".into(), Origin::parse("http://127.0.0.1:1").unwrap());
    assert_eq!(local.checked_host("example.com"), None);
    assert_eq!(
        local.checked_host("127.0.0.1:9").as_deref(),
        Some("127.0.0.1:9")
    );
}

#[test]
fn urls_follow_the_documented_paths() {
    let e = Endpoints::new(
        "123".into(),
        Origin::parse("https://api.liveperson.net").unwrap(),
    );
    assert_eq!(
        e.domain_api_url(),
        "https://api.liveperson.net/api/account/123/service/baseURI.json?version=1.0"
    );
    assert_eq!(
        e.signup_url("va.idp.liveperson.net"),
        "https://va.idp.liveperson.net/api/account/123/signup"
    );
    assert_eq!(
        e.anonymous_authorize_url("va.idp.liveperson.net"),
        "https://va.idp.liveperson.net/api/account/123/anonymous/authorize"
    );
    assert_eq!(
        e.connector_authenticate_url("va.idp.liveperson.net", "42"),
        "https://va.idp.liveperson.net/api/account/123/app/42/authenticate?v=3.0"
    );
    assert_eq!(
        e.csdr_jsonp_url("idp"),
        "https://adminlogin.liveperson.net/csdr/account/123/service/idp/baseURI.lpCsds?version=1.0&cb=lpchatJsonp"
    );
    assert_eq!(
        e.signup_jsonp_url("va.idp.liveperson.net"),
        "https://va.idp.liveperson.net/api/account/123/signup.jsonp?callback=lpchatJsonp"
    );
    let local = Endpoints::new("1".into(), Origin::parse("http://127.0.0.1:9").unwrap());
    assert_eq!(
        local.csdr_jsonp_url("idp"),
        "http://127.0.0.1:9/csdr/account/1/service/idp/baseURI.lpCsds?version=1.0&cb=lpchatJsonp"
    );
    assert_eq!(
        e.socket_url("va.msg.liveperson.net"),
        "wss://va.msg.liveperson.net/ws_api/account/123/messaging/consumer?v=3"
    );
}
