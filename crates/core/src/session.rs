//! The session: one consumer, one account, one socket at a time.

use crate::{
    endpoints::{validate_account, Endpoints, Origin, DEFAULT_CSDS},
    failure::{Failure, HttpFailure, Step},
    io::{Command, ConnId, HttpId, HttpMethod, HttpReply, Input, Intent},
    pending::{Pending, Purpose},
    time::Millis,
    transcript::{Author, Transcript},
    view::{EntryView, ViewModel},
};
use lpchat_wire::{
    decode_inbound, jwt_claims, ClientProperties, ConsumerAuthentication, ConversationField,
    DomainApiResponse, Event, ExChangeType, ExConversationChangeNotification, Header, Inbound,
    MessagingEventNotification, Notification, PublishEventBody, PublishEventResult, Request,
    RequestConversationResult, RequestPayload, Response, SignupResponse,
    SubscribeExConversationsBody, SubscribeMessagingEventsBody, UpdateConversationFieldBody,
};
use std::{collections::VecDeque, time::Duration};

/// Features declared in ClientProperties: only what lpchat really handles (PROTOCOL.md §3.3).
pub const CLIENT_FEATURES: &[&str] = &["AUTO_MESSAGES"];
/// Every request is answered within this or fails (LivePerson's SDK uses 10 s, PROTOCOL.md §9).
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// A socket that has not opened by then is given up.
pub(crate) const OPEN_TIMEOUT: Duration = Duration::from_secs(15);
/// After the conversation subscription is acknowledged, the snapshot should follow at once.
pub(crate) const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest message the composer accepts, in characters.
pub(crate) const MAX_MESSAGE_CHARS: usize = 10_000;
/// Close codes after which the identity must be renewed (PROTOCOL.md §3.5).
const AUTH_CLOSE_CODES: [u16; 4] = [4401, 4407, 1008, 1011];

struct Identity {
    jwt: String,
    sub: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Conversation {
    /// Waiting for the conversation snapshot (deadline once the subscription is acknowledged).
    Looking(Option<Millis>),
    None,
    Requesting,
    Open(String),
    Closing(String),
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Idle,
    FetchingDomains(HttpId),
    SigningUp(HttpId),
    Opening(ConnId, Millis),
    Initializing(ConnId),
    Ready(ConnId, Conversation),
}

/// One consumer's session. See the crate docs for the run-loop contract.
pub struct Session {
    phase: Phase,
    endpoints: Option<Endpoints>,
    identity: Option<Identity>,
    pending: Pending,
    commands: VecDeque<Command>,
    transcript: Transcript,
    alert: Option<Failure>,
    disconnected: bool,
    next_id: u64,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A session that has not connected yet.
    pub fn new() -> Self {
        Session {
            phase: Phase::Idle,
            endpoints: None,
            identity: None,
            pending: Pending::default(),
            commands: VecDeque::new(),
            transcript: Transcript::default(),
            alert: None,
            disconnected: false,
            next_id: 0,
        }
    }

    /// Feeds one input that happened at `now`.
    pub fn handle_input(&mut self, now: Millis, input: Input) {
        self.expire(now);
        match input {
            Input::User(intent) => self.on_intent(now, intent),
            Input::HttpDone { id, result } => self.on_http(now, id, result),
            Input::WsOpened { conn } => self.on_open(now, conn),
            Input::WsFrame { conn, text } => self.on_frame(now, conn, &text),
            Input::WsClosed { conn, code, reason } => self.on_closed(conn, code, reason),
            Input::Tick => {}
        }
    }

    /// The next thing the driver must do.
    pub fn poll_command(&mut self) -> Option<Command> {
        self.commands.pop_front()
    }

    /// When the session next needs a [`Input::Tick`], if ever.
    pub fn poll_timeout(&self) -> Option<Millis> {
        let phase_deadline = match &self.phase {
            Phase::Opening(_, d) => Some(*d),
            Phase::Ready(_, Conversation::Looking(d)) => *d,
            _ => None,
        };
        [phase_deadline, self.pending.next_deadline()]
            .into_iter()
            .flatten()
            .min()
    }

