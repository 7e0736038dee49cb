//! Where a new conversation is routed (PROTOCOL.md §5.1): by default the account's own routing; with
//! a skill (the page's `?skill=`), `{"skillId": "<skill>"}` in `cm.ConsumerRequestConversation`, as
//! LivePerson's browser SDK sent it.

use crate::failure::Failure;
use lpchat_wire::{is_skill_id, ConversationRequestBody, ReqId, MAX_SKILL_DIGITS};

/// The skill to route to: `None` for none (absent or blank), the id for digits or `-1` (any skill),
/// else a failure that says so (the conversation then uses the default routing).
pub(crate) fn skill(given: Option<&str>) -> Result<Option<String>, Failure> {
    let Some(given) = given.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if is_skill_id(given) {
        Ok(Some(given.to_owned()))
    } else {
        // Shown as typed, but never more than a skill's length of it.
        Err(Failure::InvalidSkill(
            given.chars().take(MAX_SKILL_DIGITS + 1).collect(),
        ))
    }
}

/// The request's body: only the skill when there is one, otherwise none (the minimal frame).
pub(crate) fn request_body(skill: Option<&str>) -> Option<ConversationRequestBody> {
    skill.map(|s| ConversationRequestBody {
        skill_id: Some(ReqId(s.to_owned())),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_are_digits_or_minus_one_and_blank_is_none() {
        assert_eq!(skill(None), Ok(None));
        assert_eq!(skill(Some("  ")), Ok(None));
        assert_eq!(skill(Some("1234")), Ok(Some("1234".into())));
        assert_eq!(skill(Some("-1")), Ok(Some("-1".into())));
        for bad in ["sales", "12a", "-2", "12345678901234567890", "1 2"] {
            assert!(
                matches!(skill(Some(bad)), Err(Failure::InvalidSkill(_))),
                "{bad}"
            );
        }
    }
}
