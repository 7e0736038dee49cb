//! LivePerson's services are hosts of their own (PROTOCOL.md §1.3); here, ports of their own.

use std::net::SocketAddr;

/// A service LivePerson hosts on a host of its own (PROTOCOL.md §1.3), and the Domain API itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// The Domain API (CSDS).
    Domain,
    /// `idp`: the consumer's sign-ins.
    Idp,
    /// `asyncMessagingEnt`: the consumer WebSocket.
    Messaging,
    /// `swift`: shared files.
    Swift,
    /// `acCdnDomain`: agents' profiles and the account's connectors.
    AcCdn,
}

impl Service {
    /// All of them, in the order their ports follow the main one.
    pub const ALL: [Service; 5] = [
        Service::Domain,
        Service::Idp,
        Service::Messaging,
        Service::Swift,
        Service::AcCdn,
    ];

    /// The name the Domain API lists it under (none for the Domain API itself).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Service::Domain => None,
            Service::Idp => Some("idp"),
            Service::Messaging => Some("asyncMessagingEnt"),
            Service::Swift => Some("swift"),
            Service::AcCdn => Some("acCdnDomain"),
        }
    }
}

/// `host:port` of the main address and of each service.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    pub(crate) main: SocketAddr,
    pub(crate) services: Vec<(Service, SocketAddr)>,
}

impl Hosts {
    /// Where a service listens.
    pub(crate) fn addr(&self, service: Service) -> SocketAddr {
        self.services
            .iter()
            .find(|(s, _)| *s == service)
            .map_or(self.main, |(_, a)| *a)
    }

    /// `host:port` of a service named as the Domain API names it (`liveEngageUI`: the main address).
    pub(crate) fn by_name(&self, name: &str) -> Option<String> {
        if name == "liveEngageUI" {
            return Some(self.main.to_string());
        }
        Service::ALL
            .into_iter()
            .find(|s| s.name() == Some(name))
            .map(|s| self.addr(s).to_string())
    }

    /// `host:port` of one service.
    pub(crate) fn host(&self, service: Service) -> String {
        self.addr(service).to_string()
    }
}
