//! The consumer's requests after InitConnection, one method each, answered as LivePerson documents
//! them (PROTOCOL.md §5, §6); `mod.rs` reads the frame and dispatches here.

use super::{Connection, Subscription, REPLAY_CHUNK};
use crate::world::{now_ms, CloseScope, Refusal};
use lpchat_wire::{
    ConversationField, Event, ExChange, ExChangeType, Feature, MessagingChange, OriginatorMetadata,
    PublishEventResult, ReqId, RequestConversationResult, SubscribeExConversationsResult,
};
use serde_json::{json, Value};

impl Connection {
    /// Asks for a conversation (PROTOCOL.md §5.1): one open at a time, on a valid skill.
    pub(super) fn request_conversation(
        &mut self,
        id: ReqId,
        consumer: String,
        body: Option<lpchat_wire::ConversationRequestBody>,
    ) {
        let world = self.state.world.clone();
        let multi_dialog = self.features.contains(&Feature::MultiDialog);
        // A skill is a number, or -1 for any (PROTOCOL.md §5.1); anything else is refused.
        let skill = body.and_then(|b| b.skill_id).map(|s| s.0);
        if skill
            .as_deref()
            .is_some_and(|s| !lpchat_wire::is_skill_id(s))
        {
            return self.error(id, 400, "Invalid skillId");
        }
        match world.open_conversation(&self.account, &consumer, multi_dialog, skill) {
            Ok(conversation_id) => self.respond(
                id,
                200,
                "cm.RequestConversationResponse",
                serde_json::to_value(RequestConversationResult { conversation_id }).ok(),
            ),
            Err(_) => self.error(id, 400, "There is already an open conversation"),
        }
    }

    /// Publishes the consumer's event (PROTOCOL.md §5.2): chat states on the main dialog only, the rest sequenced.
    pub(super) fn publish(
        &mut self,
        id: ReqId,
        consumer: String,
        body: lpchat_wire::PublishEventBody,
        metadata: Vec<lpchat_wire::MetadataItem>,
    ) {
        let world = self.state.world.clone();
        match &body.event {
            Event::ChatStateEvent { .. } => {
                let conversations = world.conversations_of(&consumer);
                let dialog = conversations
                    .iter()
                    .find_map(|c| Some((c, c.dialog(&body.dialog_id)?)));
                match dialog {
                    Some((_, d)) if !d.open => {
                        return self.error(id, 400, "The dialog is not open")
                    }
                    None => return self.error(id, 400, "The dialog is not open"),
                    // A survey takes no chat states (PROTOCOL.md §5.2, LivePerson's demo app).
                    Some((c, _)) if c.main.id != body.dialog_id => {
                        return self.error(id, 400, "Chat states are not accepted on this dialog")
                    }
                    Some(_) => {}
                }
                world.chat_state(MessagingChange {
                    sequence: None,
                    originator_id: Some(consumer.clone()),
                    originator_metadata: Some(OriginatorMetadata {
                        id: Some(consumer.clone()),
                        role: Some(lpchat_wire::Role::Consumer),
                    }),
                    server_timestamp: None,
                    event: body.event.clone(),
                    dialog_id: body.dialog_id.clone(),
                    conversation_id: Some(body.dialog_id.clone()),
                    message_audience: Some(lpchat_wire::Audience::All),
                    metadata: Vec::new(),
                });
                self.respond(
                    id,
                    200,
                    "ms.PublishEventResponse",
                    Some(json!({"sequence": 0})),
                );
            }
            Event::Unknown => self.error(id, 400, "Unknown event type"),
            _ => match world.publish(
                &body.dialog_id,
                Some(&consumer),
                (&consumer, lpchat_wire::Role::Consumer),
                body.event,
                metadata,
            ) {
                Ok(sequence) => self.respond(
                    id,
                    200,
                    "ms.PublishEventResponse",
                    serde_json::to_value(PublishEventResult {
                        sequence: Some(sequence),
                    })
                    .ok(),
                ),
                Err(Refusal::Closed) => self.error(id, 400, "The dialog is closed"),
                Err(_) => self.error(id, 400, "Unknown dialog"),
            },
        }
    }

