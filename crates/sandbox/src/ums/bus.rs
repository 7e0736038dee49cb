//! What the sandbox's world tells a connection (agents' messages, receipts, conversations opening and
//! closing), sent on as the notifications its subscriptions ask for.

use super::Connection;
use crate::world::BusEvent;
use lpchat_wire::{
    encode_notification, Event, ExChange, ExChangeType, ExConversationChangeNotification,
    MessagingChange, MessagingEventNotification, Notification,
};

impl Connection {
    pub(super) fn on_bus(&mut self, event: BusEvent) {
        match event {
            BusEvent::Kick(code) => {
                self.close = Some((code, "closed by the sandbox's control API"))
            }
            BusEvent::Raw(text) => {
                if self.consumer.is_some() {
                    self.outbox.push(text);
                }
            }
            BusEvent::Message(change) => {
                let Some(last) = self.dialogs.get_mut(&change.dialog_id) else {
                    return;
                };
                if let Some(seq) = change.sequence {
                    if seq <= *last {
                        return; // already sent in the replay
                    }
                    *last = seq;
                }
                self.notify_messages(vec![change]);
            }
            BusEvent::Conversation {
                consumer_id,
                change,
            } => {
                if self.consumer.as_deref() != Some(consumer_id.as_str())
                    || self.conversations.is_none()
                {
                    return;
                }
                self.notify_conversations(vec![ExChange {
                    change_type: ExChangeType::Upsert,
                    result: change,
                }]);
            }
        }
    }

    /// The consumer's events as the consumer is sent them: a ContentEvent without the request's
    /// metadata unless the demo switch is on (LivePerson's documents show no such echo; the agent side
    /// and the control API still see it, as a survey bot sees an answer's metadata).
    pub(super) fn notify_messages(&mut self, mut changes: Vec<MessagingChange>) {
        if !self.state.demo {
            for c in &mut changes {
                if matches!(c.event, Event::ContentEvent { .. }) {
                    c.metadata.clear();
                }
            }
        }
        let body = MessagingEventNotification {
            changes,
            skipped: 0,
        };
        self.outbox
            .push(encode_notification(Notification::MESSAGING_EVENT, &body));
    }

    pub(super) fn notify_conversations(&mut self, changes: Vec<ExChange>) {
        let body = ExConversationChangeNotification {
            subscription_id: self.conversations.as_ref().map(|s| s.id.clone()),
            changes,
        };
        self.outbox.push(encode_notification(
            Notification::EX_CONVERSATION_CHANGE,
            &body,
        ));
    }
}
