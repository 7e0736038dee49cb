//! What the agent does besides talking: transfers and read receipts (driven by the control API and
//! the agent console).

use crate::world::{BusEvent, Refusal, World};
use lpchat_wire::{AcceptStatus, Event};
use std::collections::HashSet;

impl World {
    /// The conversation's assigned agent (who the console speaks as).
    pub fn agent_of(&self, conversation: &str) -> Option<String> {
        self.agent_and_dialog(conversation).map(|(agent, _)| agent)
    }

    /// The assigned agent and the dialog the conversation is in now (where a chat state goes).
    pub fn agent_and_dialog(&self, conversation: &str) -> Option<(String, String)> {
        let mut inner = self.lock();
        let conv = Self::find(&mut inner, conversation, None).ok()?;
        Some((conv.agent_id.clone(), conv.current_dialog().id.clone()))
    }

    /// Whether `id` is (or was) the agent of some conversation here.
    pub fn is_agent(&self, id: &str) -> bool {
        self.lock().conversations.values().any(|c| c.agent_id == id)
    }

    /// Hands the conversation to another agent (a new ASSIGNED_AGENT participant).
    pub fn transfer(&self, conversation: &str) -> Result<(), Refusal> {
        let mut inner = self.lock();
        let conv = Self::find(&mut inner, conversation, None)?;
        if !conv.main.open {
            return Err(Refusal::Closed);
        }
        conv.agent_id = uuid::Uuid::new_v4().to_string();
        conv.agent_joined = true;
        conv.touch();
        self.announce(conv);
        Ok(())
    }

    /// The agent's receipt (`ACCEPT` or `READ`) for every consumer message of the open dialog it has
    /// not yet receipted with that status; returns how many sequences it covered.
    pub fn agent_receipts(
        &self,
        conversation: &str,
        status: AcceptStatus,
    ) -> Result<usize, Refusal> {
        let mut inner = self.lock();
        let conv = Self::find(&mut inner, conversation, None)?;
        let agent = conv.agent_id.clone();
        let dialog = conv.current_dialog();
        if !dialog.open {
            return Err(Refusal::Closed);
        }
        let covered: HashSet<i64> = dialog
            .events
            .iter()
            .filter(|e| e.role() != Some(lpchat_wire::Role::Consumer))
            .filter_map(|e| match &e.event {
                Event::AcceptStatusEvent {
                    status: s,
                    sequence_list,
                } if *s == status
                    || (*s == AcceptStatus::Read && status == AcceptStatus::Accept) =>
                {
                    Some(sequence_list.iter().copied())
                }
                _ => None,
            })
            .flatten()
            .collect();
        let list: Vec<i64> = dialog
            .events
            .iter()
            .filter(|e| {
                e.role() == Some(lpchat_wire::Role::Consumer) && e.event.as_text().is_some()
            })
            .filter_map(|e| e.sequence)
            .filter(|s| !covered.contains(s))
            .collect();
        let dialog_id = dialog.id.clone();
        if list.is_empty() {
            return Ok(0);
        }
        let n = list.len();
        let event = Event::AcceptStatusEvent {
            status,
            sequence_list: list,
        };
        if let Some(change) = conv.append(
            &dialog_id,
            (&agent, lpchat_wire::Role::AssignedAgent),
            event,
            Vec::new(),
        ) {
            let _ = self.bus.send(BusEvent::Message(change));
        }
        Ok(n)
    }
}
