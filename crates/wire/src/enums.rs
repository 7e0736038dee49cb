//! The closed sets of words LivePerson's frames use (roles, states, dialog types, chat states,
//! receipts…), each spelled once, in one table per type. LivePerson adds values over time, so every
//! type has an `Unknown` case that a value this version does not know decodes to (and that is never
//! sent). The core matches these enums, never strings.

/// Declares a wire enum: its variants with their wire spelling, `as_str`, `parse`, and serde both ways
/// from the same table.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version does not know.
            Unknown,
        }

        impl $name {
            /// The wire spelling (`UNKNOWN` for [`Self::Unknown`], which lpchat never sends).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown => "UNKNOWN",
                }
            }

            /// The value `word` names; `Unknown` for anything else.
            pub fn parse(word: &str) -> Self {
                match word {
                    $($wire => Self::$variant,)+
                    _ => Self::Unknown,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $crate::table::Field for $name {
            fn read(v: Option<&serde_json::Value>) -> Option<Self> {
                v?.as_str().map(Self::parse)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok(Self::parse(&word))
            }
        }
    };
}

wire_enum! {
    /// A participant's role (PROTOCOL.md §6.2).
    Role {
        /// The consumer.
        Consumer = "CONSUMER",
        /// The agent the conversation is assigned to.
        AssignedAgent = "ASSIGNED_AGENT",
        /// Another agent (bots, the survey bot).
        Agent = "AGENT",
        /// A manager.
        Manager = "MANAGER",
        /// A reader.
        Reader = "READER",
        /// A controller (the system).
        Controller = "CONTROLLER",
    }
}

wire_enum! {
    /// The state or stage of a conversation, or the state of a dialog.
    State {
        /// Going on.
        Open = "OPEN",
        /// Over.
        Close = "CLOSE",
        /// Locked (listed in LivePerson's constants).
        Locked = "LOCKED",
    }
}

wire_enum! {
    /// A dialog's type.
    DialogType {
        /// The conversation itself (its id is the conversation's).
        Main = "MAIN",
        /// The post-conversation survey.
        PostSurvey = "POST_SURVEY",
        /// Any other dialog LivePerson runs.
        Other = "OTHER",
    }
}

wire_enum! {
    /// A dialog's channel.
    ChannelType {
        /// Messaging.
        Messaging = "MESSAGING",
        /// Co-browsing.
        Cobrowse = "COBROWSE",
    }
}

wire_enum! {
    /// Who or what closed a conversation or dialog (`closeReason`, `closedBy`).
    CloseReason {
        /// The consumer.
        Consumer = "CONSUMER",
        /// The agent.
        Agent = "AGENT",
        /// Inactivity.
        Timeout = "TIMEOUT",
        /// The system.
        System = "SYSTEM",
    }
}

wire_enum! {
    /// Who sees an event.
    Audience {
        /// Everyone, the consumer included.
        All = "ALL",
        /// Agents and managers only.
        AgentsAndManagers = "AGENTS_AND_MANAGERS",
    }
}

wire_enum! {
    /// Chat states (typing and presence).
    ChatState {
        /// In the conversation.
        Active = "ACTIVE",
        /// Away.
        Inactive = "INACTIVE",
        /// Left.
        Gone = "GONE",
        /// Typing.
        Composing = "COMPOSING",
        /// Stopped typing.
        Pause = "PAUSE",
    }
}

wire_enum! {
    /// Receipt statuses.
    AcceptStatus {
        /// Delivered to the device.
        Accept = "ACCEPT",
        /// Shown to the reader.
        Read = "READ",
        /// Structured content clicked.
        Action = "ACTION",
        /// Not acknowledged.
        Nack = "NACK",
        /// Accessed.
        Access = "ACCESS",
    }
}

wire_enum! {
    /// What a conversation change is.
    ExChangeType {
        /// Created or changed.
        Upsert = "UPSERT",
        /// Removed from the stream.
        Delete = "DELETE",
    }
}

wire_enum! {
    /// How far the consumer filled in the legacy satisfaction rating (CSAT).
    CsatStatus {
        /// Rated.
        Filled = "FILLED",
        /// Partly.
        PartiallyFilled = "PARTIALLY_FILLED",
        /// Not at all.
        Skipped = "SKIPPED",
    }
}

wire_enum! {
    /// What a `DialogChange` does.
    DialogChangeType {
        /// Changes the dialog.
        Update = "UPDATE",
    }
}

wire_enum! {
    /// A feature a client declares in ClientProperties (PROTOCOL.md §3.3): the server sends only what
    /// the client says it handles.
    Feature {
        /// Messages the brand sends on its own (welcome messages, proactive messages).
        AutoMessages = "AUTO_MESSAGES",
        /// Co-browsing invitations.
        CoBrowse = "CO_BROWSE",
        /// Pictures shared both ways.
        PhotoSharing = "PHOTO_SHARING",
        /// Files shared both ways (LivePerson's web window).
        FileSharing = "FILE_SHARING",
        /// Dialogs after the main one (the post-conversation survey).
        MultiDialog = "MULTI_DIALOG",
        /// Quick replies.
        QuickReplies = "QUICK_REPLIES",
        /// Structured content (cards).
        RichContent = "RICH_CONTENT",
    }
}

wire_enum! {
    /// The client's operating system, as ClientProperties names it.
    Os {
        /// Windows.
        Windows = "WINDOWS",
        /// Linux (and ChromeOS).
        Linux = "LINUX",
        /// macOS.
        Osx = "OSX",
        /// Android.
        Android = "ANDROID",
        /// iOS and iPadOS.
        Ios = "IOS",
        /// Anything else, or not known.
        Other = "OTHER",
    }
}

wire_enum! {
    /// The client's kind of device, as ClientProperties names it.
    DeviceFamily {
        /// A desktop or laptop.
        Desktop = "DESKTOP",
        /// A tablet.
        Tablet = "TABLET",
        /// A phone.
        Mobile = "MOBILE",
        /// Anything else, or not known.
        Other = "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_decodes_to_its_value_and_back_and_new_words_are_unknown() {
        for role in [Role::Consumer, Role::AssignedAgent, Role::Controller] {
            let json = serde_json::to_string(&role).unwrap_or_default();
            assert_eq!(serde_json::from_str::<Role>(&json).ok(), Some(role));
        }
        assert_eq!(
            serde_json::from_str::<Role>(r#""ASSIGNED_AGENT""#).ok(),
            Some(Role::AssignedAgent)
        );
        assert_eq!(
            serde_json::from_str::<State>(r#""ARCHIVED""#).ok(),
            Some(State::Unknown)
        );
        assert_eq!(DialogType::parse("POST_SURVEY"), DialogType::PostSurvey);
        assert_eq!(ChatState::parse("BACKGROUND"), ChatState::Unknown);
        assert!(serde_json::from_str::<State>("3").is_err(), "not a word");
    }
}
