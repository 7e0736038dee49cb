//! Answers to the session's requests, and what a request lost with its socket or left unanswered
//! means for the conversation.

use super::{conversation::Phase, Session};
use crate::{
    failure::{Failure, Step},
    io::ConnId,
    pending::Purpose,
};
use lpchat_wire::{PublishEventResult, RequestConversationResult, Response};

impl Session {
    /// A request's socket is gone.
    pub(super) fn request_lost(&mut self, purpose: Purpose) {
        match purpose {
            Purpose::RequestConversation
                if matches!(self.conversation.phase(), Phase::Requesting) =>
            {
                // It may have been created: the next snapshot will tell.
                self.conversation.go(Phase::Unknown);
            }
            Purpose::Close { .. } => {
                if let Phase::Closing(id) = self.conversation.phase() {
                    self.conversation.go(Phase::Open(id.clone()));
                }
            }
            Purpose::UploadUrl { entry } => self.upload_url_lost(entry),
            Purpose::DownloadUrl { .. } => self.downloads.ended(),
            Purpose::PastHistory => self.past.lost(),
            _ => {} // publishes become uncertain in the outbox
        }
    }

    /// A request had no answer in time (the socket still seems alive).
    pub(super) fn request_timed_out(&mut self, purpose: Purpose) {
        let step = match purpose {
            Purpose::SubscribeConversations => {
                if self.conversation.looking() {
                    self.conversation.go(Phase::None);
                }
                Step::Subscribe
            }
            Purpose::RequestConversation => {
                if matches!(self.conversation.phase(), Phase::Requesting) {
                    self.conversation.go(Phase::None);
                    self.messages_not_started();
                }
                Step::StartConversation
            }
            Purpose::SubscribeMessages => {
                self.replay_checked();
                Step::Subscribe
            }
            Purpose::Close { survey } => {
                self.request_lost(Purpose::Close { survey });
                Step::EndConversation
            }
            Purpose::UploadUrl { entry } => return self.upload_url_timed_out(entry),
            Purpose::DownloadUrl { .. } => {
                self.downloads.ended();
                return self.ask_downloads();
            }
            Purpose::Rating => Step::Rating,
            Purpose::PastHistory => return self.past.answered(false, self.t),
            Purpose::Init | Purpose::Keepalive | Purpose::Publish { .. } | Purpose::Signal => {
                return
            }
        };
        self.screen.alert(Failure::TimedOut(step));
    }

    pub(super) fn on_response(&mut self, conn: ConnId, purpose: Purpose, resp: &Response) {
        let rejected = |step| Failure::Rejected {
            step,
            code: resp.code,
            text: resp.body_text(),
        };
        match purpose {
            Purpose::Init => self.on_init(conn, resp.code, resp.body_text()),
            Purpose::UploadUrl { entry } => self.on_upload_url(entry, resp),
            Purpose::DownloadUrl { entry } => self.on_download_url(entry, resp),
            Purpose::Signal => {}
            Purpose::Rating => self.on_rating_answer(resp),
            Purpose::PastHistory => self.past.answered(resp.is_success(), self.t),
            Purpose::Keepalive => self.on_keepalive_answer(),
            Purpose::SubscribeConversations => {
                if self.conversation.looking() && resp.is_success() {
                    let deadline = self.fx.after(self.fx.timing().snapshot_timeout);
                    self.conversation.snapshot_by(deadline);
                } else if self.conversation.looking() {
                    self.conversation.go(Phase::None);
                    self.screen.alert(rejected(Step::Subscribe));
                }
            }
            Purpose::RequestConversation => {
                if !matches!(self.conversation.phase(), Phase::Requesting) {
                    return;
                }
                match resp
                    .is_success()
                    .then(|| resp.body_as::<RequestConversationResult>())
                {
                    Some(Ok(result)) => {
                        self.conversation.open(result.conversation_id.clone());
                        self.fx.mark("conversation-open");
                        self.agents.assign(None);
                        self.save();
                        self.transcript.system(self.t.conversation_started);
                        let id = result.conversation_id;
                        self.subscribe_messages(conn, id.clone(), id, 0);
                        self.flush(); // what the user wrote to start it
                    }
                    Some(Err(_)) => {
                        self.conversation.go(Phase::None);
                        self.messages_not_started();
                        self.screen.alert(Failure::Rejected {
                            step: Step::StartConversation,
                            code: resp.code,
                            text: Some(self.t.no_conversation_id.into()),
                        });
                    }
                    None => {
                        self.conversation.go(Phase::None);
                        self.messages_not_started();
                        self.screen.alert(rejected(Step::StartConversation));
                    }
                }
            }
            Purpose::SubscribeMessages => {
                if !resp.is_success() {
                    self.screen.alert(rejected(Step::Subscribe));
                    self.replay_checked();
                } else {
                    let deadline = self.fx.after(self.fx.timing().replay_grace);
                    self.conversation.replay_by(deadline);
                }
            }
            Purpose::Publish { entry } => {
                if resp.is_success() {
                    let sequence = resp
                        .body_as::<PublishEventResult>()
                        .ok()
                        .and_then(|r| r.sequence);
                    if self.outbox.confirmed(entry, sequence).is_some() {
                        self.fx.mark("sent");
                    }
                    let dialog = self.conversation.open_dialog().unwrap_or_default();
                    // Not `note_sequence`: an agent's message stored just before this one may not
                    // have reached us yet (its notification and this answer travel apart), and a
                    // resubscription from past it would lose it. Only events seen count.
                    self.transcript.confirm(entry, &dialog, sequence, None);
                } else {
                    self.outbox.failed(entry);
                    self.transcript.set_failed(entry);
                    self.screen.alert(rejected(Step::Send));
                }
                self.flush(); // the next queued message
            }
            Purpose::Close { survey } => {
                if resp.is_success() && survey {
                    self.conversation_closed(None, self.t.you_skipped_survey);
                } else if resp.is_success() {
                    // The conversation change says what follows: a survey, or the end.
                    let deadline = self.fx.after(self.fx.timing().snapshot_timeout);
                    self.conversation.close_by(deadline);
                } else {
                    self.request_lost(Purpose::Close { survey });
                    self.screen.alert(rejected(Step::EndConversation));
                }
            }
        }
    }
}
