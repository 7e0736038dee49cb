//! What lpchat tells LivePerson about itself in `.ams.headers.ClientProperties` (PROTOCOL.md §3.3):
//! the features it really handles, and the device, system and browser it runs on, read from the
//! browser's user agent string (the driver passes `navigator.userAgent`; empty means unknown).

use lpchat_wire::{ClientProperties, DeviceFamily, Feature, Os};

/// Features declared in ClientProperties: only what lpchat really handles (PROTOCOL.md §3.3).
const CLIENT_FEATURES: &[Feature] = &[
    Feature::AutoMessages,
    Feature::MultiDialog,
    Feature::PhotoSharing,
    Feature::QuickReplies,
    Feature::RichContent,
];

/// The ClientProperties header for a browser with this user agent.
pub(crate) fn client_properties(user_agent: &str) -> ClientProperties {
    let (browser, browser_version) = browser(user_agent);
    ClientProperties {
        app_id: Some("lpchat".into()),
        app_version: Some(env!("CARGO_PKG_VERSION").into()),
        device_family: Some(device_family(user_agent)),
        os: Some(os(user_agent)),
        integration: Some("WEB_SDK".into()),
        integration_version: Some(env!("CARGO_PKG_VERSION").into()),
        browser: browser.map(Into::into),
        browser_version,
        features: CLIENT_FEATURES.to_vec(),
    }
}

/// The operating system the user agent names.
fn os(ua: &str) -> Os {
    let has = |s: &str| ua.contains(s);
    if has("Android") {
        Os::Android
    } else if has("iPhone") || has("iPad") || has("iPod") {
        Os::Ios // before OSX: iOS browsers say "like Mac OS X"
    } else if has("Macintosh") || has("Mac OS X") {
        Os::Osx
    } else if has("Windows") {
        Os::Windows
    } else if has("Linux") || has("X11") || has("CrOS") {
        Os::Linux
    } else {
        Os::Other
    }
}

/// The kind of device the user agent names.
fn device_family(ua: &str) -> DeviceFamily {
    let has = |s: &str| ua.contains(s);
    match os(ua) {
        _ if has("iPad") || has("Tablet") => DeviceFamily::Tablet,
        Os::Android if !has("Mobile") => DeviceFamily::Tablet,
        Os::Android | Os::Ios => DeviceFamily::Mobile,
        _ if has("Mobi") => DeviceFamily::Mobile,
        Os::Windows | Os::Osx | Os::Linux => DeviceFamily::Desktop,
        _ => DeviceFamily::Other,
    }
}

/// The browser's name, as LivePerson's own clients spell it (`CHROME`, `MOBILE_SAFARI`, …), and its
/// version (digits and dots, at most 64 characters); nothing when the user agent does not say.
fn browser(ua: &str) -> (Option<&'static str>, Option<String>) {
    // The order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    let tokens: [(&str, &'static str); 8] = [
        ("Edg/", "EDGE"),
        ("OPR/", "OPERA"),
        ("Firefox/", "FIREFOX"),
        ("FxiOS/", "FIREFOX"),
        ("CriOS/", "CHROME"),
        ("HeadlessChrome/", "CHROME"),
        ("Chrome/", "CHROME"),
        ("Version/", "SAFARI"),
    ];
    for (token, name) in tokens {
        if let Some((_, rest)) = ua.split_once(token) {
            if token == "Version/" && !ua.contains("Safari/") {
                continue;
            }
            let version: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .take(64)
                .collect();
            let name = match name {
                "SAFARI" if ua.contains("Mobile") => "MOBILE_SAFARI",
                other => other,
            };
            return (Some(name), (!version.is_empty()).then_some(version));
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(ua: &str) -> (String, String, Option<String>, Option<String>) {
        let p = client_properties(ua);
        (
            p.device_family.map_or("", DeviceFamily::as_str).into(),
            p.os.map_or("", Os::as_str).into(),
            p.browser,
            p.browser_version,
        )
    }

    fn of(
        d: &str,
        o: &str,
        b: Option<&str>,
        v: Option<&str>,
    ) -> (String, String, Option<String>, Option<String>) {
        (d.into(), o.into(), b.map(Into::into), v.map(Into::into))
    }

    #[test]
    fn the_device_system_and_browser_come_from_the_user_agent() {
        for (ua, expected) in [
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.73 Safari/537.36",
             of("DESKTOP", "LINUX", Some("CHROME"), Some("156.0.8078.73"))),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
             of("DESKTOP", "WINDOWS", Some("EDGE"), Some("131.0.2903.86"))),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
             of("DESKTOP", "OSX", Some("FIREFOX"), Some("133.0"))),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
             of("MOBILE", "IOS", Some("MOBILE_SAFARI"), Some("18.1"))),
            ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
             of("TABLET", "IOS", Some("CHROME"), Some("131.0.6778.73"))),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
             of("MOBILE", "ANDROID", Some("CHROME"), Some("131.0.0.0"))),
            ("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
             of("TABLET", "ANDROID", Some("CHROME"), Some("131.0.0.0"))),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
             of("DESKTOP", "OSX", Some("SAFARI"), Some("17.6"))),
            ("", of("OTHER", "OTHER", None, None)),
        ] {
            assert_eq!(props(ua), expected, "{ua}");
        }
    }

    #[test]
    fn every_feature_lpchat_handles_is_declared_pictures_included() {
        let p = client_properties("");
        for f in [
            Feature::PhotoSharing,
            Feature::MultiDialog,
            Feature::QuickReplies,
            Feature::RichContent,
        ] {
            assert!(p.features.contains(&f), "{f:?}");
        }
    }
}
