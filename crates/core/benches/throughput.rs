//! Core throughput: decoding and applying agent messages, natively. `cargo bench -p lpchat-core`.
//! Prints `core: <frames> frames in <ms> ms = <rate> frames/s`. The workload is `lpchat_core::bench`,
//! shared with the browser measurement (the app's `tests/throughput.rs`).

use std::time::Instant;

fn main() {
    let frames: u64 = std::env::var("LPCHAT_BENCH_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let origin = Instant::now();
    let t = lpchat_core::bench::run(lpchat_core::bench::frames(frames), || {
        origin.elapsed().as_secs_f64() * 1000.0
    })
    .expect("the session opens");
    assert!(
        t.entries as u64 > frames.min(20_000) / 2,
        "the frames were applied"
    );
    println!(
        "core: {frames} frames in {:.0} ms = {:.0} frames/s",
        t.elapsed_ms,
        t.rate()
    );
}