    /// The consumer id (the JWT `sub`), once known.
    pub fn consumer_id(&self) -> Option<&str> {
        self.identity.as_ref().map(|i| i.sub.as_str())
    }

    /// What to show.
    pub fn view(&self) -> ViewModel {
        let conversation = match &self.phase {
            Phase::Ready(_, c) => Some(c),
            _ => None,
        };
        let status = match (&self.phase, conversation) {
            (Phase::Idle, _) if self.disconnected => "Disconnected",
            (Phase::Idle, _) => "Not connected",
            (Phase::FetchingDomains(_), _) => "Fetching domains…",
            (Phase::SigningUp(_), _) => "Getting a consumer identity…",
            (Phase::Opening(..), _) => "Opening the connection…",
            (Phase::Initializing(_), _) => "Signing in…",
            (_, Some(Conversation::Looking(_))) => "Connected, looking for your conversation…",
            (_, Some(Conversation::None)) => "Connected",
            (_, Some(Conversation::Requesting)) => "Starting a conversation…",
            (_, Some(Conversation::Open(_))) => "Conversation open",
            (_, Some(Conversation::Closing(_))) => "Ending the conversation…",
            (_, Some(Conversation::Closed)) => "Conversation closed",
            (Phase::Ready(..), None) => "Connected",
        };
        let open = matches!(conversation, Some(Conversation::Open(_)));
        ViewModel {
            status: status.to_owned(),
            alert: self.alert.as_ref().map(ToString::to_string),
            can_connect: self.phase == Phase::Idle,
            can_edit_account: self.phase == Phase::Idle,
            can_disconnect: self.phase != Phase::Idle,
            can_start_conversation: matches!(
                conversation,
                Some(Conversation::None | Conversation::Closed)
            ),
            can_send: open,
            can_end_conversation: open,
            transcript: self
                .transcript
                .entries
                .iter()
                .map(|e| EntryView {
                    key: e.key,
                    author: e.author,
                    text: e.text.clone(),
                    delivery: e.delivery,
                    timestamp: e.timestamp,
                })
                .collect(),
        }
    }

    // ----- user intents -------------------------------------------------------------------------

    fn on_intent(&mut self, now: Millis, intent: Intent) {
        if intent != Intent::DismissAlert {
            self.alert = None;
        }
        match intent {
            Intent::Connect { account, csds } if self.phase == Phase::Idle => {
                self.connect(now, &account, csds.as_deref())
            }
            Intent::Disconnect => self.disconnect(),
            Intent::StartConversation => self.start_conversation(now),
            Intent::SendText(text) => self.send_text(now, text),
            Intent::EndConversation => self.end_conversation(now),
            Intent::DismissAlert => self.alert = None,
            Intent::Connect { .. } => {}
        }
    }

    fn connect(&mut self, _now: Millis, account: &str, csds: Option<&str>) {
        let parsed = validate_account(account).and_then(|account| {
            let csds = csds
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .unwrap_or(DEFAULT_CSDS);
            Ok((account, Origin::parse(csds)?))
        });
        let (account, csds) = match parsed {
            Ok(v) => v,
            Err(failure) => {
                self.alert = Some(failure);
                return;
            }
        };
        let same_place = self
            .endpoints
            .as_ref()
            .is_some_and(|e| e.account == account && e.csds == csds);
        if !same_place {
            self.identity = None;
            self.transcript.clear();
        }
        self.disconnected = false;
        let endpoints = Endpoints::new(account, csds);
        let http = self.next_http();
        self.commands.push_back(Command::Http {
            id: http,
            method: HttpMethod::Get,
            url: endpoints.domain_api_url(),
        });
        self.endpoints = Some(endpoints);
        self.phase = Phase::FetchingDomains(http);
    }

    fn disconnect(&mut self) {
        if let Some(conn) = self.conn() {
            self.commands
                .push_back(Command::CloseSocket { conn, code: 1000 });
        }
        self.fail_all_pending();
        self.phase = Phase::Idle;
        self.disconnected = true;
    }

    fn start_conversation(&mut self, now: Millis) {
        let Phase::Ready(conn, conv @ (Conversation::None | Conversation::Closed)) =
            &mut self.phase
        else {
            return;
        };
        let conn = *conn;
        *conv = Conversation::Requesting;
        self.request(
            now,
            conn,
            Purpose::RequestConversation,
            RequestPayload::ConsumerRequestConversation { body: None },
        );
    }