    /// Changes a conversation's fields (PROTOCOL.md §5.3): closing it or a dialog, or rating it.
    pub(super) fn update_field(
        &mut self,
        id: ReqId,
        consumer: String,
        body: lpchat_wire::UpdateConversationFieldBody,
    ) {
        let world = self.state.world.clone();
        // What closes (PROTOCOL.md §5.3): ConversationStateField and Stage close everything (no
        // survey); DialogChange closes one dialog (closing MAIN lets the survey start).
        let close = body.conversation_field.iter().find_map(|f| match f {
            ConversationField::ConversationState { conversation_state }
            | ConversationField::Stage { conversation_state }
                if *conversation_state == lpchat_wire::State::Close =>
            {
                Some((body.conversation_id.clone(), CloseScope::All))
            }
            ConversationField::DialogChange { dialog, .. }
                if dialog.state == lpchat_wire::State::Close =>
            {
                Some((dialog.dialog_id.clone(), CloseScope::Main))
            }
            _ => None,
        });
        let rating = body.conversation_field.iter().find_map(|f| match f {
            ConversationField::CsatRate {
                csat_rate,
                resolution_confirmation,
                status,
            } => Some((*csat_rate, *resolution_confirmation, *status)),
            _ => None,
        });
        if let Some((rate, resolved, status)) = rating {
            // All three fields are required; the rating is 1–5 (PROTOCOL.md §5.3, frame 53).
            if !(1..=5).contains(&rate) || status == lpchat_wire::CsatStatus::Unknown {
                return self.error(id, 400, "Invalid CSATRate");
            }
            return match world.rate(&body.conversation_id, &consumer, rate, resolved) {
                Ok(()) => self.respond(id, 200, "StringResponse", Some(Value::String("OK".into()))),
                Err(Refusal::StillOpen) => self.error(id, 400, "The conversation is still open"),
                Err(_) => self.error(id, 400, "Unknown conversation"),
            };
        }
        let Some((target, scope)) = close else {
            let owned = world
                .conversations_of(&consumer)
                .iter()
                .any(|c| c.id == body.conversation_id);
            let known = body
                .conversation_field
                .iter()
                .all(|f| !matches!(f, ConversationField::Other));
            return match (owned, known) {
                (true, true) => {
                    self.respond(id, 200, "StringResponse", Some(Value::String("OK".into())))
                }
                (false, _) => self.error(id, 400, "Unknown conversation"),
                (true, false) => self.error(id, 400, "Unsupported conversation field"),
            };
        };
        match world.close(
            &target,
            Some(&consumer),
            lpchat_wire::CloseReason::Consumer,
            scope,
        ) {
            Ok(()) => self.respond(
                id,
                200,
                "StringResponse",
                Some(Value::String(
                    "OK Conversation resolved successfully".into(),
                )),
            ),
            Err(Refusal::Closed) => self.error(id, 400, "The conversation is already closed"),
            Err(_) => self.error(id, 400, "Unknown conversation"),
        }
    }

    /// Ends the conversation subscription named.
    pub(super) fn unsubscribe(
        &mut self,
        id: ReqId,
        body: lpchat_wire::UnsubscribeExConversationsBody,
    ) {
        if self
            .conversations
            .as_ref()
            .is_some_and(|s| s.id == body.subscription_id)
        {
            self.conversations = None;
            self.respond(id, 200, "StringResponse", Some(Value::String("OK".into())));
        } else {
            self.error(id, 400, "Unknown subscription");
        }
    }

