//! Virtual time: the driver says what time it is.

use std::time::Duration;

/// A point in time in milliseconds since an origin the driver chooses (the page load, a test's zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Millis(pub u64);

impl Millis {
    /// The instant `d` later.
    pub fn after(self, d: Duration) -> Millis {
        Millis(
            self.0
                .saturating_add(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        )
    }
}
