// Starts lpchat without an inline script, so the page's Content Security Policy can forbid inline
// scripts. Trunk writes the hashed file names into this script's tag (Trunk.toml, pattern_script).
const tag = document.querySelector("script[data-lpchat-js]");
const { default: init } = await import(tag.dataset.lpchatJs);
const wasm = await init({ module_or_path: tag.dataset.lpchatWasm });
// The app's first screen is rendered (main mounts it synchronously): Connect works from here.
performance.mark("lpchat:interactive");
// For ./scripts/bench: the size of the module's linear memory (a number, never its contents).
globalThis.lpchatWasmMemoryBytes = () => wasm.memory.buffer.byteLength;