    fn send_text(&mut self, now: Millis, text: String) {
        let Phase::Ready(conn, Conversation::Open(id)) = &self.phase else {
            return;
        };
        let (conn, id) = (*conn, id.clone());
        let text = text.trim().to_owned();
        if text.is_empty() || text.chars().count() > MAX_MESSAGE_CHARS {
            return;
        }
        let entry = self.transcript.local(text.clone());
        self.request(
            now,
            conn,
            Purpose::Publish { entry },
            RequestPayload::PublishEvent {
                body: PublishEventBody {
                    dialog_id: id.clone(),
                    conversation_id: Some(id),
                    event: Event::text(text),
                },
            },
        );
    }

    fn end_conversation(&mut self, now: Millis) {
        let Phase::Ready(conn, conv @ Conversation::Open(_)) = &mut self.phase else {
            return;
        };
        let conn = *conn;
        let Conversation::Open(id) = std::mem::replace(conv, Conversation::Closed) else {
            return;
        };
        *conv = Conversation::Closing(id.clone());
        self.request(
            now,
            conn,
            Purpose::Close,
            RequestPayload::UpdateConversationField {
                body: UpdateConversationFieldBody {
                    conversation_id: id,
                    conversation_field: vec![ConversationField::ConversationState {
                        conversation_state: "CLOSE".into(),
                    }],
                },
            },
        );
    }

    // ----- HTTP ---------------------------------------------------------------------------------

    fn on_http(&mut self, now: Millis, id: HttpId, result: Result<HttpReply, String>) {
        match self.phase {
            Phase::FetchingDomains(expected) if expected == id => {
                let hosts = http_json::<DomainApiResponse>(result).and_then(|domains| {
                    let endpoints = self.endpoints.as_ref().ok_or(HttpFailure::Body)?;
                    let host = |service: &'static str| {
                        domains
                            .host(service)
                            .and_then(|h| endpoints.checked_host(h))
                            .ok_or(HttpFailure::MissingService(service))
                    };
                    Ok((host("idp")?, host("asyncMessagingEnt")?))
                });
                match hosts {
                    Err(failure) => self.fail(Failure::Http(Step::Domains, failure)),
                    Ok((idp, ums)) => {
                        if let Some(e) = self.endpoints.as_mut() {
                            e.idp = Some(idp.clone());
                            e.ums = Some(ums);
                        }
                        if self.identity.is_some() {
                            self.open_socket(now);
                        } else {
                            let http = self.next_http();
                            let url = self.endpoints.as_ref().map(|e| e.signup_url(&idp));
                            if let Some(url) = url {
                                self.commands.push_back(Command::Http {
                                    id: http,
                                    method: HttpMethod::Post,
                                    url,
                                });
                                self.phase = Phase::SigningUp(http);
                            }
                        }
                    }
                }
            }
            Phase::SigningUp(expected) if expected == id => {
                match http_json::<SignupResponse>(result) {
                    Err(failure) => self.fail(Failure::Http(Step::Identity, failure)),
                    Ok(signup) => match jwt_claims(&signup.jwt) {
                        Err(e) => self.fail(Failure::BadToken(e.to_string())),
                        Ok(claims) => {
                            self.identity = Some(Identity {
                                jwt: signup.jwt,
                                sub: claims.sub,
                            });
                            self.open_socket(now);
                        }
                    },
                }
            }
            _ => {} // an answer to an abandoned request
        }
    }

    // ----- socket -------------------------------------------------------------------------------

    fn open_socket(&mut self, now: Millis) {
        let Some(url) = self
            .endpoints
            .as_ref()
            .and_then(|e| e.ums.as_deref().map(|ums| e.socket_url(ums)))
        else {
            return;
        };
        let conn = ConnId(self.bump());
        self.commands.push_back(Command::OpenSocket { conn, url });
        self.phase = Phase::Opening(conn, now.after(OPEN_TIMEOUT));
    }

