//! Following the conversation across sockets: the conversations subscription and its snapshot,
//! resuming after a reconnect, the messages subscription of the dialog followed, the deadlines of
//! [`Conversation`](super::conversation::Conversation), and closing once whoever reports it first.

use super::{
    conversation::{Missed, Phase},
    Session,
};
use crate::{
    failure::{Failure, Step},
    io::ConnId,
    pending::Purpose,
};
use lpchat_wire::{
    RequestPayload, State, SubscribeExConversationsBody, SubscribeMessagingEventsBody,
};

impl Session {
    /// Asks for this consumer's conversations; the first notification answering is the snapshot.
    pub(super) fn subscribe_conversations(&mut self, conn: ConnId) {
        self.fx.request(
            conn,
            Purpose::SubscribeConversations,
            RequestPayload::SubscribeExConversations {
                body: SubscribeExConversationsBody {
                    min_last_updated_time: Some(0),
                    conv_state: vec![State::Open, State::Close],
                    stage: Vec::new(),
                },
            },
        );
    }

    /// The snapshot did not come in time: the conversation machine says what that means.
    fn snapshot_missed(&mut self, missed: Missed) {
        match missed {
            Missed::NoConversation => {
                self.no_conversation();
                self.fx.mark("ready");
            }
            Missed::Unknowable => self.screen.alert(Failure::Unreadable(Step::Subscribe)),
            Missed::LookAgain => {
                if let Some(conn) = self.ready_conn() {
                    self.subscribe_conversations(conn);
                }
            }
        }
    }

    /// InitConnection succeeded: resume what was open, or look for it.
    pub(super) fn conversation_after_connect(&mut self, conn: ConnId) {
        let uncertain = self.outbox.has_uncertain();
        if let Some(resume) = self.conversation.reconnected(uncertain) {
            if resume.from_seq == 0 {
                // The whole history comes (a page load): it goes in quietly.
                self.quiet_for(self.fx.timing().quiet_history * 3);
            }
            self.subscribe_messages(conn, resume.conversation, resume.dialog, resume.from_seq);
            self.flush();
        }
        if !self.conversation.looking() {
            self.fx.mark("ready"); // known at once: a fresh identity, or the conversation being continued
        }
        self.ask_past(); // a past conversation being read when the socket went
    }

    /// A fresh identity cannot see the old conversation: end it for the user, keep its transcript.
    pub(super) fn conversation_lost_with_identity(&mut self, code: u16) {
        if self.conversation.had_one() {
            self.transcript.system(crate::text::fill(
                self.t.identity_renewed,
                &[&code.to_string()],
            ));
        }
        self.fail_unsent();
        self.conversation.forget();
        self.past = Default::default(); // the old identity's
    }

    pub(super) fn expire_conversation(&mut self) {
        let now = self.fx.now();
        if let Some(missed) = self.conversation.snapshot_missed(now) {
            self.snapshot_missed(missed);
        }
        if self.conversation.replay_overdue(now) {
            self.replay_checked();
        }
        // The close was accepted but its conversation change never came: it is closed.
        if self.conversation.close_overdue(now)
            && matches!(self.conversation.phase(), Phase::Closing(_))
        {
            self.conversation_closed(None, self.t.you_ended);
        }
    }

    /// The replay after resubscribing came (or its wait ended): the outbox knows what arrived.
    pub(super) fn replay_checked(&mut self) {
        if self.conversation.replay_done() {
            self.outbox.replay_checked();
            self.flush();
        }
    }

    /// Follows one dialog of `conversation` from `from_seq`: the main dialog (whose id is the
    /// conversation's), or the survey dialog, which has its own id but names the conversation's
    /// (PROTOCOL.md §6.2, the PCS tutorial's step 10).
    pub(super) fn subscribe_messages(
        &mut self,
        conn: ConnId,
        conversation: String,
        dialog: String,
        from_seq: i64,
    ) {
        self.conversation.await_history();
        self.fx.request(
            conn,
            Purpose::SubscribeMessages,
            RequestPayload::SubscribeMessagingEvents {
                body: SubscribeMessagingEventsBody {
                    dialog_id: dialog,
                    from_seq,
                    conversation_id: Some(conversation),
                },
            },
        );
    }

    /// Marks the current conversation closed once, whoever reported it first.
    pub(super) fn conversation_closed(&mut self, id: Option<&str>, text: &str) {
        let Some((current, surveyed)) = self.conversation.closed(id) else {
            return;
        };
        self.csat.after_close(&current, surveyed);
        self.quick_replies.withdraw();
        self.typing.agent_stopped();
        self.save();
        self.fail_unsent();
        self.transcript.system(text);
    }

    /// Whether the socket is ready (for the view).
    pub(super) fn is_ready(&self) -> bool {
        self.link.ready_conn().is_some()
    }
}
