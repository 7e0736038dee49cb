//! Requests encoded by hand into JSON values. The derived serializers (an internally tagged payload
//! flattened into the frame, tagged headers, fields and events) cost the WebAssembly bundle several
//! kilobytes; the derives stay for the sandbox and the tests, which check that both agree on every
//! documented frame (`tests/every_frame.rs`).

use crate::{
    event::Event,
    request::{
        ConversationField, ConversationRequestBody, Header, MetadataItem, Request, RequestPayload,
    },
};
use serde_json::{Map, Value};

/// A JSON object under construction.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Self {
        Obj(Map::new())
    }

    fn put(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    fn opt<T: Into<Value>>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    fn list<'a>(
        self,
        key: &str,
        items: impl ExactSizeIterator<Item = &'a str>,
        skip_empty: bool,
    ) -> Self {
        if skip_empty && items.len() == 0 {
            return self;
        }
        self.put(key, items.map(Value::from).collect::<Vec<_>>())
    }
}

impl From<Obj> for Value {
    fn from(o: Obj) -> Value {
        Value::Object(o.0)
    }
}

fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref()
}

impl Event {
    /// As JSON (the `type` tag and the variant's fields).
    pub fn to_value(&self) -> Value {
        match self {
            Event::ContentEvent {
                content_type,
                message,
                quick_replies,
            } => Obj::new()
                .put("type", "ContentEvent")
                .put("contentType", content_type.as_str())
                .put("message", message.clone())
                .opt("quickReplies", quick_replies.clone()),
            Event::RichContentEvent {
                content,
                quick_replies,
            } => Obj::new()
                .put("type", "RichContentEvent")
                .put("content", content.clone())
                .opt("quickReplies", quick_replies.clone()),
            Event::ChatStateEvent { chat_state } => Obj::new()
                .put("type", "ChatStateEvent")
                .put("chatState", chat_state.as_str()),
            Event::AcceptStatusEvent {
                status,
                sequence_list,
            } => Obj::new()
                .put("type", "AcceptStatusEvent")
                .put("status", status.as_str())
                .put("sequenceList", sequence_list.clone()),
            Event::Unknown => Obj::new().put("type", "Unknown"),
        }
        .into()
    }
}

impl Header {
    fn to_value(&self) -> Value {
        match self {
            Header::ClientProperties(p) => Obj::new()
                .put("type", ".ams.headers.ClientProperties")
                .opt("appId", text(&p.app_id))
                .opt("appVersion", text(&p.app_version))
                .opt("deviceFamily", text(&p.device_family))
                .opt("os", text(&p.os))
                .opt("integration", text(&p.integration))
                .opt("integrationVersion", text(&p.integration_version))
                .opt("browser", text(&p.browser))
                .opt("browserVersion", text(&p.browser_version))
                .list("features", p.features.iter().map(String::as_str), true),
            Header::ConsumerAuthentication(a) => Obj::new()
                .put("type", ".ams.headers.ConsumerAuthentication")
                .put("jwt", a.jwt.as_str()),
        }
        .into()
    }
}

impl ConversationField {
    fn to_value(&self) -> Value {
        match self {
            ConversationField::ConversationState { conversation_state } => Obj::new()
                .put("field", "ConversationStateField")
                .put("conversationState", conversation_state.as_str()),
            ConversationField::DialogChange { change, dialog } => Obj::new()
                .put("field", "DialogChange")
                .put("type", change.as_str())
                .put(
                    "dialog",
                    Obj::new()
                        .put("dialogId", dialog.dialog_id.as_str())
                        .put("state", dialog.state.as_str())
                        .opt("closedCause", text(&dialog.closed_cause)),
                ),
            ConversationField::Stage { conversation_state } => Obj::new()
                .put("field", "Stage")
                .put("conversationState", conversation_state.as_str()),
            ConversationField::CsatRate {
                csat_rate,
                resolution_confirmation,
                status,
            } => Obj::new()
                .put("field", "CSATRate")
                .put("csatRate", *csat_rate)
                .put("csatResolutionConfirmation", *resolution_confirmation)
                .put("status", status.as_str()),
            ConversationField::Ttr { ttr_type, value } => Obj::new()
                .put("field", "TTRField")
                .put("ttrType", ttr_type.as_str())
                .opt("value", *value),
            ConversationField::Other => Obj::new().put("field", "Other"),
        }
        .into()
    }
}