    fn on_open(&mut self, now: Millis, conn: ConnId) {
        if !matches!(self.phase, Phase::Opening(c, _) if c == conn) {
            return;
        }
        let Some(identity) = &self.identity else {
            return;
        };
        let headers = vec![
            Header::ClientProperties(ClientProperties {
                app_id: Some("lpchat".into()),
                app_version: Some(env!("CARGO_PKG_VERSION").into()),
                device_family: Some("DESKTOP".into()),
                os: Some("OTHER".into()),
                integration: Some("WEB_SDK".into()),
                integration_version: Some(env!("CARGO_PKG_VERSION").into()),
                features: CLIENT_FEATURES.iter().map(|f| (*f).to_owned()).collect(),
            }),
            Header::ConsumerAuthentication(ConsumerAuthentication {
                jwt: identity.jwt.clone(),
            }),
        ];
        self.phase = Phase::Initializing(conn);
        self.request(
            now,
            conn,
            Purpose::Init,
            RequestPayload::InitConnection { headers },
        );
    }

    fn on_frame(&mut self, now: Millis, conn: ConnId, text: &str) {
        if self.conn() != Some(conn) {
            return;
        }
        match decode_inbound(text) {
            Ok(Inbound::Response(resp)) => {
                if let Some(purpose) = self.pending.take(&resp.req_id) {
                    self.on_response(now, conn, purpose, &resp);
                }
            }
            Ok(Inbound::Notification(n)) => self.on_notification(now, conn, n),
            Err(_) => {} // not ours to understand; the frame inspector will show it (issue 3)
        }
    }

    fn on_closed(&mut self, conn: ConnId, code: u16, reason: String) {
        if self.conn() != Some(conn) {
            return;
        }
        self.fail_all_pending();
        self.phase = Phase::Idle;
        if AUTH_CLOSE_CODES.contains(&code) {
            self.identity = None;
            self.alert = Some(Failure::Unauthorized { code });
        } else {
            self.alert = Some(Failure::SocketClosed { code, reason });
        }
    }

    // ----- responses ----------------------------------------------------------------------------

    fn on_response(&mut self, now: Millis, conn: ConnId, purpose: Purpose, resp: &Response) {
        let rejected = |step| Failure::Rejected {
            step,
            code: resp.code,
            text: resp.body_text(),
        };
        match purpose {
            Purpose::Init if resp.is_success() => {
                self.phase = Phase::Ready(conn, Conversation::Looking(None));
                self.request(
                    now,
                    conn,
                    Purpose::SubscribeConversations,
                    RequestPayload::SubscribeExConversations {
                        body: SubscribeExConversationsBody {
                            min_last_updated_time: Some(0),
                            conv_state: vec!["OPEN".into(), "CLOSE".into()],
                            stage: Vec::new(),
                        },
                    },
                );
            }
            Purpose::Init => {
                if resp.code == 401 || resp.code == 403 {
                    self.identity = None;
                    self.fail(Failure::Unauthorized {
                        code: resp.code as u16,
                    });
                } else {
                    self.fail(rejected(Step::Authentication));
                }
            }
            Purpose::SubscribeConversations => {
                if let Phase::Ready(_, conv @ Conversation::Looking(_)) = &mut self.phase {
                    if resp.is_success() {
                        *conv = Conversation::Looking(Some(now.after(SNAPSHOT_TIMEOUT)));
                    } else {
                        *conv = Conversation::None;
                        self.alert = Some(rejected(Step::Subscribe));
                    }
                }
            }
            Purpose::RequestConversation => {
                let Phase::Ready(_, conv @ Conversation::Requesting) = &mut self.phase else {
                    return;
                };
                match resp
                    .is_success()
                    .then(|| resp.body_as::<RequestConversationResult>())
                {
                    Some(Ok(result)) => {
                        *conv = Conversation::Open(result.conversation_id.clone());
                        self.transcript.system("Conversation started");
                        self.subscribe_messages(now, conn, result.conversation_id);
                    }
                    Some(Err(_)) => {
                        *conv = Conversation::None;
                        self.alert = Some(Failure::Rejected {
                            step: Step::StartConversation,
                            code: resp.code,
                            text: Some("the answer had no conversation id".into()),
                        });
                    }
                    None => {
                        *conv = Conversation::None;
                        self.alert = Some(rejected(Step::StartConversation));
                    }
                }
            }
            Purpose::SubscribeMessages => {
                if !resp.is_success() {
                    self.alert = Some(rejected(Step::Subscribe));
                }
            }
            Purpose::Publish { entry } => {
                if resp.is_success() {
                    let sequence = resp
                        .body_as::<PublishEventResult>()
                        .ok()
                        .and_then(|r| r.sequence);
                    let dialog = self.open_conversation().unwrap_or_default();
                    self.transcript.acknowledged(entry, &dialog, sequence);
                } else {
                    self.transcript.failed(entry);
                    self.alert = Some(rejected(Step::Send));
                }
            }
            Purpose::Close => {
                if resp.is_success() {
                    self.conversation_closed(None, "You ended the conversation");
                } else if let Phase::Ready(_, conv @ Conversation::Closing(_)) = &mut self.phase {
                    if let Conversation::Closing(id) = conv.clone() {
                        *conv = Conversation::Open(id);
                    }
                    self.alert = Some(rejected(Step::EndConversation));
                }
            }
        }
    }

