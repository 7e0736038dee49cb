// lpchat on any page with one tag (docs/EMBED.md):
//   <script src="https://<owner>.github.io/<repo>/embed.js" data-account="12345678" async></script>
// It adds a launcher button in a corner; the button opens lpchat (the app next to this file) in a
// panel over the page, and a badge counts the agent's messages while the panel is closed. It defines
// one global, `lpchat` (open, close, toggle), never throws into the page, adds no style to it (its
// parts live in a shadow root), and loads the app only once the page is idle or the launcher is
// pointed at, focused or pressed.
(() => {
  "use strict";
  // The version of the messages between this page and the panel (docs/EMBED.md).
  const PROTOCOL = 1;
  const OPEN_KEY = "lpchat:open";
  const WORDS = {
    en: {
      launcher: "Chat with us",
      unread: (n) => `Chat with us, ${n} unread message${n === 1 ? "" : "s"}`,
      typing: "Chat with us, the agent is typing",
      panel: "Chat",
    },
    he: {
      launcher: "צ'אט איתנו",
      unread: (n) => `צ'אט איתנו, ${n === 1 ? "הודעה אחת שלא נקראה" : `${n} הודעות שלא נקראו`}`,
      typing: "צ'אט איתנו, הנציג מקליד",
      panel: "צ'אט",
    },
  };
  const CSS = `
:host { all: initial; }
.launcher {
  position: fixed; bottom: 20px; inset-inline-end: 20px; z-index: 2147483646;
  width: 60px; height: 60px; padding: 0; border: 0; border-radius: 50%; cursor: pointer;
  display: grid; place-items: center; color: #fff; background: #2f6fde;
  box-shadow: 0 4px 14px rgb(0 0 0 / .28); transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline: 3px solid #f0a500; outline-offset: 3px; }
.launcher svg { width: 30px; height: 30px; fill: currentColor; }
.launcher .dots { opacity: 0; fill: #2f6fde; }
.launcher.typing .dots { opacity: 1; animation: blink 1.2s infinite; }
@keyframes blink { 50% { opacity: .3; } }
.badge {
  position: absolute; top: -4px; inset-inline-end: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; box-sizing: border-box; font: 700 12px/22px system-ui, sans-serif;
  color: #fff; background: #c62828; border: 2px solid #fff;
}
.badge[hidden] { display: none; }
.panel {
  position: fixed; bottom: 92px; inset-inline-end: 20px; z-index: 2147483647;
  width: min(400px, calc(100vw - 40px)); height: min(640px, calc(100vh - 112px));
  border-radius: 12px; overflow: hidden; background: #fff; box-shadow: 0 8px 30px rgb(0 0 0 / .3);
  visibility: hidden; opacity: 0; transform: translateY(12px);
  transition: opacity .18s ease, transform .18s ease, visibility 0s linear .18s;
}
.panel.open { visibility: visible; opacity: 1; transform: none; transition-delay: 0s; }
.panel iframe { display: block; width: 100%; height: 100%; border: 0; }
.left .launcher, .left .panel { inset-inline-end: auto; inset-inline-start: 20px; }
@media (max-width: 480px) {
  .panel, .left .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .opened .launcher { display: none; }
}
@media (prefers-color-scheme: dark) {
  .launcher { background: #2f62c9; }
  .launcher .dots { fill: #2f62c9; }
  .badge { border-color: #11151c; }
  .panel { background: #1b212c; }
}
@media (prefers-reduced-motion: reduce) {
  .launcher, .panel { transition: none; }
  .launcher:hover { transform: none; }
  .launcher.typing .dots { animation: none; }
}`;

  function start(script) {
    const data = script.dataset;
    if (!data.account) {
      console.warn("lpchat: the script tag has no data-account; no launcher was added");
      return;
    }
    const lang = (data.lang || document.documentElement.lang || navigator.language || "en").slice(0, 2);
    const words = WORDS[lang] || WORDS.en;
    const app = new URL("./", script.src);
    const query = new URLSearchParams({ account: data.account, embed: location.origin });
    for (const name of ["csds", "skill", "lang"]) {
      if (data[name]) query.set(name, data[name]);
    }
    app.search = query.toString();

    const host = document.createElement("div");
    host.setAttribute("data-lpchat", "");
    const root = host.attachShadow({ mode: "open" });
    const style = new CSSStyleSheet();
    style.replaceSync(CSS);
    root.adoptedStyleSheets = [style];
    const box = document.createElement("div");
    if (data.position === "left") box.className = "left";
    const panel = document.createElement("div");
    panel.className = "panel";
    panel.id = "lpchat-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", words.panel);
    const launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "launcher";
    launcher.setAttribute("aria-controls", panel.id);
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", words.launcher);
    const svg = "http://www.w3.org/2000/svg";
    const icon = document.createElementNS(svg, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    for (const [d, cls] of [
      ["M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z", ""],
      ["M7 9.5h2v2H7zm4 0h2v2h-2zm4 0h2v2h-2z", "dots"],
    ]) {
      const path = document.createElementNS(svg, "path");
      path.setAttribute("d", d);
      if (cls) path.setAttribute("class", cls);
      icon.append(path);
    }
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.hidden = true;
    badge.setAttribute("aria-hidden", "true");
    launcher.append(icon, badge);
    box.append(launcher, panel);
    root.append(box);
    document.body.append(host);

    let frame = null;
    let ready = false;
    let open = false;
    let unread = 0;
    let typing = false;

    const remember = (value) => {
      try {
        sessionStorage.setItem(OPEN_KEY, value ? "1" : "0");
      } catch (_) {
        // Storage refused (a privacy setting): the panel just starts closed on the next page.
      }
    };
    const remembered = () => {
      try {
        return sessionStorage.getItem(OPEN_KEY) === "1";
      } catch (_) {
        return false;
      }
    };
    // Tells the app whether it is shown, once it has said it is ready; only to the app's origin.
    const tell = () => {
      if (frame && ready && frame.contentWindow) {
        frame.contentWindow.postMessage({ lpchat: PROTOCOL, type: "shown", shown: open }, app.origin);
      }
    };
    const paint = () => {
      const count = open ? 0 : unread;
      badge.hidden = count === 0;
      badge.textContent = count > 99 ? "99+" : String(count);
      launcher.classList.toggle("typing", typing && !open);
      launcher.setAttribute("aria-label", count ? words.unread(count) : typing && !open ? words.typing : words.launcher);
    };
    const load = () => {
      if (frame) return;
      frame = document.createElement("iframe");
      frame.title = words.panel;
      // The app checks who embeds it against this (and against location.ancestorOrigins).
      frame.referrerPolicy = "origin";
      frame.allow = "clipboard-write";
      frame.src = app.href;
      panel.append(frame);
    };
    // Opens or closes the panel; `moveFocus`: into the panel when it opens, back to the launcher when
    // it closes from inside (not when a page starts with the panel open, remembered).
    const show = (value, moveFocus = true) => {
      if (value === open) return;
      const focused = document.activeElement === host;
      open = value;
      remember(open);
      if (open) load();
      panel.classList.toggle("open", open);
      box.classList.toggle("opened", open);
      launcher.setAttribute("aria-expanded", String(open));
      paint();
      tell();
      if (!moveFocus) return;
      if (open) frame.focus();
      else if (focused) launcher.focus();
    };

    launcher.addEventListener("click", () => show(!open));
    for (const event of ["pointerenter", "focus"]) launcher.addEventListener(event, load, { once: true });
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && open) {
        event.preventDefault();
        show(false);
      }
    });
    // The app's messages: only from the app's origin, only from its frame, only of the known shapes.
    window.addEventListener("message", (event) => {
      if (event.origin !== app.origin || !frame || event.source !== frame.contentWindow) return;
      const message = event.data;
      if (!message || typeof message !== "object" || message.lpchat !== PROTOCOL) return;
      if (message.type === "ready") {
        ready = true;
        tell();
      } else if (message.type === "unread" && Number.isInteger(message.count) && message.count >= 0) {
        unread = message.count;
        paint();
      } else if (message.type === "typing" && typeof message.typing === "boolean") {
        typing = message.typing;
        paint();
      } else if (message.type === "close") {
        show(false);
      }
    });

    window.lpchat = Object.freeze({
      version: PROTOCOL,
      open: () => show(true),
      close: () => show(false),
      toggle: () => show(!open),
    });
    if (data.open === "true" || remembered()) {
      show(true, false);
    } else {
      const idle = () => (window.requestIdleCallback ? requestIdleCallback(load, { timeout: 4000 }) : setTimeout(load, 1500));
      if (document.readyState === "complete") idle();
      else window.addEventListener("load", idle, { once: true });
    }
  }

  try {
    const script = document.currentScript;
    if (!script || window.lpchat) return; // included twice: the first one stays
    const go = () => {
      try {
        start(script);
      } catch (error) {
        console.warn("lpchat: the launcher could not start", error);
      }
    };
    if (document.body) go();
    else document.addEventListener("DOMContentLoaded", go, { once: true });
  } catch (error) {
    console.warn("lpchat: the launcher could not start", error);
  }
})();
