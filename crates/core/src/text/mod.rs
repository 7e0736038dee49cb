//! Every string lpchat shows, in one place, in English and Hebrew (a right-to-left language, to prove
//! the layout mirrors). Templates mark their values `{0}`, `{1}`…; [`fill`] puts them in.

mod en;
mod he;

pub use en::EN;
pub use he::HE;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Hebrew (right to left).
    He,
}

impl Lang {
    /// Every language, in the order a chooser lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::He];

    /// The first of the user's language tags lpchat speaks (`he`, `he-IL`, `iw`, `en-GB`…), else English.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(|tag| {
                let primary = tag
                    .split(['-', '_'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                match primary.as_str() {
                    "he" | "iw" => Some(Lang::He),
                    "en" => Some(Lang::En),
                    _ => None,
                }
            })
            .unwrap_or_default()
    }

    /// The BCP 47 code (`lang` attribute).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::He => "he",
        }
    }

    /// `ltr` or `rtl` (`dir` attribute).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::He => "rtl",
        }
    }

    /// The strings of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::He => &HE,
        }
    }
}

/// `template` with `{0}`, `{1}`… replaced by `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    const MARKS: [&str; 4] = ["{0}", "{1}", "{2}", "{3}"];
    let mut out = template.to_owned();
    for (mark, v) in MARKS.iter().zip(values) {
        out = out.replace(mark, v);
    }
    out
}

