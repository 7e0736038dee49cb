//! The IO shell: owns the [`Session`], feeds it inputs with the current time, performs the commands it
//! returns, re-arms its one timer and publishes its view. No protocol decisions here.
//!
//! Inputs are applied synchronously, in the browser event that produced them (a click, a frame, a
//! timer), through one queue: an input that arrives while another is being applied (a storage read
//! answered at once) waits its turn. The view is published at once after the user's own actions, and
//! at most once per animation frame otherwise, so a burst of frames (a long replay) renders once.

mod address;
mod browser_events;
mod download;
pub mod embed;
mod files;
mod http;
mod jsonp;
mod notify;
mod storage;
mod ws;

pub use files::attach as attach_file;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use lpchat_core::{Command, Config, HttpMethod, Input, Intent, Millis, Session, Timing, ViewModel};
use std::cell::RefCell;

/// Milliseconds since page load (monotonic).
fn now() -> Millis {
    let ms = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0);
    Millis(ms.max(0.0) as u64)
}

struct Driver {
    session: Session,
    view: RwSignal<ViewModel>,
    /// The open sockets (one, or two while one closes): a list is all it takes.
    sockets: Vec<(lpchat_core::ConnId, ws::Socket)>,
    timer: Option<Timeout>,
    /// In order; a handful at most (a list: one kind of queue fewer in the bundle).
    queue: Vec<Input>,
    busy: bool,
    /// A render is already scheduled for the next animation frame.
    render_scheduled: bool,
    /// The unread count the tab's title shows.
    titled_unread: usize,
    /// What the launcher of a page embedding lpchat was last told: the unread count, the agent typing.
    launcher: (usize, bool),
}

thread_local! {
    static DRIVER: RefCell<Option<Driver>> = const { RefCell::new(None) };
}

/// Gives the session an input (from a browser event, a finished request, the user).
pub(crate) fn feed(input: Input) {
    let urgent = matches!(input, Input::User(_));
    let start = DRIVER.with(|d| {
        let mut d = d.borrow_mut();
        let Some(d) = d.as_mut() else { return false };
        d.queue.push(input);
        !std::mem::replace(&mut d.busy, true)
    });
    if !start {
        return; // applied by the loop already running, in order
    }
    let view = DRIVER.with(|d| {
        let mut d = d.borrow_mut();
        let d = d.as_mut()?;
        let now = now();
        while !d.queue.is_empty() {
            let input = d.queue.remove(0);
            d.session.handle_input(now, input);
            d.perform();
        }
        d.sockets.retain(|(_, s)| !s.is_closed());
        d.show_unread();
        d.timer = d.session.poll_timeout().map(|at| {
            let delay = at.0.saturating_sub(now.0).min(u64::from(u32::MAX)) as u32;
            Timeout::new(delay, || feed(Input::Tick))
        });
        d.busy = false;
        if urgent {
            return Some((d.view, d.session.view()));
        }
        if !std::mem::replace(&mut d.render_scheduled, true) {
            request_animation_frame(render);
        }
        None
    });
    // Published outside the borrow: rendering may dispatch intents of its own.
    publish(view);
}

/// Publishes the current view (scheduled once per animation frame).
fn render() {
    let view = DRIVER.with(|d| {
        let mut d = d.borrow_mut();
        let d = d.as_mut()?;
        d.render_scheduled = false;
        Some((d.view, d.session.view()))
    });
    publish(view);
}

/// Hands the view to the components.
fn publish(view: Option<(RwSignal<ViewModel>, ViewModel)>) {
    if let Some((signal, vm)) = view {
        signal.set(vm);
    }
}

