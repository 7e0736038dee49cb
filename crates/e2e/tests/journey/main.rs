//! User journeys: the release build, served under a sub-path, against the sandbox.

use lpchat_e2e::{eventually, World, ACCOUNT};

mod after_close;
mod brand;
mod conversation;
mod explained;
mod inspector;
