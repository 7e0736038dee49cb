//! One browser WebSocket, reporting open, frames and close as inputs tagged with its `ConnId`.
//! web-sys is used directly (not gloo-net's stream) because the session needs the open event and the
//! close code of each socket.

use futures::channel::mpsc::UnboundedSender;
use lpchat_core::{ConnId, Input};
use std::{cell::Cell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

/// A socket and the callbacks that keep it talking to the session.
pub(super) struct Socket {
    ws: Option<WebSocket>,
    closed: Rc<Cell<bool>>,
    _on_open: Option<Closure<dyn FnMut(Event)>>,
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    _on_close: Option<Closure<dyn FnMut(CloseEvent)>>,
}

impl Socket {
    /// Opens `url`; a URL the browser refuses is reported as a close with code 1006.
    pub(super) fn open(conn: ConnId, url: &str, tx: UnboundedSender<Input>) -> Socket {
        let closed = Rc::new(Cell::new(false));
        let ws = match WebSocket::new(url) {
            Ok(ws) => ws,
            Err(_) => {
                closed.set(true);
                let _ = tx.unbounded_send(Input::WsClosed {
                    conn,
                    code: 1006,
                    reason: "the browser refused the address".into(),
                });
                return Socket {
                    ws: None,
                    closed,
                    _on_open: None,
                    _on_message: None,
                    _on_close: None,
                };
            }
        };
        let open_tx = tx.clone();
        let on_open = Closure::<dyn FnMut(Event)>::new(move |_| {
            let _ = open_tx.unbounded_send(Input::WsOpened { conn });
        });
        let msg_tx = tx.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string() {
                let _ = msg_tx.unbounded_send(Input::WsFrame { conn, text });
            }
        });
        let close_flag = closed.clone();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            close_flag.set(true);
            let _ = tx.unbounded_send(Input::WsClosed {
                conn,
                code: e.code(),
                reason: e.reason(),
            });
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Socket {
            ws: Some(ws),
            closed,
            _on_open: Some(on_open),
            _on_message: Some(on_message),
            _on_close: Some(on_close),
        }
    }

    pub(super) fn send(&self, text: &str) {
        if let Some(ws) = &self.ws {
            // A send on a closing socket is lost; the close event reports it to the session.
            let _ = ws.send_with_str(text);
        }
    }

    /// Closes without reporting: the session already let this socket go.
    pub(super) fn close(self, code: u16) {
        if let Some(ws) = &self.ws {
            ws.set_onopen(None);
            ws.set_onmessage(None);
            ws.set_onclose(None);
            let _ = ws.close_with_code(code);
        }
    }

    pub(super) fn is_closed(&self) -> bool {
        self.closed.get()
    }
}