impl Driver {
    /// The tab's title counts the agent messages not seen yet ("(2) lpchat") and its icon gets a
    /// badge, so a hidden tab shows that something came; a page embedding lpchat shows them on its
    /// launcher, with the agent typing. Set after every input, not at rendering: a hidden page gets
    /// no animation frames.
    fn show_unread(&mut self) {
        let unread = self.session.unread();
        let launcher = (unread, self.session.agent_typing());
        if std::mem::replace(&mut self.launcher, launcher) != launcher {
            embed::tell(unread, launcher.1);
        }
        if std::mem::replace(&mut self.titled_unread, unread) == unread {
            return;
        }
        let (title, icon) = match unread {
            0 => ("lpchat".to_owned(), "favicon.svg"),
            n => (format!("({n}) lpchat"), "favicon-unread.svg"),
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
            if let Ok(Some(link)) = document.query_selector("link[rel=icon]") {
                let _ = link.set_attribute("href", icon);
            }
        }
    }

    /// Performs every command; inputs they produce at once go to the back of the queue.
    fn perform(&mut self) {
        while let Some(command) = self.session.poll_command() {
            match command {
                Command::Http {
                    id,
                    method: HttpMethod::Jsonp,
                    url,
                    ..
                } => jsonp::load(id, &url),
                Command::Http {
                    id,
                    method,
                    url,
                    body,
                } => http::spawn(id, method, url, body),
                Command::OpenSocket { conn, url } => match ws::Socket::open(conn, &url) {
                    Ok(socket) => {
                        self.sockets.push((conn, socket));
                    }
                    Err(closed) => self.queue.push(closed),
                },
                Command::Send { conn, text } => {
                    if let Some((_, socket)) = self.sockets.iter().find(|(c, _)| *c == conn) {
                        socket.send(&text);
                    }
                }
                Command::Load { key } => self.queue.push(Input::Loaded {
                    value: storage::load(&key),
                    key,
                }),
                Command::Store { key, value } => storage::store(&key, value.as_deref()),
                Command::Mark { name } => {
                    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                        let _ = p.mark(&format!("lpchat:{name}"));
                    }
                }
                Command::PutFile { id, url, file } => files::put(id, url, file),
                Command::Address { account, csds } => {
                    address::show(account.as_deref(), csds.as_deref())
                }
                Command::Download { name, mime, body } => download::save(&name, mime, &body),
                Command::AskPermission => {
                    if let Err(input) = notify::ask() {
                        self.queue.push(input);
                    }
                }
                Command::Notify { title, body } => notify::show(&title, &body),
                Command::CloseSocket { conn, code } => {
                    if let Some(i) = self.sockets.iter().position(|(c, _)| *c == conn) {
                        let (_, socket) = self.sockets.swap_remove(i);
                        socket.close(code);
                    }
                }
            }
        }
    }
}

/// Starts the session; returns where the UI sends intents.
/// `skill` is the page's `?skill=`, as given (the session checks it); `csat`: the page asks for the
/// satisfaction rating (`?csat=1`).
pub fn start(
    view: RwSignal<ViewModel>,
    timing: Timing,
    skill: Option<String>,
    csat: bool,
) -> Callback<Intent> {
    // The seed only spreads reconnect attempts and names message ids; it needs no cryptographic quality.
    let seed = (js_sys::Math::random() * u64::MAX as f64) as u64;
    let wall_clock_origin_ms = (js_sys::Date::now() - now().0 as f64) as i64;
    let session = Session::with_config(Config {
        timing,
        seed,
        wall_clock_origin_ms,
        lang: crate::i18n::lang(),
        user_agent: web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default(),
        skill,
        csat,
    });
    // What the session says before any input (a skill in the address it cannot use).
    view.set(session.view());
    DRIVER.with(|d| {
        *d.borrow_mut() = Some(Driver {
            session,
            view,
            sockets: Vec::new(),
            timer: None,
            queue: Vec::new(),
            busy: false,
            render_scheduled: false,
            titled_unread: 0,
            launcher: (0, false),
        })
    });
    browser_events::forward();
    jsonp::listen();
    Callback::new(|intent| feed(Input::User(intent)))
}
