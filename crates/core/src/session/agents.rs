//! Who the agent is: nickname and picture from the public profile on the `acCdnDomain` host
//! (PROTOCOL.md §5.10), asked once per agent. Without the host, or if the profile cannot be had
//! (LivePerson's own script used JSONP there, so CORS may be missing), the agent is "Agent" with an
//! initial-letter avatar.

use super::{http::http_json, Session};
use crate::small_map;
use crate::{
    files::checked_picture,
    io::{HttpId, HttpMethod, HttpReply, NetError},
    AgentView,
};
use lpchat_wire::AgentProfile;

#[derive(Debug, Clone, Default)]
struct Profile {
    name: Option<String>,
    picture: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Agents {
    profiles: Vec<(String, Profile)>,
    /// Profile requests on their way (one per agent of the conversation: a few at most).
    asked: Vec<(HttpId, String)>,
}

/// The first letters of the first two words, upper case ("Nir L." → "NL"). ASCII case rules only:
/// Unicode's case tables would cost the bundle kilobytes for a letter in a circle.
fn initials(name: &str) -> String {
    name.split(' ')
        .filter_map(|w| w.chars().find(|c| !c.is_ascii_punctuation()))
        .take(2)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Session {
    /// The conversation's ASSIGNED_AGENT is now `agent` (whose profile is asked for, once).
    pub(super) fn assign_agent(&mut self, agent: Option<String>) {
        if let Some(a) = &agent {
            self.ask_profile(a);
        }
        self.assigned_agent = agent;
    }

    /// Asks for the agent's profile, once.
    pub(super) fn ask_profile(&mut self, agent: &str) {
        if small_map::get(&self.agents.profiles, agent).is_some() {
            return;
        }
        self.agents
            .profiles
            .push((agent.to_owned(), Profile::default()));
        let Some(url) = self
            .endpoints
            .as_ref()
            .and_then(|e| e.agent_profile_url(agent))
        else {
            return;
        };
        let id = self.http_request(HttpMethod::Get, url, None);
        self.agents.asked.push((id, agent.to_owned()));
    }

    /// A profile answer; false if `id` was not a profile request.
    pub(super) fn on_profile(&mut self, id: HttpId, result: &Result<HttpReply, NetError>) -> bool {
        let Some(i) = self.agents.asked.iter().position(|(asked, _)| *asked == id) else {
            return false;
        };
        let (_, agent) = self.agents.asked.swap_remove(i);
        if let Ok(p) =
            http_json::<serde_json::Value>(result.clone()).map(|v| AgentProfile::from_value(&v))
        {
            let name = [p.nickname, p.full_name]
                .into_iter()
                .flatten()
                .map(|n| n.trim().chars().take(60).collect::<String>())
                .find(|n| !n.is_empty());
            let picture = p.picture_url.as_deref().and_then(checked_picture);
            *small_map::entry(&mut self.agents.profiles, &agent, Profile::default) =
                Profile { name, picture };
        }
        true
    }

    /// An agent's name, once their profile is known.
    pub(super) fn agent_name(&self, agent: &str) -> Option<String> {
        small_map::get(&self.agents.profiles, agent).and_then(|p| p.name.clone())
    }

    /// The assigned agent as shown.
    pub(super) fn agent_view(&self) -> Option<AgentView> {
        let agent = self.assigned_agent.as_deref()?;
        let profile = small_map::get(&self.agents.profiles, agent)
            .cloned()
            .unwrap_or_default();
        let name = profile.name.unwrap_or_else(|| self.t.agent.to_owned());
        Some(AgentView {
            initials: initials(&name),
            name,
            picture: profile.picture,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_come_from_the_first_two_words() {
        assert_eq!(super::initials("Nir L."), "NL");
        assert_eq!(super::initials("NirL"), "N");
        assert_eq!(super::initials("  ada  byron lovelace"), "AB");
        assert_eq!(super::initials("נציג"), "נ");
        assert_eq!(super::initials(""), "");
    }
}
