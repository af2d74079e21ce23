/*
 * Concierge chat widget. Embed with one tag:
 *
 *   <script src="https://concierge.example/static/widget.js" data-hotel="harbor-view" async></script>
 *
 * The API base is where this script came from (or data-api="https://..."). Everything the widget
 * draws lives in a shadow root, so the hotel page's CSS cannot reach it, and every reply is
 * rendered as text (textContent), never as HTML. JavaScript API: window.Concierge (docs/widget.md).
 */
(() => {
  "use strict";

  if (window.Concierge && window.Concierge.version) return; // loaded twice: keep the first

  const script =
    document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-hotel]');
  if (!script) return;
  const hotel = script.dataset.hotel || "";
  const scriptUrl = new URL(script.src, document.baseURI);
  const apiBase = (script.dataset.api || new URL("..", new URL(".", scriptUrl)).href).replace(/\/+$/, "");
  const cssUrl = new URL("widget.css", scriptUrl).href;
  const storeKey = `concierge:${hotel}`;

  const STEPS = {
    search_knowledge: "Looking that up…",
    check_availability: "Checking availability…",
    create_reservation: "Making the booking…",
    find_reservation: "Finding the booking…",
    get_reservation: "Reading the booking…",
    modify_reservation: "Changing the booking…",
    cancel_reservation: "Cancelling the booking…",
    get_folio: "Reading the bill…",
    create_housekeeping_task: "Passing it to housekeeping…",
    request_handoff: "Asking a member of staff…",
  };

  // -- state -------------------------------------------------------------------------------------
  const handlers = { open: [], close: [], message: [], error: [] };
  let busy = false;
  let waitUntil = 0;
  let waitTimer = 0;
  let built = null;
  let restored = false;

  function emit(event, detail) {
    for (const handler of handlers[event] || []) {
      try {
        handler(detail);
      } catch (err) {
        console.error("Concierge handler failed", err);
      }
    }
  }

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(storeKey) || "{}") || {};
    } catch {
      return {};
    }
  }

  function save(state) {
    try {
      sessionStorage.setItem(storeKey, JSON.stringify(state));
    } catch {
      /* storage refused (private mode): the session lasts as long as the page */
    }
  }

  // -- the DOM -----------------------------------------------------------------------------------
  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function build() {
    if (built) return built;
    const host = el("concierge-widget", { id: "concierge-widget" }); // no page rule for "div" matches it
    host.style.setProperty("visibility", "hidden"); // until the stylesheet has loaded
    const root = host.attachShadow({ mode: "open" });
    const css = el("link", { rel: "stylesheet", href: cssUrl });
    const reveal = () => host.style.removeProperty("visibility");
    css.addEventListener("load", reveal);
    css.addEventListener("error", reveal);

    const launcher = el("button", {
      type: "button",
      class: "launcher",
      "aria-haspopup": "dialog",
      "aria-expanded": "false",
      "aria-controls": "concierge-panel",
    });
    launcher.append(el("span", { class: "launcher-icon", "aria-hidden": "true" }, "💬"));
    launcher.append(el("span", { class: "launcher-label" }, "Chat with us"));

    const panel = el("section", {
      id: "concierge-panel",
      class: "panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "concierge-title",
    });
    panel.hidden = true;
    const header = el("header", { class: "header" });
    const title = el("h2", { id: "concierge-title", class: "title" }, "Concierge");
    const close = el("button", { type: "button", class: "close", "aria-label": "Close chat" }, "×");
    header.append(title, close);

    const log = el("div", {
      class: "log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    const status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    const form = el("form", { class: "composer" });
    const label = el("label", { for: "concierge-input", class: "sr-only" }, "Your message");
    const input = el("textarea", {
      id: "concierge-input",
      class: "input",
      rows: "1",
      maxlength: "4000",
      placeholder: "Ask about your stay…",
      autocomplete: "off",
      enterkeyhint: "send",
    });
    const sendButton = el("button", { type: "submit", class: "send" }, "Send");
    form.append(label, input, sendButton);
    const hint = el("p", { class: "hint", id: "concierge-hint" }, "Enter sends, Shift+Enter adds a line, Esc closes.");
    input.setAttribute("aria-describedby", "concierge-hint");
    panel.append(header, log, status, form, hint);
    root.append(css, launcher, panel);
    document.body.append(host);

    launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
    close.addEventListener("click", () => closePanel(true));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        closePanel(true);
      }
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text || busy || Date.now() < waitUntil) return;
      input.value = "";
      send(text);
    });

    built = { host, root, launcher, panel, title, log, status, input, sendButton };
    fetchProfile();
    return built;
  }

  async function fetchProfile() {
    try {
      const response = await fetch(`${apiBase}/v1/hotels/${encodeURIComponent(hotel)}`);
      if (!response.ok) return;
      const profile = await response.json();
      if (profile && profile.name) {
        built.title.textContent = `${profile.name} concierge`;
        built.launcher.setAttribute("aria-label", `Chat with ${profile.name}`);
      }
    } catch {
      /* the title stays generic */
    }
  }

  function addMessage(role, text) {
    const { log } = build();
    const item = el("div", { class: `message ${role}` });
    const who = el("span", { class: "sr-only" }, role === "user" ? "You said: " : "Concierge: ");
    const body = el("p", { class: "text" });
    body.textContent = text;
    item.append(who, body);
    log.append(item);
    log.scrollTop = log.scrollHeight;
    return { item, body };
  }

  function addNotice(text, kind = "notice") {
    const { log } = build();
    const item = el("p", { class: `message ${kind}` }, text);
    log.append(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function setStatus(text) {
    build().status.textContent = text || "";
  }

  function setBusy(value) {
    busy = value;
    const { sendButton, log } = build();
    sendButton.disabled = value || Date.now() < waitUntil;
    log.setAttribute("aria-busy", value ? "true" : "false");
  }

  function sources(toolCalls) {
    const seen = [];
    for (const call of toolCalls || []) {
      if (call.name !== "search_knowledge" || !call.result) continue;
      for (const passage of (call.result.passages || []).slice(0, 1)) {
        const where = [passage.source, passage.heading].filter(Boolean).join(" — ");
        if (where && !seen.includes(where)) seen.push(where);
      }
    }
    return seen;
  }

  // -- opening and closing ---------------------------------------------------------------------
  function open() {
    const ui = build();
    if (!ui.panel.hidden) {
      ui.input.focus();
      return;
    }
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.root.host.dataset.open = "true";
    ui.input.focus();
    restore();
    emit("open", {});
  }

  function closePanel(returnFocus) {
    const ui = build();
    if (ui.panel.hidden) return;
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    delete ui.root.host.dataset.open;
    if (returnFocus) ui.launcher.focus();
    emit("close", {});
  }

  function close() {
    closePanel(built ? built.root.activeElement !== null : false);
  }

  async function restore() {
    if (restored) return;
    restored = true;
    const state = load();
    if (!state.token || !state.thread_id) {
      if (!built.log.childElementCount) {
        addMessage("assistant", "Hello! Ask me anything about the hotel, or book a room.");
      }
      return;
    }
    try {
      const response = await fetch(`${apiBase}/v1/threads/${encodeURIComponent(state.thread_id)}`, {
        headers: { Authorization: `Bearer ${state.token}` },
      });
      if (!response.ok) throw new Error(String(response.status));
      const thread = await response.json();
      for (const message of thread.messages || []) addMessage(message.role, message.content || "");
    } catch {
      addMessage("assistant", "Hello! Ask me anything about the hotel, or book a room.");
    }
  }

  // -- talking to the API ----------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, type, message, retryAfter) {
      super(message);
      this.status = status;
      this.type = type;
      this.retryAfter = retryAfter;
    }
  }

  async function failure(response) {
    let type = "http_" + response.status;
    let message = `The concierge answered ${response.status}.`;
    try {
      const body = await response.json();
      if (body && body.error) {
        type = body.error.type || type;
        message = body.error.message || message;
      }
    } catch {
      /* not JSON */
    }
    const retry = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    return new ApiError(response.status, type, message, Number.isFinite(retry) ? retry : undefined);
  }

  async function session(fresh) {
    const state = load();
    const valid = state.token && (!state.expires_at || Date.parse(state.expires_at) > Date.now() + 60000);
    if (valid && !fresh) return state;
    const response = await fetch(`${apiBase}/v1/guest-sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ hotel }),
    });
    if (!response.ok) throw await failure(response);
    const opened = await response.json();
    const next = { token: opened.token, expires_at: opened.expires_at, thread_id: null };
    save(next);
    return next;
  }

  function parseEvent(block) {
    let event = "message";
    const data = [];
    for (const line of block.split(/\r\n|\r|\n/)) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return null;
    try {
      return { event, data: JSON.parse(data.join("\n")) };
    } catch {
      return { event, data: data.join("\n") };
    }
  }

  async function* events(response) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (;;) {
        const match = /\r\n\r\n|\n\n|\r\r/.exec(buffer);
        if (!match) break;
        const block = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        const parsed = parseEvent(block);
        if (parsed) yield parsed;
      }
    }
    const last = parseEvent(buffer);
    if (last) yield last;
  }

  async function stream(state, text) {
    return fetch(`${apiBase}/v1/chat/stream`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "text/event-stream",
        Authorization: `Bearer ${state.token}`,
      },
      body: JSON.stringify(state.thread_id ? { message: text, thread_id: state.thread_id } : { message: text }),
    });
  }

  function pleaseWait(seconds) {
    const ui = build();
    waitUntil = Date.now() + seconds * 1000;
    clearInterval(waitTimer);
    const tick = () => {
      const left = Math.ceil((waitUntil - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(waitTimer);
        setStatus("");
        ui.sendButton.disabled = busy;
        return;
      }
      setStatus(`Too many messages: please wait ${left} s before sending another.`);
    };
    ui.sendButton.disabled = true;
    tick();
    waitTimer = setInterval(tick, 1000);
  }

  function reportError(error) {
    const message = error instanceof ApiError ? error.message : "The concierge could not be reached. Please try again.";
    if (!(error instanceof ApiError)) {
      // A fetch that fails outright: offline, or a page whose origin the hotel does not list
      // (the browser then hides the API's answer). Tell the site's developer which.
      console.warn(
        `Concierge: ${apiBase} could not be reached from ${location.origin}. If the service is up, ` +
          `add ${location.origin} to the web_origins of hotel '${hotel}'.`,
        error,
      );
    }
    if (error instanceof ApiError && error.status === 429) {
      pleaseWait(error.retryAfter || 5);
    } else {
      setStatus("");
      addNotice(message, "error");
    }
    emit("error", {
      status: error instanceof ApiError ? error.status : 0,
      type: error instanceof ApiError ? error.type : "network",
      message,
    });
  }

  async function turn(text) {
    let state = await session(false);
    let response = await stream(state, text);
    if (response.status === 401) {
      // The guest session expired or was refused: open a new one (a new conversation).
      state = await session(true);
      addNotice("Your session had expired, so this is a new conversation.");
      response = await stream(state, text);
    }
    if (!response.ok) throw await failure(response);
    const threadHeader = response.headers.get("X-Concierge-Thread");
    if (threadHeader && threadHeader !== state.thread_id) save({ ...state, thread_id: threadHeader });

    let bubble = null;
    let reply = null;
    for await (const { event, data } of events(response)) {
      if (event === "token" && data && data.text) {
        if (!bubble) bubble = addMessage("assistant", "");
        bubble.body.textContent += data.text;
        built.log.scrollTop = built.log.scrollHeight;
      } else if (event === "tool_call") {
        setStatus(STEPS[data.name] || "Working on it…");
      } else if (event === "approval_pending") {
        setStatus("Waiting for a manager's decision…");
      } else if (event === "done") {
        reply = data;
      } else if (event === "error") {
        throw new ApiError(200, (data && data.error && data.error.type) || "internal",
          (data && data.error && data.error.message) || "The concierge could not answer.");
      }
    }
    setStatus("");
    if (!reply) throw new ApiError(0, "network", "The answer was cut off. Please try again.");
    save({ ...load(), thread_id: reply.thread_id });
    const answer = reply.reply || "";
    if (!bubble) bubble = addMessage("assistant", answer);
    else bubble.body.textContent = answer;
    built.log.scrollTop = built.log.scrollHeight;
    const cited = sources(reply.tool_calls);
    if (cited.length && !/source/i.test(answer)) {
      bubble.item.append(el("p", { class: "source" }, `Source: ${cited.join("; ")}`));
    }
    emit("message", { role: "assistant", text: answer });
    return answer;
  }

  async function send(text) {
    const message = String(text || "").trim();
    if (!message) return null;
    open();
    if (busy) {
      emit("error", { status: 0, type: "busy", message: "The concierge is still answering the last message." });
      return null;
    }
    if (Date.now() < waitUntil) {
      reportError(new ApiError(429, "rate_limited", "Please wait.", Math.ceil((waitUntil - Date.now()) / 1000)));
      return null;
    }
    const mine = addMessage("user", message);
    emit("message", { role: "user", text: message });
    setBusy(true);
    setStatus("Thinking…");
    try {
      return await turn(message);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        mine.item.classList.add("unsent");
        mine.item.append(el("p", { class: "source" }, "Not sent"));
      }
      reportError(error);
      return null;
    } finally {
      setBusy(false);
      if (Date.now() >= waitUntil && built.status.textContent === "Thinking…") setStatus("");
    }
  }

  function on(event, handler) {
    if (!handlers[event]) throw new Error(`Unknown Concierge event '${event}'.`);
    if (typeof handler === "function") handlers[event].push(handler);
    return () => off(event, handler);
  }

  function off(event, handler) {
    const list = handlers[event] || [];
    const at = list.indexOf(handler);
    if (at >= 0) list.splice(at, 1);
  }

  window.Concierge = Object.freeze({ version: "1", hotel, open, close, send, on, off });

  function start() {
    build();
    window.dispatchEvent(new CustomEvent("concierge:ready"));
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
})();
