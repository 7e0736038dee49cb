//! LivePerson's legacy satisfaction rating (CSAT, PROTOCOL.md §5.3, frame 53): after a conversation
//! that no post-conversation survey followed, where the page asks for it, the consumer may rate it 1–5
//! and say whether their question was answered; it is sent as a `CSATRate` field of the closed
//! conversation. Declining sends nothing.

use super::Session;
use crate::{
    failure::{Failure, Step},
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
}

impl Session {
    /// The user rated the conversation just closed.
    pub(super) fn rate(&mut self, stars: u8, resolved: bool) {
        let (Some(conn), Some(conversation)) = (self.ready_conn(), self.csat.offer.take()) else {
            return;
        };
        self.request(
            conn,
            Purpose::Rating,
            RequestPayload::UpdateConversationField {
                body: UpdateConversationFieldBody {
                    conversation_id: conversation,
                    conversation_field: vec![ConversationField::CsatRate {
                        csat_rate: stars.clamp(1, 5),
                        resolution_confirmation: resolved,
                        status: CsatStatus::Filled,
                    }],
                },
            },
        );
    }

    pub(super) fn on_rating_answer(&mut self, resp: &Response) {
        if resp.is_success() {
            self.transcript.system(self.t.rate_thanks);
        } else {
            self.alert = Some(Failure::Rejected {
                step: Step::Rating,
                code: resp.code,
                text: resp.body_text(),
            });
        }
    }
}