impl ConversationRequestBody {
    fn to_value(&self) -> Value {
        Obj::new()
            .opt("channelType", text(&self.channel_type))
            .opt("ttrDefName", text(&self.ttr_def_name))
            .opt(
                "campaignInfo",
                self.campaign_info.as_ref().map(|c| {
                    Obj::new()
                        .put("campaignId", c.campaign_id.0.as_str())
                        .put("engagementId", c.engagement_id.0.as_str())
                }),
            )
            .opt("conversationContext", self.conversation_context.clone())
            .opt("skillId", self.skill_id.as_ref().map(|s| s.0.as_str()))
            .opt("brandId", self.brand_id.as_ref().map(|s| s.0.as_str()))
            .into()
    }
}

impl MetadataItem {
    fn to_value(&self) -> Value {
        let mut fields = self.fields.clone();
        fields.insert("type".into(), Value::String(self.kind.clone()));
        Value::Object(fields)
    }
}

impl Request {
    /// As JSON: `kind`, `id`, `type`, the type's `body` (or `headers`) and any `metadata`.
    pub fn to_value(&self) -> Value {
        let frame = Obj::new()
            .put("kind", self.kind.as_str())
            .put("id", self.id.0.as_str())
            .put("type", self.payload.type_name());
        let frame = match &self.payload {
            RequestPayload::InitConnection { headers } => frame.put(
                "headers",
                headers.iter().map(Header::to_value).collect::<Vec<_>>(),
            ),
            RequestPayload::ConsumerRequestConversation { body } => {
                frame.opt("body", body.as_ref().map(ConversationRequestBody::to_value))
            }
            RequestPayload::PublishEvent { body } => frame.put(
                "body",
                Obj::new()
                    .put("dialogId", body.dialog_id.as_str())
                    .opt("conversationId", text(&body.conversation_id))
                    .put("event", body.event.to_value()),
            ),
            RequestPayload::UpdateConversationField { body } => frame.put(
                "body",
                Obj::new()
                    .put("conversationId", body.conversation_id.as_str())
                    .put(
                        "conversationField",
                        body.conversation_field
                            .iter()
                            .map(ConversationField::to_value)
                            .collect::<Vec<_>>(),
                    ),
            ),
            RequestPayload::SubscribeMessagingEvents { body } => frame.put(
                "body",
                Obj::new()
                    .put("dialogId", body.dialog_id.as_str())
                    .put("fromSeq", body.from_seq)
                    .opt("conversationId", text(&body.conversation_id)),
            ),
            RequestPayload::SubscribeExConversations { body } => frame.put(
                "body",
                Obj::new()
                    .opt("minLastUpdatedTime", body.min_last_updated_time)
                    .list(
                        "convState",
                        body.conv_state.iter().map(|s| s.as_str()),
                        false,
                    )
                    .list("stage", body.stage.iter().map(|s| s.as_str()), true),
            ),
            RequestPayload::UnsubscribeExConversations { body } => frame.put(
                "body",
                Obj::new().put("subscriptionId", body.subscription_id.as_str()),
            ),
            RequestPayload::GetClock {} => frame,
            RequestPayload::GenerateUrlForUploadFile { body } => frame.put(
                "body",
                Obj::new()
                    .put("fileSize", body.file_size.0.as_str())
                    .put("fileType", body.file_type.as_str()),
            ),
            RequestPayload::GenerateUrlForDownloadFile { body } => frame.put(
                "body",
                Obj::new().put("relativePath", body.relative_path.as_str()),
            ),
        };
        let frame = if self.metadata.is_empty() {
            frame
        } else {
            frame.put(
                "metadata",
                self.metadata
                    .iter()
                    .map(MetadataItem::to_value)
                    .collect::<Vec<_>>(),
            )
        };
        frame.into()
    }
}