    // ----- notifications ------------------------------------------------------------------------

    fn on_notification(&mut self, now: Millis, conn: ConnId, n: Notification) {
        if !matches!(self.phase, Phase::Ready(..)) {
            return;
        }
        match n {
            Notification::ExConversationChange(n) => self.on_conversations(now, conn, n),
            Notification::MessagingEvent(n) => self.on_messages(n),
            Notification::Unknown { .. } => {}
        }
    }

    fn on_conversations(&mut self, now: Millis, conn: ConnId, n: ExConversationChangeNotification) {
        for change in n.changes {
            let id = change.result.conv_id.clone();
            let details = &change.result.conversation_details;
            let open = change.change_type == ExChangeType::Upsert && details.is_open();
            let mine = self.open_conversation().as_deref() == Some(id.as_str());
            let Phase::Ready(_, conv) = &mut self.phase else {
                return;
            };
            if open && matches!(conv, Conversation::Looking(_) | Conversation::None) {
                *conv = Conversation::Open(id.clone());
                self.transcript.system("Continuing your open conversation");
                self.subscribe_messages(now, conn, id);
            } else if !open && mine && change.change_type != ExChangeType::Other {
                let text = match details.close_reason.as_deref() {
                    Some("AGENT") => "The agent ended the conversation",
                    Some("CONSUMER") => "You ended the conversation",
                    Some("TIMEOUT") => "The conversation was closed after a time without messages",
                    _ => "The conversation was closed",
                };
                self.conversation_closed(Some(&id), text);
            }
        }
        // The first notification after subscribing is the snapshot: nothing open means none.
        if let Phase::Ready(_, conv @ Conversation::Looking(_)) = &mut self.phase {
            *conv = Conversation::None;
        }
    }

    fn on_messages(&mut self, n: MessagingEventNotification) {
        let Some(dialog) = self.open_conversation() else {
            return;
        };
        let me = self.identity.as_ref().map(|i| i.sub.clone());
        for change in n.changes {
            if change.dialog_id != dialog || !change.visible_to_consumer() {
                continue;
            }
            let author = if change
                .originator()
                .is_some_and(|o| Some(o) == me.as_deref())
                || change.role() == Some("CONSUMER")
            {
                Author::Consumer
            } else {
                Author::Agent
            };
            let text = match &change.event {
                Event::ContentEvent { .. } => change
                    .event
                    .as_text()
                    .map(str::to_owned)
                    .unwrap_or_else(|| "(a file this version of lpchat cannot show yet)".into()),
                Event::RichContentEvent { .. } => {
                    "(a card this version of lpchat cannot show yet)".into()
                }
                _ => continue, // receipts and typing states are not messages
            };
            self.transcript.remote(
                author,
                text,
                &change.dialog_id,
                change.sequence,
                change.server_timestamp,
            );
        }
    }

    // ----- helpers ------------------------------------------------------------------------------

