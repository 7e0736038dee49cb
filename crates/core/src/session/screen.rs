//! What the view says beyond the other machines' state: the one alert, whether the frame inspector
//! is open, the note that "Forget me" was used, and the quiet spell while a history goes in (no
//! announcements to screen readers, no desktop notifications).

use crate::{failure::Failure, time::Millis};

#[derive(Default)]
pub(super) struct Screen {
    alert: Option<Failure>,
    frames_shown: bool,
    /// "Forget me" was used: say so until the next connection.
    forgotten: bool,
    /// Until then the transcript does not announce additions (a replayed history is going in).
    quiet_until: Option<Millis>,
}

impl Screen {
    /// Shows `failure`, in place of any earlier alert.
    pub(super) fn alert(&mut self, failure: Failure) {
        self.alert = Some(failure);
    }

    pub(super) fn dismiss(&mut self) {
        self.alert = None;
    }

    pub(super) fn current_alert(&self) -> Option<&Failure> {
        self.alert.as_ref()
    }

    pub(super) fn show_frames(&mut self, shown: bool) {
        self.frames_shown = shown;
    }

    pub(super) fn frames_shown(&self) -> bool {
        self.frames_shown
    }

    /// "Forget me" was used (`true`), or a connection began (`false`).
    pub(super) fn set_forgotten(&mut self, forgotten: bool) {
        self.forgotten = forgotten;
    }

    pub(super) fn forgotten(&self) -> bool {
        self.forgotten
    }

    /// Quiet until `until`, in place of any end set before.
    pub(super) fn quiet_until(&mut self, until: Millis) {
        self.quiet_until = Some(until);
    }

    pub(super) fn is_quiet(&self) -> bool {
        self.quiet_until.is_some()
    }

    /// The quiet spell ends at its deadline.
    pub(super) fn expire(&mut self, now: Millis) {
        if self.quiet_until.is_some_and(|q| q <= now) {
            self.quiet_until = None;
        }
    }

    pub(super) fn next_deadline(&self) -> Option<Millis> {
        self.quiet_until
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quiet_spell_ends_at_its_deadline() {
        let mut screen = Screen::default();
        screen.quiet_until(Millis(500));
        assert_eq!(screen.next_deadline(), Some(Millis(500)));
        screen.expire(Millis(499));
        assert!(screen.is_quiet());
        screen.expire(Millis(500));
        assert!(!screen.is_quiet());
        assert_eq!(screen.next_deadline(), None);
    }

    #[test]
    fn one_alert_at_a_time() {
        let mut screen = Screen::default();
        screen.alert(Failure::OutboxFull);
        screen.alert(Failure::InvalidConnector);
        assert!(matches!(
            screen.current_alert(),
            Some(Failure::InvalidConnector)
        ));
        screen.dismiss();
        assert!(screen.current_alert().is_none());
    }
}