    /// An upload URL on the sandbox's swift host (PROTOCOL.md §5.8), for a consumer that declared sharing.
    pub(super) fn upload_url(&mut self, id: ReqId, body: lpchat_wire::UploadFileBody) {
        let world = self.state.world.clone();
        // The server decides what a consumer may do from its declared features (PROTOCOL.md
        // §10c.3): no upload URL for one that did not declare photo or file sharing (strict).
        let sharing = self
            .features
            .iter()
            .any(|f| matches!(f, Feature::PhotoSharing | Feature::FileSharing));
        if !sharing {
            return self.error(id, 400, "Photo sharing is not enabled for this consumer");
        }
        match world.grant_upload(
            &self.account,
            &body.file_type,
            body.file_size.as_str(),
            now_ms() / 1000,
        ) {
            Ok(url) => self.respond(
                id,
                200,
                "ms.BaseGenerateURLResponse",
                serde_json::to_value(url).ok(),
            ),
            Err(why) => self.error(id, 400, why),
        }
    }

    /// A download URL for a file shared in a conversation (PROTOCOL.md §5.8).
    pub(super) fn download_url(&mut self, id: ReqId, body: lpchat_wire::DownloadFileBody) {
        let world = self.state.world.clone();
        match world.grant_download(&body.relative_path, now_ms() / 1000) {
            Some(url) => self.respond(
                id,
                200,
                "ms.BaseGenerateURLResponse",
                serde_json::to_value(url).ok(),
            ),
            None => self.error(id, 400, "Unknown file"),
        }
    }

    /// Follows a dialog's events from `fromSeq` (PROTOCOL.md §6.1): the history first, in chunks.
    pub(super) fn subscribe_messages(
        &mut self,
        id: ReqId,
        consumer: String,
        body: lpchat_wire::SubscribeMessagingEventsBody,
    ) {
        let world = self.state.world.clone();
        // The conversation named must be the one the dialog belongs to (a survey dialog has
        // an id of its own and names its conversation's, PCS step 10).
        if let Some(c) = &body.conversation_id {
            let belongs = world
                .conversations_of(&consumer)
                .iter()
                .any(|conv| conv.id == *c && conv.dialog(&body.dialog_id).is_some());
            if !belongs {
                return self.error(id, 400, "conversationId does not match the dialog");
            }
        }
        match world.replay(&body.dialog_id, &consumer, body.from_seq) {
            Err(_) => self.error(id, 400, "Unknown dialog"),
            Ok(changes) => {
                self.respond(id, 200, ".ams.GenericSubscribeResponse", None);
                let last = changes
                    .last()
                    .and_then(|c| c.sequence)
                    .unwrap_or(body.from_seq - 1);
                self.dialogs.insert(body.dialog_id, last);
                // How LivePerson splits a long replay is not documented (PROTOCOL.md §6.1 only
                // says one notification can carry several changes); the sandbox sends at most
                // REPLAY_CHUNK per notification so no frame grows with the conversation.
                for chunk in changes.chunks(REPLAY_CHUNK) {
                    self.notify_messages(chunk.to_vec());
                }
            }
        }
    }

    /// Follows the consumer's conversations in the states asked for (PROTOCOL.md §5.5): a snapshot first.
    pub(super) fn subscribe_conversations(
        &mut self,
        id: ReqId,
        consumer: String,
        body: lpchat_wire::SubscribeExConversationsBody,
    ) {
        let world = self.state.world.clone();
        let sub = Subscription {
            id: uuid::Uuid::new_v4().to_string(),
            states: if body.conv_state.is_empty() {
                vec![lpchat_wire::State::Open]
            } else {
                body.conv_state
            },
        };
        self.respond(
            id,
            200,
            "cqm.SubscribeExConversationsResponse",
            serde_json::to_value(SubscribeExConversationsResult {
                subscription_id: sub.id.clone(),
            })
            .ok(),
        );
        let snapshot: Vec<ExChange> = world
            .conversations_of(&consumer)
            .iter()
            .map(|c| c.ex_change())
            .filter(|c| {
                sub.states
                    .iter()
                    .any(|s| Some(s) == c.conversation_details.state.as_ref())
            })
            .map(|result| ExChange {
                change_type: ExChangeType::Upsert,
                result,
            })
            .collect();
        self.conversations = Some(sub);
        self.notify_conversations(snapshot);
    }
}
