//! The IO shell: one task owns the [`Session`], feeds it inputs with the current time, performs the
//! commands it returns, re-arms its one timer and publishes its view. No protocol decisions here.

mod browser_events;
mod http;
mod storage;
mod ws;

use futures::{channel::mpsc, StreamExt};
use gloo_timers::callback::Timeout;
use leptos::{prelude::*, task::spawn_local};
use lpchat_core::{Command, Config, Input, Intent, Millis, Session, Timing, ViewModel};
use std::collections::HashMap;

/// Milliseconds since page load (monotonic).
fn now() -> Millis {
    let ms = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0);
    Millis(ms.max(0.0) as u64)
}

/// Starts the session task; returns where the UI sends intents.
pub fn start(view: RwSignal<ViewModel>, timing: Timing) -> Callback<Intent> {
    let (tx, mut rx) = mpsc::unbounded::<Input>();
    let intents = tx.clone();
    browser_events::forward(tx.clone());
    // The seed only spreads reconnect attempts and names message ids; it needs no cryptographic quality.
    let seed = (js_sys::Math::random() * u64::MAX as f64) as u64;
    spawn_local(async move {
        let wall_clock_origin_ms = (js_sys::Date::now() - now().0 as f64) as i64;
        let mut session = Session::with_config(Config {
            timing,
            seed,
            wall_clock_origin_ms,
        });
        let mut sockets: HashMap<lpchat_core::ConnId, ws::Socket> = HashMap::new();
        let mut timer: Option<Timeout> = None;
        while let Some(input) = rx.next().await {
            let now = now();
            session.handle_input(now, input);
            // Whatever else has already arrived (a burst of frames) is applied before one render.
            while let Ok(input) = rx.try_recv() {
                session.handle_input(now, input);
            }
            while let Some(command) = session.poll_command() {
                match command {
                    Command::Http {
                        id,
                        method,
                        url,
                        body,
                    } => http::spawn(id, method, url, body, tx.clone()),
                    Command::OpenSocket { conn, url } => {
                        sockets.insert(conn, ws::Socket::open(conn, &url, tx.clone()));
                    }
                    Command::Send { conn, text } => {
                        if let Some(socket) = sockets.get(&conn) {
                            socket.send(&text);
                        }
                    }
                    Command::Load { key } => {
                        let _ = tx.unbounded_send(Input::Loaded {
                            value: storage::load(&key),
                            key,
                        });
                    }
                    Command::Store { key, value } => storage::store(&key, value.as_deref()),
                    Command::Mark { name } => {
                        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                            let _ = p.mark(&format!("lpchat:{name}"));
                        }
                    }
                    Command::CloseSocket { conn, code } => {
                        if let Some(socket) = sockets.remove(&conn) {
                            socket.close(code);
                        }
                    }
                }
            }
            sockets.retain(|_, s| !s.is_closed());
            timer = session.poll_timeout().map(|at| {
                let tx = tx.clone();
                let delay = at.0.saturating_sub(now.0).min(u64::from(u32::MAX)) as u32;
                Timeout::new(delay, move || {
                    let _ = tx.unbounded_send(Input::Tick);
                })
            });
            view.set(session.view());
        }
        drop(timer);
    });
    Callback::new(move |intent| {
        let _ = intents.unbounded_send(Input::User(intent));
    })
}
