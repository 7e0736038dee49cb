// The app's side of the messages with a page that embeds it in a panel (embed.js, docs/EMBED.md),
// run before the app starts. The page names its origin in `?embed=`; that is believed only when the
// browser says the same (the first of `location.ancestorOrigins`, else the referrer, which embed.js
// asks to be the page's origin). Then this posts only to that origin (never `*`) and reads only that
// origin's messages from the parent window, of the known shape.
//
// The app and this script share the root element: this marks it `data-embedded` (the compact header
// and its close control) and `data-panel-closed` while the panel is closed (a hidden page to the
// session), saying `lpchat:panel` on the document when that changes; the app writes `data-unread`
// and `data-typing` for this to pass on. The header's close control (`data-lpchat-close`, shown only
// when embedded) and Escape that nothing in the app used ask the page to close the panel.
(() => {
  "use strict";
  const PROTOCOL = 1;
  try {
    const claimed = new URLSearchParams(location.search).get("embed");
    const parent = window.parent;
    if (!claimed || parent === window) return;
    const ancestors = location.ancestorOrigins;
    const told = ancestors && ancestors.length ? ancestors[0] : new URL(document.referrer).origin;
    if (told !== claimed) return;

    const root = document.documentElement;
    const post = (type, field) => parent.postMessage({ lpchat: PROTOCOL, type, ...field }, claimed);
    root.setAttribute("data-embedded", "");
    root.setAttribute("data-panel-closed", ""); // until the page says it is shown

    window.addEventListener("message", (event) => {
      if (event.origin !== claimed || event.source !== parent) return;
      const message = event.data;
      if (!message || typeof message !== "object" || message.lpchat !== PROTOCOL) return;
      if (message.type !== "shown" || typeof message.shown !== "boolean") return;
      root.toggleAttribute("data-panel-closed", !message.shown);
      document.dispatchEvent(new Event("lpchat:panel"));
    });

    // What the app writes, passed on when it changes.
    let unread = 0;
    let typing = false;
    new MutationObserver(() => {
      const count = Number(root.getAttribute("data-unread")) || 0;
      const types = root.getAttribute("data-typing") === "true";
      if (count !== unread) post("unread", { count: (unread = count) });
      if (types !== typing) post("typing", { typing: (typing = types) });
    }).observe(root, { attributeFilter: ["data-unread", "data-typing"] });

    document.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest("[data-lpchat-close]")) post("close");
    });
    window.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) post("close");
    });
    post("ready");
  } catch (error) {
    // No parent to talk to (a referrer that is no address, a parent gone): the app stays a full page.
    console.warn("lpchat: not embedded", error);
  }
})();
