//! One browser WebSocket, reporting open, frames and close as inputs tagged with its `ConnId`.
//! web-sys is used directly (not gloo-net's stream) because the session needs the open event and the
//! close code of each socket.

use lpchat_core::{ConnId, Input};
use std::{cell::Cell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

/// A socket and the callbacks that keep it talking to the session.
pub(super) struct Socket {
    ws: WebSocket,
    closed: Rc<Cell<bool>>,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Opens a socket whose events become inputs; if the browser refuses the address at once, the
    /// input saying so: a close with code 1006 (abnormal) and no reason, which the session words.
    pub(super) fn open(conn: ConnId, url: &str) -> Result<Socket, Input> {
        let closed = Rc::new(Cell::new(false));
        let ws = WebSocket::new(url).map_err(|_| Input::WsClosed {
            conn,
            code: 1006,
            reason: String::new(),
        })?;
        let on_open = Closure::<dyn FnMut(Event)>::new(move |_| {
            super::feed(Input::WsOpened { conn });
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string() {
                super::feed(Input::WsFrame { conn, text });
            }
        });
        let close_flag = closed.clone();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            close_flag.set(true);
            super::feed(Input::WsClosed {
                conn,
                code: e.code(),
                reason: e.reason(),
            });
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(Socket {
            ws,
            closed,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        })
    }

    pub(super) fn send(&self, text: &str) {
        // A send on a closing socket is lost; the close event reports it to the session.
        let _ = self.ws.send_with_str(text);
    }

    /// Closes without reporting: the session already let this socket go.
    pub(super) fn close(self, code: u16) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close_with_code(code);
    }

    pub(super) fn is_closed(&self) -> bool {
        self.closed.get()
    }
}