    fn subscribe_messages(&mut self, now: Millis, conn: ConnId, dialog: String) {
        self.request(
            now,
            conn,
            Purpose::SubscribeMessages,
            RequestPayload::SubscribeMessagingEvents {
                body: SubscribeMessagingEventsBody {
                    dialog_id: dialog.clone(),
                    from_seq: 0,
                    conversation_id: Some(dialog),
                },
            },
        );
    }

    /// Marks the current conversation closed once, whoever reported it first.
    fn conversation_closed(&mut self, id: Option<&str>, text: &str) {
        let Phase::Ready(_, conv) = &mut self.phase else {
            return;
        };
        let current = match conv {
            Conversation::Open(c) | Conversation::Closing(c) => c.clone(),
            _ => return,
        };
        if id.is_some_and(|id| id != current) {
            return;
        }
        *conv = Conversation::Closed;
        self.transcript.system(text);
    }

    fn open_conversation(&self) -> Option<String> {
        match &self.phase {
            Phase::Ready(_, Conversation::Open(id) | Conversation::Closing(id)) => Some(id.clone()),
            _ => None,
        }
    }

    fn request(&mut self, now: Millis, conn: ConnId, purpose: Purpose, payload: RequestPayload) {
        let id = self.pending.insert(purpose, now.after(REQUEST_TIMEOUT));
        self.commands.push_back(Command::Send {
            conn,
            text: Request::new(id, payload).encode(),
        });
    }

    fn conn(&self) -> Option<ConnId> {
        match self.phase {
            Phase::Opening(c, _) | Phase::Initializing(c) | Phase::Ready(c, _) => Some(c),
            _ => None,
        }
    }

    fn bump(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn next_http(&mut self) -> HttpId {
        HttpId(self.bump())
    }

    /// Ends the attempt: closes the socket if any and shows the failure.
    fn fail(&mut self, failure: Failure) {
        if let Some(conn) = self.conn() {
            self.commands
                .push_back(Command::CloseSocket { conn, code: 1000 });
        }
        self.fail_all_pending();
        self.phase = Phase::Idle;
        self.alert = Some(failure);
    }

    fn fail_all_pending(&mut self) {
        for purpose in self.pending.drain() {
            if let Purpose::Publish { entry } = purpose {
                self.transcript.failed(entry);
            }
        }
    }

    fn expire(&mut self, now: Millis) {
        for purpose in self.pending.expired(now) {
            let step = match purpose {
                Purpose::Init => {
                    self.fail(Failure::TimedOut(Step::Authentication));
                    return;
                }
                Purpose::SubscribeConversations => {
                    if let Phase::Ready(_, conv @ Conversation::Looking(_)) = &mut self.phase {
                        *conv = Conversation::None;
                    }
                    Step::Subscribe
                }
                Purpose::RequestConversation => {
                    if let Phase::Ready(_, conv @ Conversation::Requesting) = &mut self.phase {
                        *conv = Conversation::None;
                    }
                    Step::StartConversation
                }
                Purpose::SubscribeMessages => Step::Subscribe,
                Purpose::Publish { entry } => {
                    self.transcript.failed(entry);
                    Step::Send
                }
                Purpose::Close => {
                    if let Phase::Ready(_, conv @ Conversation::Closing(_)) = &mut self.phase {
                        if let Conversation::Closing(id) = conv.clone() {
                            *conv = Conversation::Open(id);
                        }
                    }
                    Step::EndConversation
                }
            };
            self.alert = Some(Failure::TimedOut(step));
        }
        match &mut self.phase {
            Phase::Opening(_, deadline) if *deadline <= now => {
                self.fail(Failure::TimedOut(Step::Socket));
            }
            Phase::Ready(_, conv) if matches!(*conv, Conversation::Looking(Some(d)) if d <= now) => {
                *conv = Conversation::None;
            }
            _ => {}
        }
    }
}

/// A 2xx JSON answer decoded, or why not.
fn http_json<T: serde::de::DeserializeOwned>(
    result: Result<HttpReply, String>,
) -> Result<T, HttpFailure> {
    let reply = result.map_err(HttpFailure::Network)?;
    if !(200..300).contains(&reply.status) {
        return Err(HttpFailure::Status(reply.status));
    }
    serde_json::from_str(&reply.body).map_err(|_| HttpFailure::Body)
}
