//! Core throughput inside the browser: the same workload as `cargo bench -p lpchat-core`
//! (`lpchat_core::bench`), compiled to WebAssembly and run in headless Chromium. `./scripts/test`
//! runs a small count and checks every frame was applied; `./scripts/bench` sets
//! `LPCHAT_BROWSER_FRAMES` (read at compile time) and reports the printed rate.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_core_decodes_and_applies_agent_messages_in_the_browser() {
    let frames: u64 = option_env!("LPCHAT_BROWSER_FRAMES")
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("a browser has performance.now");
    let t = lpchat_core::bench::run(lpchat_core::bench::frames(frames), || performance.now())
        .expect("the session opens");
    let kept = frames.min(lpchat_core::MAX_TRANSCRIPT_ENTRIES as u64) as usize;
    assert!(
        t.entries >= kept * 9 / 10,
        "{} of {frames} frames applied",
        t.entries
    );
    console_log!(
        "browser core: {frames} frames in {:.0} ms = {:.0} frames/s",
        t.elapsed_ms,
        t.rate()
    );
}
