//! Mounts the app.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic is a bug: say what happened in the console (the page stops working either way).
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("lpchat stopped: {info}").into());
    }));
    leptos::mount::mount_to_body(lpchat::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("lpchat runs in the browser: build it with trunk (see README.md)");
}
