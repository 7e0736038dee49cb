//! Every string lpchat shows, in one place, in English and Hebrew (a right-to-left language, to prove
//! the layout mirrors). Templates mark their values `{0}`, `{1}`…; [`fill`] puts them in.

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
    pub domain_api: &'static str,
    pub auth: &'static str,
    pub auth_placeholder: &'static str,
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

/// English.
pub static EN: Texts = Texts {
    language_name: "English",
    language: "Language",
    account_number: "Account number",
    connect: "Connect",
    reconnect: "Reconnect",
    disconnect: "Disconnect",
    settings: "Settings",
    domain_api: "Domain API",
    auth: "Authentication token or code",
    auth_placeholder: "empty: an anonymous visitor",
    forget_me: "Forget me",
    forget_note: "Forget me disconnects and removes what lpchat keeps in this browser for this account.",
    dismiss: "Dismiss",
    start_conversation: "Start conversation",
    end_conversation: "End conversation",
    skip_survey: "Skip survey",
    message: "Message",
    type_a_message: "Type a message",
    send: "Send",
    attach: "Attach a picture",
    chatting_with: "Chatting with {0}",
    open_picture: "Open the picture {0}",
    conversation: "Conversation",
    show_earlier: "Show earlier messages ({0})",
    new_messages: "New messages ({0})",
    agent_typing: "Agent is typing…",
    quick_replies: "Quick replies",
    you: "You",
    agent: "Agent",
    retry: "Retry",
    sending: "Sending…",
    sent: "Sent",
    delivered: "Delivered",
    read: "Read",
    not_delivered: "Not delivered",
    open_map: "Open the map",
    frames: "Frames",
    filter_frames: "Filter frames by type",
    copy_json: "Copy as JSON",
    timeline: "Connection timeline",
    forgotten: "Forgotten: this browser keeps nothing for this account",
    disconnected: "Disconnected",
    not_connected: "Not connected",
    connecting: "Connecting…",
    fetching_domains: "Fetching domains…",
    getting_identity: "Getting a consumer identity…",
    signing_in_brand: "Signing in with the brand…",
    busy_retry_in: "The server is busy; trying again in {0} s…",
    reconnecting_in: "Reconnecting in {0} s…",
    offline: "Offline: waiting for the network…",
    gave_up: "Disconnected: could not reconnect",
    reconnecting: "Reconnecting…",
    opening: "Opening the connection…",
    signing_in: "Signing in…",
    looking: "Connected, looking for your conversation…",
    connected: "Connected",
    starting: "Starting a conversation…",
    survey: "Post-conversation survey",
    open: "Conversation open",
    ending: "Ending the conversation…",
    closed: "Conversation closed",
    conversation_started: "Conversation started",
    continuing: "Continuing your open conversation",
    agent_joined: "An agent joined the conversation",
    transferred: "You were transferred to another agent",
    agent_left: "The agent left; the conversation waits for the next agent",
    you_ended: "You ended the conversation",
    you_skipped_survey: "You skipped the survey",
    survey_over: "The survey is over. Thank you",
    agent_ended: "The agent ended the conversation",
    timed_out_closed: "The conversation was closed after a time without messages",
    system_closed: "The conversation was closed by the system",
    was_closed: "The conversation was closed",
    survey_follows: "{0}A short survey follows; press Skip survey to skip it.",
    agent_ended_lead: "The agent ended the conversation. ",
    you_ended_lead: "You ended the conversation. ",
    identity_renewed: "The messaging service refused this browser's identity (code {0}). lpchat is getting a new one, and a new identity cannot see this conversation: it has ended here. Press Start conversation to talk again.",
    older_not_shown: "{0} older messages are not shown",
    shortened: " … [shortened: the message has {0} characters]",
    file_not_shown: "(a file this version of lpchat cannot show yet)",
    card_not_shown: "(a card lpchat cannot show)",
    step_domains: "Looking up the account",
    step_identity: "Getting a consumer identity",
    step_socket: "The connection",
    step_authentication: "Signing in to the messaging service",
    step_start: "Starting a conversation",
    step_send: "Sending the message",
    step_end: "Ending the conversation",
    step_subscribe: "Following the conversation",
    step_upload: "Sending the picture",
    step_rating: "Sending your rating",
    rate_prompt: "How satisfied are you with this conversation?",
    rate_stars: "{0} of 5",
    rate_resolved: "My question was answered",
    rate_skip: "No, thanks",
    rate_thanks: "Thank you for your rating",
    do_upload: "Press Retry next to the picture to send it again.",
    file_not_sent: "{0} was not sent: {1}",
    file_not_picture: "lpchat sends JPG, PNG and GIF pictures.",
    file_empty: "the file is empty.",
    file_too_large: "it is {0} MB, and a picture may be at most 3 MB.",
    file_sharing_off: "this brand does not accept files.",
    do_connect: "Press Connect to try again.",
    do_check_account: "Check the account number and press Connect.",
    do_start: "Press Start conversation to try again.",
    do_send: "Send the message again.",
    do_end: "Press End conversation to try again.",
    http_network: "the server could not be reached ({0})",
    http_404: "the server does not know this account (HTTP 404)",
    http_refused: "the server refused the request (HTTP {0})",
    http_server: "the server had a problem (HTTP {0})",
    http_status: "the server answered HTTP {0}",
    http_body: "the answer was not in the expected form",
    http_service: "the account has no usable `{0}` service",
    no_network: "no answer: check the address and your network",
    invalid_account: "Account number: {0}.",
    invalid_skill: "The skill “{0}” in the page's address is not a skill number (digits, or -1 for any skill): new conversations go to the account's default routing.",
    invalid_csds: "Domain API address: {0}.",
    account_empty: "enter the brand's account number",
    account_digits: "an account number has digits only (for example 12345678)",
    csds_scheme: "it must start with https:// (or http:// for this computer)",
    csds_origin: "it must be an origin such as https://api.liveperson.net, with no path",
    csds_http: "plain http:// is allowed only for this computer (localhost or 127.0.0.1)",
    bad_token: "Getting a consumer identity: the token from the server could not be read ({0}). Try Connect again.",
    socket_closed: "The connection closed{0}. Press Connect to connect again.",
    connection_closed: "the connection closed{0}",
    closed_unexpectedly: " unexpectedly (the server could not be reached or dropped the connection)",
    closed_code: " (code {0})",
    closed_code_reason: " (code {0}: {1})",
    unauthorized: "Signing in to the messaging service: the server refused the identity (code {0}). Press Connect to get a fresh identity.",
    rejected: "{0}: the server answered with code {1}{2}. {3}",
    timed_out: "{0}: no answer from the server in time. {1}",
    unreadable: "{0}: the server's answer could not be read, so lpchat cannot tell whether a conversation is open. Disconnect and connect again.",
    gave_up_failure: "The connection was lost and {0} attempts to reconnect failed (last: {1}). Press Reconnect to try again.",
    sign_in_expired: "Signing in to the messaging service: the brand's sign-in was refused or has expired (code {0}). Paste a new token under Settings and press Connect.",
    outbox_full: "Sending the message: {0} messages are already waiting to be sent. Wait for the connection to come back.",
    no_answer: "no answer from the server",
    not_open_in_time: "the connection did not open in time",
    identity_refused: "the server refused the identity (code {0})",
    no_conversation_id: "the answer had no conversation id",
    net_unreadable: "the answer could not be read",
    net_browser: "the browser could not send the request",
    net_file_gone: "the file is no longer available",
    server_silent: "the server stopped answering",
    token_shape: "it does not have three parts",
    token_base64: "its payload is not base64url",
    token_claims: "its payload has no consumer id",
};

