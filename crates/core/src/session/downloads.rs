//! Pictures in the conversation (PROTOCOL.md §5.8): for each, `ms.GenerateURLForDownloadFile`, then
//! the picture is shown from the temporary URL. A replayed history can hold many pictures, so their
//! requests wait in a queue and go out a few at a time, within the session's in-flight cap: nothing
//! bursts (§9).

use super::{effects::Effects, MAX_IN_FLIGHT};
use crate::{io::ConnId, pending::Purpose};
use lpchat_wire::{DownloadFileBody, RequestPayload};

/// Download-URL requests in flight at once.
pub(crate) const MAX_DOWNLOADS_IN_FLIGHT: usize = 4;

/// The pictures whose download URL is still to be asked for, and how many requests are out.
#[derive(Debug, Default)]
pub(crate) struct Downloads {
    /// `(entry, path on the file host)`, in the order the pictures arrived.
    /// A few pictures at a time: a list (one kind of queue fewer in the bundle).
    waiting: Vec<(u64, String)>,
    in_flight: usize,
}

impl Downloads {
    /// A picture at `path` on the file host arrived as entry `key`: its URL is to be asked for
    /// (once, however often the picture is replayed while it waits).
    pub(crate) fn arrived(&mut self, key: u64, path: &str) {
        if !self.waiting.iter().any(|(k, _)| *k == key) {
            self.waiting.push((key, path.to_owned()));
        }
    }

    /// Asks on `conn` for what the queue and the caps (this one's, and the session's in-flight
    /// cap) allow.
    pub(crate) fn ask(&mut self, fx: &mut Effects, conn: ConnId) {
        while self.in_flight < MAX_DOWNLOADS_IN_FLIGHT
            && fx.in_flight() < MAX_IN_FLIGHT
            && !self.waiting.is_empty()
        {
            let (key, relative_path) = self.waiting.remove(0);
            self.in_flight += 1;
            fx.request(
                conn,
                Purpose::DownloadUrl { entry: key },
                RequestPayload::GenerateUrlForDownloadFile {
                    body: DownloadFileBody { relative_path },
                },
            );
        }
    }

    /// A download-URL request ended, answered or not (timed out, or its socket is gone). The
    /// replay after a reconnect brings the picture, and so its request, again.
    pub(crate) fn ended(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{io::Command, timing::Timing};

    fn asked(fx: &mut Effects) -> usize {
        std::iter::from_fn(|| fx.pop())
            .filter(|c| matches!(c, Command::Send { text, .. } if text.contains("GenerateURLForDownloadFile")))
            .count()
    }

    #[test]
    fn a_few_go_out_at_a_time_and_each_end_lets_the_next_go() {
        let (mut d, mut fx) = (
            Downloads::default(),
            Effects::new(Timing::default(), "t".into()),
        );
        let conn = fx.conn_id();
        for key in 0..10 {
            d.arrived(key, "/p.png");
        }
        d.arrived(3, "/p.png");
        d.ask(&mut fx, conn);
        assert_eq!(asked(&mut fx), MAX_DOWNLOADS_IN_FLIGHT);
        d.ask(&mut fx, conn);
        assert_eq!(asked(&mut fx), 0, "the cap holds");
        d.ended();
        d.ask(&mut fx, conn);
        assert_eq!(asked(&mut fx), 1);
    }

    #[test]
    fn the_sessions_in_flight_cap_holds_them_back() {
        let (mut d, mut fx) = (
            Downloads::default(),
            Effects::new(Timing::default(), "t".into()),
        );
        let conn = fx.conn_id();
        for _ in 0..MAX_IN_FLIGHT {
            fx.request(conn, Purpose::Signal, RequestPayload::GetClock {});
        }
        d.arrived(1, "/p.png");
        d.ask(&mut fx, conn);
        assert_eq!(asked(&mut fx), 0);
    }
}
