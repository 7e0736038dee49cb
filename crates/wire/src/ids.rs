//! Request ids and the "one or many" tolerance (PROTOCOL.md §4).

use serde::{de, Deserialize, Deserializer, Serialize};
use std::fmt;

/// A request id: always sent as a string, accepted as a string or a number, compared as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ReqId(pub String);

/// The longest skill id (LivePerson's ids are 64-bit numbers).
pub const MAX_SKILL_DIGITS: usize = 19;

/// Whether `id` names a skill for `cm.ConsumerRequestConversation`'s `skillId`: digits, or `-1` for
/// any skill (PROTOCOL.md §5.1).
pub fn is_skill_id(id: &str) -> bool {
    id == "-1" || is_numeric_id(id)
}

/// Whether `id` can name a connector in an idp URL (PROTOCOL.md §2.3): digits only, as LivePerson's
/// connector ids are numbers.
pub fn is_connector_id(id: &str) -> bool {
    is_numeric_id(id)
}

/// One of LivePerson's numeric ids: 1 to [`MAX_SKILL_DIGITS`] digits.
fn is_numeric_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_SKILL_DIGITS && id.bytes().all(|b| b.is_ascii_digit())
}

impl ReqId {
    /// The id as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReqId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A string, or a number taken as its digits.
impl crate::table::Field for ReqId {
    fn read(v: Option<&serde_json::Value>) -> Option<Self> {
        match v? {
            serde_json::Value::String(s) => Some(ReqId(s.clone())),
            serde_json::Value::Number(n) => n.as_u64().map(|n| ReqId(n.to_string())),
            _ => None,
        }
    }
}

impl From<&str> for ReqId {
    fn from(s: &str) -> Self {
        ReqId(s.to_owned())
    }
}

impl<'de> Deserialize<'de> for ReqId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = ReqId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a request id (string or number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ReqId, E> {
                Ok(ReqId(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ReqId, E> {
                Ok(ReqId(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ReqId, E> {
                Ok(ReqId(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Deserializes a field that LivePerson sends either as an array or as its single element (`null`:
/// none). Read through `serde_json::Value` rather than an untagged enum, whose buffering costs the
/// WebAssembly bundle several kilobytes.
pub fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: de::DeserializeOwned,
{
    let items = match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => return Ok(Vec::new()),
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    // Which item failed, not the item's own error: putting that in words would cost the bundle its
    // formatting code, and the app never shows it.
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            serde_json::from_value(item).map_err(|_| {
                de::Error::custom(format_args!(
                    "item {i} of a list is not of the documented shape"
                ))
            })
        })
        .collect()
}