/// Hebrew.
pub static HE: Texts = Texts {
    language_name: "עברית",
    language: "שפה",
    account_number: "מספר חשבון",
    connect: "התחברות",
    reconnect: "התחברות מחדש",
    disconnect: "ניתוק",
    settings: "הגדרות",
    domain_api: "Domain API",
    auth: "אסימון או קוד הזדהות",
    auth_placeholder: "ריק: מבקר אנונימי",
    forget_me: "שכחו אותי",
    forget_note: "״שכחו אותי״ מנתק ומוחק את מה ש-lpchat שומר בדפדפן הזה עבור החשבון הזה.",
    dismiss: "סגירה",
    start_conversation: "התחלת שיחה",
    end_conversation: "סיום השיחה",
    skip_survey: "דילוג על הסקר",
    message: "הודעה",
    type_a_message: "כתבו הודעה",
    send: "שליחה",
    attach: "צירוף תמונה",
    chatting_with: "בשיחה עם {0}",
    open_picture: "פתיחת התמונה {0}",
    conversation: "שיחה",
    show_earlier: "הצגת הודעות קודמות ({0})",
    new_messages: "הודעות חדשות ({0})",
    agent_typing: "הנציג מקליד…",
    quick_replies: "תשובות מהירות",
    you: "את/ה",
    agent: "נציג",
    retry: "ניסיון חוזר",
    sending: "נשלחת…",
    sent: "נשלחה",
    delivered: "התקבלה",
    read: "נקראה",
    not_delivered: "לא נמסרה",
    open_map: "פתיחת המפה",
    frames: "מסגרות",
    filter_frames: "סינון מסגרות לפי סוג",
    copy_json: "העתקה כ-JSON",
    timeline: "ציר הזמן של החיבור",
    forgotten: "נשכח: הדפדפן הזה אינו שומר דבר עבור החשבון הזה",
    disconnected: "מנותק",
    not_connected: "לא מחובר",
    connecting: "מתחבר…",
    fetching_domains: "מאתר את שרתי החשבון…",
    getting_identity: "מקבל זהות לקוח…",
    signing_in_brand: "מזדהה מול המותג…",
    busy_retry_in: "השרת עמוס; ניסיון נוסף בעוד {0} שניות…",
    reconnecting_in: "מתחבר מחדש בעוד {0} שניות…",
    offline: "אין רשת: ממתין לחיבור…",
    gave_up: "מנותק: ההתחברות מחדש נכשלה",
    reconnecting: "מתחבר מחדש…",
    opening: "פותח את החיבור…",
    signing_in: "מזדהה…",
    looking: "מחובר, מחפש את השיחה שלך…",
    connected: "מחובר",
    starting: "מתחיל שיחה…",
    survey: "סקר לאחר השיחה",
    open: "השיחה פתוחה",
    ending: "מסיים את השיחה…",
    closed: "השיחה הסתיימה",
    conversation_started: "השיחה התחילה",
    continuing: "ממשיכים את השיחה הפתוחה שלך",
    agent_joined: "נציג הצטרף לשיחה",
    transferred: "הועברת לנציג אחר",
    agent_left: "הנציג יצא; השיחה ממתינה לנציג הבא",
    you_ended: "סיימת את השיחה",
    you_skipped_survey: "דילגת על הסקר",
    survey_over: "הסקר הסתיים. תודה",
    agent_ended: "הנציג סיים את השיחה",
    timed_out_closed: "השיחה נסגרה לאחר זמן ללא הודעות",
    system_closed: "השיחה נסגרה על ידי המערכת",
    was_closed: "השיחה נסגרה",
    survey_follows: "{0}כעת סקר קצר; לחצו ״דילוג על הסקר״ כדי לדלג עליו.",
    agent_ended_lead: "הנציג סיים את השיחה. ",
    you_ended_lead: "סיימת את השיחה. ",
    identity_refused: "השרת דחה את הזהות (קוד {0})",
    identity_renewed: "שירות ההודעות דחה את הזהות של הדפדפן הזה (קוד {0}). lpchat מקבל זהות חדשה, וזהות חדשה אינה יכולה לראות את השיחה הזו: היא הסתיימה כאן. לחצו ״התחלת שיחה״ כדי לדבר שוב.",
    older_not_shown: "{0} הודעות ישנות יותר אינן מוצגות",
    shortened: " … [קוצר: בהודעה {0} תווים]",
    file_not_shown: "(קובץ שגרסה זו של lpchat עדיין אינה יכולה להציג)",
    card_not_shown: "(כרטיס ש-lpchat אינו יכול להציג)",
    step_domains: "איתור החשבון",
    step_identity: "קבלת זהות לקוח",
    step_socket: "החיבור",
    step_authentication: "ההזדהות מול שירות ההודעות",
    step_start: "התחלת השיחה",
    step_send: "שליחת ההודעה",
    step_end: "סיום השיחה",
    step_subscribe: "מעקב אחר השיחה",
    step_upload: "שליחת התמונה",
    step_rating: "שליחת הדירוג",
    rate_prompt: "עד כמה הייתם מרוצים מהשיחה?",
    rate_stars: "{0} מתוך 5",
    rate_resolved: "קיבלתי מענה לשאלתי",
    rate_skip: "לא, תודה",
    rate_thanks: "תודה על הדירוג",
    do_upload: "לחצו על \"ניסיון חוזר\" ליד התמונה כדי לשלוח אותה שוב.",
    file_not_sent: "{0} לא נשלח: {1}",
    file_not_picture: "lpchat שולח תמונות JPG, PNG ו-GIF.",
    file_empty: "הקובץ ריק.",
    file_too_large: "גודלו {0} MB, ותמונה יכולה להיות לכל היותר 3 MB.",
    file_sharing_off: "המותג הזה אינו מקבל קבצים.",
    do_connect: "לחצו ״התחברות״ כדי לנסות שוב.",
    do_check_account: "בדקו את מספר החשבון ולחצו ״התחברות״.",
    do_start: "לחצו ״התחלת שיחה״ כדי לנסות שוב.",
    do_send: "שלחו את ההודעה שוב.",
    do_end: "לחצו ״סיום השיחה״ כדי לנסות שוב.",
    http_network: "לא ניתן להגיע לשרת ({0})",
    http_404: "השרת אינו מכיר את החשבון הזה (HTTP 404)",
    http_refused: "השרת דחה את הבקשה (HTTP {0})",
    http_server: "תקלה בשרת (HTTP {0})",
    http_status: "השרת ענה HTTP {0}",
    http_body: "התשובה לא הייתה במבנה הצפוי",
    http_service: "לחשבון אין שירות `{0}` שמיש",
    no_network: "אין תשובה: בדקו את הכתובת ואת הרשת",
    invalid_account: "מספר חשבון: {0}.",
    invalid_skill: "הכישור „{0}” בכתובת הדף אינו מספר כישור (ספרות, או ‎-1 לכל כישור): שיחות חדשות ינותבו לפי ברירת המחדל של החשבון.",
    invalid_csds: "כתובת Domain API: {0}.",
    account_empty: "הזינו את מספר החשבון של המותג",
    account_digits: "מספר חשבון מורכב מספרות בלבד (למשל 12345678)",
    csds_scheme: "היא חייבת להתחיל ב-https://‏ (או http://‏ עבור המחשב הזה)",
    csds_origin: "היא חייבת להיות מקור כמו https://api.liveperson.net, ללא נתיב",
    csds_http: "http://‏ רגיל מותר רק עבור המחשב הזה (localhost או 127.0.0.1)",
    bad_token: "קבלת זהות לקוח: לא ניתן לקרוא את האסימון מהשרת ({0}). נסו ״התחברות״ שוב.",
    socket_closed: "החיבור נסגר{0}. לחצו ״התחברות״ כדי להתחבר שוב.",
    connection_closed: "החיבור נסגר{0}",
    closed_unexpectedly: " באופן בלתי צפוי (לא ניתן להגיע לשרת או שהוא ניתק את החיבור)",
    closed_code: " (קוד {0})",
    closed_code_reason: " (קוד {0}: {1})",
    unauthorized: "ההזדהות מול שירות ההודעות: השרת דחה את הזהות (קוד {0}). לחצו ״התחברות״ כדי לקבל זהות חדשה.",
    rejected: "{0}: השרת ענה בקוד {1}{2}. {3}",
    timed_out: "{0}: לא התקבלה תשובה מהשרת בזמן. {1}",
    unreadable: "{0}: לא ניתן היה לקרוא את תשובת השרת, ולכן lpchat אינו יודע אם יש שיחה פתוחה. יש להתנתק ולהתחבר שוב.",
    gave_up_failure: "החיבור אבד ו-{0} ניסיונות להתחבר מחדש נכשלו (האחרון: {1}). לחצו ״התחברות מחדש״ כדי לנסות שוב.",
    sign_in_expired: "ההזדהות מול שירות ההודעות: ההתחברות דרך המותג נדחתה או פגה (קוד {0}). הדביקו אסימון חדש בהגדרות ולחצו ״התחברות״.",
    outbox_full: "שליחת ההודעה: {0} הודעות כבר ממתינות לשליחה. המתינו עד שהחיבור יחזור.",
    no_answer: "אין תשובה מהשרת",
    not_open_in_time: "החיבור לא נפתח בזמן",
    no_conversation_id: "בתשובה לא היה מזהה שיחה",
    net_unreadable: "לא ניתן היה לקרוא את התשובה",
    net_browser: "הדפדפן לא הצליח לשלוח את הבקשה",
    net_file_gone: "הקובץ כבר אינו זמין",
    server_silent: "השרת הפסיק לענות",
    token_shape: "אין בו שלושה חלקים",
    token_base64: "התוכן שלו אינו base64url",
    token_claims: "אין בתוכן שלו מזהה לקוח",
};

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