/// Defines [`Texts`] and [`Texts::all`] from one list of fields, so no string can be left out of
/// the checks that everything shown comes from this catalogue.
macro_rules! texts {
    ($( $(#[$meta:meta])* pub $field:ident: &'static str, )*) => {
        /// Every string of the interface.
        #[allow(missing_docs)] // each field's English text says what it is
        #[derive(Debug)]
        pub struct Texts {
            $( $(#[$meta])* pub $field: &'static str, )*
        }

        impl Texts {
            /// Every string of this language, in the order declared.
            pub fn all(&self) -> Vec<&'static str> {
                vec![$(self.$field),*]
            }
        }
    };
}

texts! {
    // The page and its controls.
    pub language_name: &'static str,
    pub language: &'static str,
    pub account_number: &'static str,
    pub connect: &'static str,
    pub reconnect: &'static str,
    pub disconnect: &'static str,
    pub settings: &'static str,
    /// The header's menu button (End conversation, Frames, Settings, Disconnect, Forget me).
    pub menu: &'static str,
    /// The Settings switch for desktop notifications.
    pub notify: &'static str,
    /// Said under it when the browser refused them.
    pub notify_blocked: &'static str,
    /// A notification's title when the agent has no name yet.
    pub new_message: &'static str,
    /// The menu's item that saves the transcript as text.
    pub download_text: &'static str,
    /// The menu's item that saves the transcript as JSON.
    pub download_json: &'static str,
    /// The menu's item and the list of the consumer's closed conversations.
    pub past: &'static str,
    /// Over a past conversation being read: `{0}` its date and agent.
    pub reading_past: &'static str,
    /// The button that leaves a past conversation for the current one.
    pub back_to_chat: &'static str,
    /// LivePerson refused a past conversation's history, or gave none in time.
    pub past_refused: &'static str,
    /// The header's control that closes the panel the app is in on a brand's page (embed.js).
    pub close_chat: &'static str,
    pub domain_api: &'static str,
    pub auth: &'static str,
    pub auth_placeholder: &'static str,
    pub connector: &'static str,
    pub connector_placeholder: &'static str,
    pub forget_me: &'static str,
    pub forget_note: &'static str,
    pub dismiss: &'static str,
    pub start_conversation: &'static str,
    pub end_conversation: &'static str,
    pub skip_survey: &'static str,
    pub message: &'static str,
    pub type_a_message: &'static str,
    pub send: &'static str,
    pub attach: &'static str,
    pub chatting_with: &'static str,
    pub open_picture: &'static str,
    pub conversation: &'static str,
    pub show_earlier: &'static str,
    pub new_messages: &'static str,
    pub agent_typing: &'static str,
    pub quick_replies: &'static str,
    pub you: &'static str,
    pub agent: &'static str,
    pub retry: &'static str,
    pub sending: &'static str,
    pub sent: &'static str,
    pub delivered: &'static str,
    pub read: &'static str,
    pub not_delivered: &'static str,
    pub open_map: &'static str,
    pub frames: &'static str,
    pub filter_frames: &'static str,
    pub copy_json: &'static str,
    pub timeline: &'static str,
    // What is happening.
    pub forgotten: &'static str,
    pub disconnected: &'static str,
    pub not_connected: &'static str,
    pub connecting: &'static str,
    pub fetching_domains: &'static str,
    pub getting_identity: &'static str,
    pub signing_in_brand: &'static str,
    pub busy_retry_in: &'static str,
    pub reconnecting_in: &'static str,
    pub offline: &'static str,
    pub gave_up: &'static str,
    pub reconnecting: &'static str,
    pub opening: &'static str,
    pub signing_in: &'static str,
    pub looking: &'static str,
    pub connected: &'static str,
    pub starting: &'static str,
    pub survey: &'static str,
    pub open: &'static str,
    pub ending: &'static str,
    pub closed: &'static str,
    // lpchat's notes in the transcript.
    pub conversation_started: &'static str,
    pub continuing: &'static str,
    pub agent_joined: &'static str,
    pub transferred: &'static str,
    pub agent_left: &'static str,
    pub you_ended: &'static str,
    pub you_skipped_survey: &'static str,
    pub survey_over: &'static str,
    pub agent_ended: &'static str,
    pub timed_out_closed: &'static str,
    pub system_closed: &'static str,
    pub was_closed: &'static str,
    pub survey_follows: &'static str,
    pub agent_ended_lead: &'static str,
    pub you_ended_lead: &'static str,
    pub identity_renewed: &'static str,
    pub older_not_shown: &'static str,
    pub shortened: &'static str,
    pub file_not_shown: &'static str,
    pub card_not_shown: &'static str,
    // Failures: the step, what happened, what to do.
    pub step_domains: &'static str,
    pub step_identity: &'static str,
    pub step_socket: &'static str,
    pub step_authentication: &'static str,
    pub step_start: &'static str,
    pub step_send: &'static str,
    pub step_end: &'static str,
    pub step_subscribe: &'static str,
    pub step_upload: &'static str,
    pub step_rating: &'static str,
    pub rate_prompt: &'static str,
    pub rate_stars: &'static str,
    pub rate_resolved: &'static str,
    pub rate_skip: &'static str,
    pub rate_thanks: &'static str,
    pub do_upload: &'static str,
    pub file_not_sent: &'static str,
    pub file_not_picture: &'static str,
    pub file_empty: &'static str,
    pub file_too_large: &'static str,
    pub file_sharing_off: &'static str,
    pub do_connect: &'static str,
    pub do_check_account: &'static str,
    pub do_start: &'static str,
    pub do_send: &'static str,
    pub do_end: &'static str,
    pub http_network: &'static str,
    pub http_404: &'static str,
    pub http_refused: &'static str,
    pub http_server: &'static str,
    pub http_status: &'static str,
    pub http_body: &'static str,
    pub http_service: &'static str,
    pub no_network: &'static str,
    pub invalid_account: &'static str,
    pub invalid_skill: &'static str,
    pub invalid_csds: &'static str,
    pub account_empty: &'static str,
    pub account_digits: &'static str,
    pub csds_scheme: &'static str,
    pub csds_origin: &'static str,
    pub csds_http: &'static str,
    pub bad_token: &'static str,
    pub socket_closed: &'static str,
    pub connection_closed: &'static str,
    pub closed_unexpectedly: &'static str,
    pub closed_code: &'static str,
    pub closed_code_reason: &'static str,
    pub unauthorized: &'static str,
    pub rejected: &'static str,
    pub timed_out: &'static str,
    pub unreadable: &'static str,
    pub gave_up_failure: &'static str,
    pub sign_in_expired: &'static str,
    pub invalid_connector: &'static str,
    pub no_sign_in: &'static str,
    pub lack_config_host: &'static str,
    pub lack_connector: &'static str,
    pub lack_lookup: &'static str,
    pub lack_not_enabled: &'static str,
    pub connector_refused: &'static str,
    pub outbox_full: &'static str,
    pub no_answer: &'static str,
    pub not_open_in_time: &'static str,
    pub identity_refused: &'static str,
    pub no_conversation_id: &'static str,
    pub net_unreadable: &'static str,
    pub net_browser: &'static str,
    pub net_file_gone: &'static str,
    pub server_silent: &'static str,
    pub token_shape: &'static str,
    pub token_base64: &'static str,
    pub token_claims: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_first_spoken_language_is_chosen() {
        assert_eq!(Lang::from_tags(["fr-FR", "he-IL", "en"]), Lang::He);
        assert_eq!(Lang::from_tags(["iw"]), Lang::He);
        assert_eq!(Lang::from_tags(["en-GB", "he"]), Lang::En);
        assert_eq!(Lang::from_tags(["de"]), Lang::En);
        assert_eq!(Lang::He.dir(), "rtl");
    }

    #[test]
    fn templates_are_filled_and_both_languages_have_the_same_placeholders() {
        assert_eq!(fill(EN.reconnecting_in, &["8"]), "Reconnecting in 8 s…");
        let placeholders = |s: &str| (0..4).filter(|i| s.contains(&format!("{{{i}}}"))).count();
        let pairs = [
            (EN.show_earlier, HE.show_earlier),
            (EN.new_messages, HE.new_messages),
            (EN.busy_retry_in, HE.busy_retry_in),
            (EN.reconnecting_in, HE.reconnecting_in),
            (EN.survey_follows, HE.survey_follows),
            (EN.identity_renewed, HE.identity_renewed),
            (EN.older_not_shown, HE.older_not_shown),
            (EN.shortened, HE.shortened),
            (EN.rejected, HE.rejected),
            (EN.timed_out, HE.timed_out),
            (EN.invalid_skill, HE.invalid_skill),
            (EN.no_sign_in, HE.no_sign_in),
            (EN.lack_lookup, HE.lack_lookup),
            (EN.lack_not_enabled, HE.lack_not_enabled),
            (EN.connector_refused, HE.connector_refused),
            (EN.rate_stars, HE.rate_stars),
            (EN.unreadable, HE.unreadable),
            (EN.gave_up_failure, HE.gave_up_failure),
            (EN.closed_code_reason, HE.closed_code_reason),
            (EN.socket_closed, HE.socket_closed),
            (EN.chatting_with, HE.chatting_with),
            (EN.open_picture, HE.open_picture),
            (EN.file_not_sent, HE.file_not_sent),
            (EN.file_too_large, HE.file_too_large),
        ];
        for (en, he) in pairs {
            assert_eq!(placeholders(en), placeholders(he), "{en} / {he}");
        }
    }
}
