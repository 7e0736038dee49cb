//! InitConnection's headers (PROTOCOL.md §3.3): who the client is, and the consumer's JWT.

use crate::{
    enums::{DeviceFamily, Feature, Os},
    ids::one_or_many,
};
use serde::{Deserialize, Serialize};

/// An InitConnection header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Header {
    /// Who the client is and what it supports.
    #[serde(rename = ".ams.headers.ClientProperties", alias = ".ClientProperties")]
    ClientProperties(ClientProperties),
    /// The consumer JWT.
    #[serde(rename = ".ams.headers.ConsumerAuthentication")]
    ConsumerAuthentication(ConsumerAuthentication),
}

/// `.ams.headers.ClientProperties` (PROTOCOL.md §3.3). All fields optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientProperties {
    /// Application id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Application version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_version: Option<String>,
    /// The kind of device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_family: Option<DeviceFamily>,
    /// The operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<Os>,
    /// `WEB_SDK`, `MOBILE_SDK`, `BRAND_SDK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration: Option<String>,
    /// Version of the integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_version: Option<String>,
    /// The browser (`CHROME`, `MOBILE_SAFARI`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// The browser's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser_version: Option<String>,
    /// The features this client supports; the server decides what to send from them.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub features: Vec<Feature>,
}

/// `.ams.headers.ConsumerAuthentication`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsumerAuthentication {
    /// The consumer JWT (≤ 2048 chars per schema). `Debug` redacts it.
    pub jwt: String,
}

impl std::fmt::Debug for ConsumerAuthentication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConsumerAuthentication { jwt: <redacted> }")
    }
}
