//! LivePerson's legacy satisfaction rating (CSAT, PROTOCOL.md §5.3, frame 53): after a conversation
//! that no post-conversation survey followed, where the page asks for it, the consumer may rate it 1–5
//! and say whether their question was answered; it is sent as a `CSATRate` field of the closed
//! conversation. Declining sends nothing.

use super::{effects::Effects, Session};
use crate::{
    failure::{Failure, Step},
    io::ConnId,
    pending::Purpose,
};
use lpchat_wire::{
    ConversationField, CsatStatus, RequestPayload, Response, UpdateConversationFieldBody,
};

/// Whether ratings are asked for, and the conversation that may be rated now.
#[derive(Debug, Default)]
pub(crate) struct Csat {
    enabled: bool,
    offer: Option<String>,
}

impl Csat {
    pub(crate) fn new(enabled: bool) -> Self {
        Csat {
            enabled,
            offer: None,
        }
    }

    /// The conversation `id` closed; `surveyed`: a post-conversation survey ran (then no rating).
    pub(crate) fn after_close(&mut self, id: &str, surveyed: bool) {
        self.offer = (self.enabled && !surveyed).then(|| id.to_owned());
    }

    /// The rating is no longer offered (declined, given, or a new conversation).
    pub(crate) fn withdraw(&mut self) {
        self.offer = None;
    }

    pub(crate) fn offered(&self) -> bool {
        self.offer.is_some()
    }

    /// The user rated the conversation offered: sent on `conn` (once; the offer ends with it).
    pub(crate) fn rate(&mut self, fx: &mut Effects, conn: ConnId, stars: u8, resolved: bool) {
        let Some(conversation_id) = self.offer.take() else {
            return;
        };
        let field = ConversationField::CsatRate {
            csat_rate: stars.clamp(1, 5),
            resolution_confirmation: resolved,
            status: CsatStatus::Filled,
        };
        let body = UpdateConversationFieldBody {
            conversation_id,
            conversation_field: vec![field],
        };
        fx.request(
            conn,
            Purpose::Rating,
            RequestPayload::UpdateConversationField { body },
        );
    }
}

impl Session {
    pub(super) fn on_rating_answer(&mut self, resp: &Response) {
        if resp.is_success() {
            self.transcript.system(self.t.rate_thanks);
        } else {
            self.screen.alert(Failure::Rejected {
                step: Step::Rating,
                code: resp.code,
                text: resp.body_text(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{io::Command, timing::Timing};

    fn rated(enabled: bool, surveyed: bool) -> Vec<String> {
        let mut fx = Effects::new(Timing::default(), "t".into());
        let conn = fx.conn_id();
        let mut csat = Csat::new(enabled);
        csat.after_close("c1", surveyed);
        csat.rate(&mut fx, conn, 9, true);
        csat.rate(&mut fx, conn, 3, true);
        std::iter::from_fn(|| fx.pop())
            .filter_map(|c| match c {
                Command::Send { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_rating_is_sent_once_within_one_to_five() {
        let sent = rated(true, false);
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(sent[0].contains(r#""csatRate":5"#), "{}", sent[0]);
        assert!(sent[0].contains(r#""conversationId":"c1""#));
    }

    #[test]
    fn no_rating_after_a_survey_or_where_the_page_did_not_ask() {
        assert!(rated(true, true).is_empty());
        assert!(rated(false, false).is_empty());
    }
}
