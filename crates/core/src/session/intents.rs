//! What the user asks for (an [`Intent`]), routed to the machines it concerns.

use super::Session;
use crate::{failure::Failure, intent::Intent};

/// What the user typed in a field, trimmed; blank is nothing.
fn typed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl Session {
    /// One intent. The alert is dismissed by whatever the user does to the session (not by reading,
    /// scrolling or the page loading); then the intent goes to the machines it concerns.
    pub(super) fn on_intent(&mut self, intent: Intent) {
        if !matches!(
            intent,
            Intent::DismissAlert
                // The page loading, not the user acting: what the session said at start stays.
                | Intent::Resume { .. }
                | Intent::ShowFrames(_)
                | Intent::Download(_)
                | Intent::Notifications(_)
                | Intent::ShowEarlier
                | Intent::Typing
                | Intent::AtBottom(_)
                | Intent::ShowPast(_)
                | Intent::ReadPast(_)
        ) {
            self.screen.dismiss();
        }
        match intent {
            Intent::Connect {
                account,
                csds,
                auth_code,
                connector,
            } => {
                let connector = typed(connector);
                if connector
                    .as_deref()
                    .is_some_and(|c| !lpchat_wire::is_connector_id(c))
                {
                    return self.screen.alert(Failure::InvalidConnector);
                }
                self.signin.give(connector);
                self.place.give_code(typed(auth_code));
                self.connect(&account, csds.as_deref(), false)
            }
            Intent::Resume {
                account: Some(account),
                csds,
            } => self.connect(&account, csds.as_deref(), true),
            Intent::Resume { account: None, .. } => self.remember_last(),
            Intent::Disconnect => self.disconnect(),
            Intent::Reconnect => self.reconnect_by_user(),
            Intent::StartConversation => self.start_conversation(),
            Intent::SendText(text) => self.send_text(text),
            Intent::Retry(key) => {
                if !self.retry_upload(key) {
                    self.retry(key)
                }
            }
            Intent::EndConversation => self.end_conversation(),
            Intent::DismissAlert => self.screen.dismiss(),
            Intent::Forget { account } => self.forget(&account),
            Intent::ShowFrames(shown) => self.screen.show_frames(shown),
            Intent::ShowEarlier => {
                self.quiet_for(self.fx.timing().quiet_history);
                match self.past.transcript() {
                    Some(read) => read.show_earlier(),
                    None => self.transcript.show_earlier(),
                }
            }
            Intent::Typing => self.on_typing(),
            Intent::AtBottom(at) => self.on_attention(None, Some(at)),
            Intent::QuickReply(i) => self.on_quick_reply(i),
            Intent::CardAction { entry, action } => self.on_card_action(entry, action),
            Intent::SkipSurvey => self.end_conversation(),
            Intent::Rate { stars, resolved } => {
                if let Some(conn) = self.ready_conn() {
                    self.csat.rate(&mut self.fx, conn, stars, resolved)
                }
            }
            Intent::SkipRating => self.csat.withdraw(),
            Intent::ShowPast(shown) => self.show_past(shown),
            Intent::ReadPast(index) => self.read_past(index),
            Intent::Download(format) => self.download(format),
            Intent::Notifications(on) => self.choose_notifications(on),
            Intent::AttachFile {
                file,
                name,
                size,
                mime,
                preview,
            } => self.attach_file(file, &name, size, &mime, preview),
        }
    }
}
