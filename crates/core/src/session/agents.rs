//! Who the agent is: nickname and picture from the public profile on the `acCdnDomain` host
//! (PROTOCOL.md §5.10), asked once per agent. Without the host, or if the profile cannot be had
//! (LivePerson's own script used JSONP there, so CORS may be missing), the agent is "Agent" with an
//! initial-letter avatar.

use super::{effects::Effects, http::http_json};
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
    /// The ASSIGNED_AGENT of the open conversation.
    assigned: Option<String>,
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

impl Agents {
    /// The conversation's ASSIGNED_AGENT is now `agent`.
    pub(crate) fn assign(&mut self, agent: Option<String>) {
        self.assigned = agent;
    }

    pub(crate) fn assigned(&self) -> Option<&str> {
        self.assigned.as_deref()
    }

    /// Asks for `agent`'s profile at `url` (none: the account has no profile host), once per agent.
    pub(crate) fn ask(&mut self, fx: &mut Effects, agent: &str, url: Option<String>) {
        if small_map::get(&self.profiles, agent).is_some() {
            return;
        }
        self.profiles.push((agent.to_owned(), Profile::default()));
        if let Some(url) = url {
            let id = fx.http(HttpMethod::Get, url, None);
            self.asked.push((id, agent.to_owned()));
        }
    }

    /// A profile answer; false if `id` was not a profile request.
    pub(crate) fn answered(&mut self, id: HttpId, result: &Result<HttpReply, NetError>) -> bool {
        let Some(i) = self.asked.iter().position(|(asked, _)| *asked == id) else {
            return false;
        };
        let (_, agent) = self.asked.swap_remove(i);
        let answer = http_json::<serde_json::Value>(result.clone()).ok();
        if let Some(p) = answer.as_ref().and_then(AgentProfile::from_value) {
            let name = [p.nickname, p.full_name]
                .into_iter()
                .flatten()
                .map(|n| n.trim().chars().take(60).collect::<String>())
                .find(|n| !n.is_empty());
            let picture = p.picture_url.as_deref().and_then(checked_picture);
            *small_map::entry(&mut self.profiles, &agent, Profile::default) =
                Profile { name, picture };
        }
        true
    }

    /// An agent's name, once their profile is known.
    pub(crate) fn name(&self, agent: &str) -> Option<String> {
        small_map::get(&self.profiles, agent).and_then(|p| p.name.clone())
    }

    /// The assigned agent as shown; `unnamed` until their profile gives a name.
    pub(crate) fn view(&self, unnamed: &str) -> Option<AgentView> {
        let agent = self.assigned.as_deref()?;
        let profile = small_map::get(&self.profiles, agent)
            .cloned()
            .unwrap_or_default();
        let name = profile.name.unwrap_or_else(|| unnamed.to_owned());
        Some(AgentView {
            initials: initials(&name),
            name,
            picture: profile.picture,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::Timing;

    fn fx() -> Effects {
        Effects::new(Timing::default(), "t".into())
    }

    fn reply(body: &str) -> Result<HttpReply, NetError> {
        Ok(HttpReply {
            status: 200,
            body: body.into(),
        })
    }

    #[test]
    fn initials_come_from_the_first_two_words() {
        assert_eq!(super::initials("Nir L."), "NL");
        assert_eq!(super::initials("NirL"), "N");
        assert_eq!(super::initials("  ada  byron lovelace"), "AB");
        assert_eq!(super::initials("נציג"), "נ");
        assert_eq!(super::initials(""), "");
    }

    #[test]
    fn a_profile_is_asked_for_once_and_names_the_agent() {
        let (mut agents, mut fx) = (Agents::default(), fx());
        agents.assign(Some("a1".into()));
        agents.ask(&mut fx, "a1", Some("https://cdn.example/a1".into()));
        agents.ask(&mut fx, "a1", Some("https://cdn.example/a1".into()));
        let Some(crate::Command::Http { id, .. }) = fx.pop() else {
            panic!("a profile request")
        };
        assert_eq!(fx.pop(), None, "asked once");
        assert_eq!(agents.view("Agent").map(|v| v.name), Some("Agent".into()));
        assert!(!agents.answered(crate::HttpId(id.0 + 1), &reply("{}")));
        assert!(agents.answered(
            id,
            &reply(r#"{"nickname":" Nir L. ","pictureUrl":"http://x"}"#)
        ));
        let view = agents.view("Agent").expect("assigned");
        assert_eq!(
            (view.name.as_str(), view.initials.as_str()),
            ("Nir L.", "NL")
        );
        assert_eq!(view.picture, None, "only https pictures");
        assert_eq!(agents.name("a1").as_deref(), Some("Nir L."));
    }

    #[test]
    fn without_a_profile_host_the_agent_stays_unnamed() {
        let (mut agents, mut fx) = (Agents::default(), fx());
        agents.ask(&mut fx, "a1", None);
        assert_eq!(fx.pop(), None);
        assert_eq!(agents.name("a1"), None);
        assert_eq!(agents.view("Agent"), None, "nobody is assigned");
    }
}
