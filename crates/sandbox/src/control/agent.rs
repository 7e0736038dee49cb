//! What the agent does, through the control API (the console and tests): messages, pictures, any
//! event, receipts, a transfer, the close.

use super::{refusal, AgentEvent, AgentMessage, AgentReceipts};
use crate::{
    world::{Refusal, AGENT_ID},
    AppState,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use lpchat_wire::Event;
use serde::{Deserialize, Serialize};

/// `POST /control/conversations/{id}/messages`.
pub(crate) async fn post_message(
    Path(id): Path<String>,
    State(state): State<AppState>,
    Json(msg): Json<AgentMessage>,
) -> Response {
    if msg.text.trim().is_empty() {
        return (StatusCode::BAD_REQUEST, "empty message").into_response();
    }
    let texts: Vec<String> = match msg.count {
        None => vec![msg.text],
        Some(n @ 1..=20_000) => (1..=n).map(|i| format!("{} {i}", msg.text)).collect(),
        Some(_) => return (StatusCode::BAD_REQUEST, "count is 1 to 20000").into_response(),
    };
    let mut sequence = 0;
    let agent = state.world.agent_of(&id).unwrap_or_else(|| AGENT_ID.into());
    for text in texts {
        match state.world.publish(
            &id,
            None,
            (&agent, lpchat_wire::Role::AssignedAgent),
            Event::text(text),
            Vec::new(),
        ) {
            Ok(s) => sequence = s,
            Err(r) => return refusal(r),
        }
    }
    Json(serde_json::json!({ "sequence": sequence })).into_response()
}

/// Body of `POST /control/conversations/{id}/picture` (all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AgentPicture {
    /// The caption (default "A picture from the agent").
    #[serde(default)]
    pub caption: Option<String>,
}

/// `POST /control/conversations/{id}/picture`: the agent shares a picture (the sandbox's own), as a
/// `hosted/file` event with a small preview, the way an agent's upload arrives.
pub(crate) async fn post_picture(
    Path(id): Path<String>,
    State(state): State<AppState>,
    body: Option<Json<AgentPicture>>,
) -> Response {
    use base64::Engine;
    let caption = body
        .and_then(|Json(b)| b.caption)
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "A picture from the agent".into());
    let Some((path, agent)) = state.world.store_agent_picture(&id) else {
        return refusal(Refusal::Unknown);
    };
    let preview = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(crate::swift::PICTURE)
    );
    let file = lpchat_wire::HostedFile {
        caption,
        relative_path: path.clone(),
        file_type: "PNG".into(),
        preview: Some(preview),
    };
    match state.world.publish(
        &id,
        None,
        (&agent, lpchat_wire::Role::AssignedAgent),
        Event::hosted_file(&file),
        Vec::new(),
    ) {
        Ok(sequence) => {
            Json(serde_json::json!({ "sequence": sequence, "path": path })).into_response()
        }
        Err(r) => refusal(r),
    }
}

/// `POST /control/conversations/{id}/events`: the agent publishes any event (typing, a card,
/// quick replies…).
pub(crate) async fn post_event(
    Path(id): Path<String>,
    State(state): State<AppState>,
    Json(body): Json<AgentEvent>,
) -> Response {
    let Ok(event) = serde_json::from_value::<Event>(body.event) else {
        return (StatusCode::BAD_REQUEST, "not an event").into_response();
    };
    let Some((agent, dialog)) = state.world.agent_and_dialog(&id) else {
        return refusal(Refusal::Unknown);
    };
    match event {
        Event::Unknown => (StatusCode::BAD_REQUEST, "unknown event type").into_response(),
        Event::ChatStateEvent { .. } => {
            state.world.chat_state(lpchat_wire::MessagingChange {
                sequence: None,
                originator_id: Some(agent.clone()),
                originator_metadata: Some(lpchat_wire::OriginatorMetadata {
                    id: Some(agent),
                    role: Some(lpchat_wire::Role::AssignedAgent),
                }),
                server_timestamp: None,
                event,
                conversation_id: Some(dialog.clone()),
                dialog_id: dialog,
                message_audience: Some(lpchat_wire::Audience::All),
                metadata: Vec::new(),
            });
            StatusCode::NO_CONTENT.into_response()
        }
        event => match state.world.publish(
            &id,
            None,
            (&agent, lpchat_wire::Role::AssignedAgent),
            event,
            Vec::new(),
        ) {
            Ok(sequence) => Json(serde_json::json!({ "sequence": sequence })).into_response(),
            Err(r) => refusal(r),
        },
    }
}

/// `POST /control/conversations/{id}/receipts`: the agent's ACCEPT or READ for the consumer's
/// messages it has not receipted yet.
pub(crate) async fn post_receipts(
    Path(id): Path<String>,
    State(state): State<AppState>,
    Json(body): Json<AgentReceipts>,
) -> Response {
    let status = match body.status.as_str() {
        "ACCEPT" => lpchat_wire::AcceptStatus::Accept,
        "READ" => lpchat_wire::AcceptStatus::Read,
        _ => return (StatusCode::BAD_REQUEST, "status is ACCEPT or READ").into_response(),
    };
    match state.world.agent_receipts(&id, status) {
        Ok(n) => Json(serde_json::json!({ "covered": n })).into_response(),
        Err(r) => refusal(r),
    }
}

/// `POST /control/conversations/{id}/transfer`: another agent takes over.
pub(crate) async fn transfer(Path(id): Path<String>, State(state): State<AppState>) -> Response {
    match state.world.transfer(&id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => refusal(r),
    }
}

/// `POST /control/conversations/{id}/close`.
pub(crate) async fn close(Path(id): Path<String>, State(state): State<AppState>) -> Response {
    match state.world.close(
        &id,
        None,
        lpchat_wire::CloseReason::Agent,
        crate::world::CloseScope::Main,
    ) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => refusal(r),
    }
}
