/*
 * The staff console: sign in, talk to the concierge, the room board, today's arrivals and
 * departures, housekeeping tasks and managers' approvals. Panels follow the role: what the
 * API lists in GET /v1/tools decides what is shown. Every value from the API is rendered as
 * text (textContent), never as HTML.
 */
(() => {
  "use strict";

  const STORE = "concierge:console";
  const $ = (id) => document.getElementById(id);
  let auth = null; // {token, hotel, username, full_name, role, expires_at}
  let tools = new Set();
  let threadId = null;
  let chatBusy = false;

  // -- helpers -----------------------------------------------------------------------------------
  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  class ApiError extends Error {
    constructor(status, type, message, retryAfter) {
      super(message);
      this.status = status;
      this.type = type;
      this.retryAfter = retryAfter;
    }
  }

  async function failure(response) {
    let type = `http_${response.status}`;
    let message = `The server answered ${response.status}.`;
    try {
      const body = await response.json();
      if (body && body.error) ({ type, message } = { type: body.error.type || type, message: body.error.message || message });
    } catch {
      /* not JSON */
    }
    const retry = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    if (response.status === 403) message = `Not permitted for your role: ${message}`;
    if (response.status === 429) message = `Too many requests: please wait ${Number.isFinite(retry) ? retry : "a few"} s. ${message}`;
    return new ApiError(response.status, type, message, retry);
  }

  async function api(method, path, body, extraHeaders = {}) {
    const headers = { ...extraHeaders };
    if (auth) headers.Authorization = `Bearer ${auth.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && auth) {
      signedOut("Your sign-in has expired. Please sign in again.");
      throw new ApiError(401, "unauthenticated", "Signed out.");
    }
    if (!response.ok) throw await failure(response);
    if (response.status === 204) return null;
    return response.json();
  }

  const tool = (name, args = {}, headers = {}) => api("POST", `/v1/tools/${name}`, args, headers).then((r) => r.result);

  function showError(container, error) {
    container.replaceChildren(el("p", { class: "error", role: "alert" }, error.message || String(error)));
  }

  function table(columns, rows, caption) {
    const t = el("table");
    if (caption) t.append(el("caption", { class: "sr-only" }, caption));
    const head = el("tr");
    for (const [label] of columns) head.append(el("th", { scope: "col" }, label));
    const thead = el("thead");
    thead.append(head);
    t.append(thead);
    const tbody = el("tbody");
    for (const row of rows) {
      const tr = el("tr");
      for (const [, pick] of columns) {
        const value = pick(row);
        const td = el("td");
        if (value instanceof Node) td.append(value);
        else td.textContent = value ?? "—";
        tr.append(td);
      }
      tbody.append(tr);
    }
    t.append(tbody);
    return t;
  }

  // -- signing in and out ----------------------------------------------------------------------
  function restore() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (saved && saved.token && Date.parse(saved.expires_at) > Date.now()) return saved;
    } catch {
      /* nothing usable */
    }
    return null;
  }

  async function signIn(event) {
    event.preventDefault();
    const error = $("login-error");
    error.textContent = "";
    const form = event.target;
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const body = { hotel: form.hotel.value.trim(), username: form.username.value.trim(), password: form.password.value };
      auth = await api("POST", "/v1/staff/login", body);
      sessionStorage.setItem(STORE, JSON.stringify(auth));
      form.password.value = "";
      await enter();
    } catch (err) {
      auth = null;
      error.textContent = err.status === 401 ? "That username and password do not match." : err.message;
    } finally {
      button.disabled = false;
    }
  }

  async function signOut() {
    try {
      await api("POST", "/v1/staff/logout");
    } catch {
      /* signed out locally anyway */
    }
    signedOut("You are signed out.");
  }

  function signedOut(message) {
    auth = null;
    threadId = null;
    tools = new Set();
    sessionStorage.removeItem(STORE);
    $("desk").hidden = true;
    $("who").hidden = true;
    $("login").hidden = false;
    $("chat-log").replaceChildren();
    $("login-error").textContent = message || "";
    $("login-username").focus();
  }

  async function enter() {
    $("login").hidden = true;
    $("who").hidden = false;
    $("who-name").textContent = `${auth.full_name} · ${auth.role.replace("_", " ")} · ${auth.hotel}`;
    $("desk").hidden = false;
    document.body.dataset.role = auth.role;
    addChat("assistant", `Hello ${auth.full_name.split(" ")[0]}, how can I help?`);
    const listed = await api("GET", "/v1/tools");
    tools = new Set(listed.tools.map((t) => t.name));
    const manager = auth.role === "manager" || auth.role === "admin";
    $("panel-rooms").hidden = !tools.has("list_rooms");
    $("panel-today").hidden = !tools.has("search_reservations");
    $("panel-tasks").hidden = !tools.has("list_housekeeping_tasks");
    $("panel-approvals").hidden = !manager;
    $("panel-request").hidden = !tools.has("request_manager_approval");
    $("chat-input").focus();
    const loads = [];
    if (!$("panel-rooms").hidden) loads.push(loadRooms());
    if (!$("panel-today").hidden) loads.push(loadToday());
    if (!$("panel-tasks").hidden) loads.push(loadTasks());
    if (manager) loads.push(loadApprovals());
    await Promise.allSettled(loads);
  }

  // -- chat ------------------------------------------------------------------------------------
  function addChat(role, text) {
    const log = $("chat-log");
    const item = el("div", { class: `message ${role}` });
    item.append(el("span", { class: "sr-only" }, role === "user" ? "You: " : "Concierge: "));
    const body = el("p", { class: "text" }, text);
    item.append(body);
    log.append(item);
    log.scrollTop = log.scrollHeight;
    return body;
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

  async function* sse(response) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let match;
      while ((match = /\r\n\r\n|\n\n|\r\r/.exec(buffer))) {
        const parsed = parseEvent(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
        if (parsed) yield parsed;
      }
    }
    const last = parseEvent(buffer);
    if (last) yield last;
  }

  function step(name) {
    return name ? `Using ${name.replaceAll("_", " ")}…` : "Working…";
  }

  async function chat(event) {
    event.preventDefault();
    const input = $("chat-input");
    const text = input.value.trim();
    if (!text || chatBusy) return;
    input.value = "";
    chatBusy = true;
    $("chat-send").disabled = true;
    $("chat-log").setAttribute("aria-busy", "true");
    addChat("user", text);
    const status = $("chat-status");
    status.textContent = "Thinking…";
    let bubble = null;
    try {
      const response = await fetch("/v1/chat/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream", Authorization: `Bearer ${auth.token}` },
        body: JSON.stringify(threadId ? { message: text, thread_id: threadId } : { message: text }),
      });
      if (response.status === 401) {
        signedOut("Your sign-in has expired. Please sign in again.");
        return;
      }
      if (!response.ok) throw await failure(response);
      let reply = null;
      for await (const { event: kind, data } of sse(response)) {
        if (kind === "token" && data && data.text) {
          bubble = bubble || addChat("assistant", "");
          bubble.textContent += data.text;
        } else if (kind === "tool_call") {
          status.textContent = step(data.name);
        } else if (kind === "approval_pending") {
          status.textContent = "Sent to a manager for approval.";
        } else if (kind === "done") {
          reply = data;
        } else if (kind === "error") {
          throw new ApiError(200, data.error?.type, data.error?.message || "The concierge could not answer.");
        }
      }
      if (!reply) throw new ApiError(0, "network", "The answer was cut off.");
      threadId = reply.thread_id;
      bubble = bubble || addChat("assistant", "");
      bubble.textContent = reply.reply || "";
      status.textContent = reply.pending_approval ? "Waiting for a manager's decision." : "";
      const wrote = (reply.tool_calls || []).some((c) => !/^(get|list|search|find|check|daily)_/.test(c.name));
      if (wrote) refreshAll();
    } catch (err) {
      status.textContent = "";
      const p = addChat("error", err.message || "The concierge could not be reached.");
      p.parentElement.setAttribute("role", "alert");
    } finally {
      chatBusy = false;
      $("chat-send").disabled = false;
      $("chat-log").setAttribute("aria-busy", "false");
    }
  }

  // -- the room board --------------------------------------------------------------------------
  async function loadRooms() {
    const board = $("rooms-board");
    board.setAttribute("aria-busy", "true");
    try {
      const result = await tool("list_rooms");
      const floors = new Map();
      for (const room of result.rooms) {
        if (!floors.has(room.floor)) floors.set(room.floor, []);
        floors.get(room.floor).push(room);
      }
      const counts = {};
      const parts = [];
      for (const floor of [...floors.keys()].sort((a, b) => a - b)) {
        const group = el("div", { class: "floor" });
        group.append(el("h3", {}, `Floor ${floor}`));
        const list = el("ul", { class: "room-grid", "aria-label": `Floor ${floor} rooms` });
        for (const room of floors.get(floor)) {
          const condition = room.out_of_order ? "out of order" : room.condition;
          counts[condition] = (counts[condition] || 0) + 1;
          const li = el("li", {
            class: `room cond cond-${room.out_of_order ? "ooo" : room.condition}${room.occupied ? " occupied" : ""}`,
            "data-room": room.number,
            "data-condition": condition,
            title: `${room.number} ${room.room_type}: ${condition}${room.occupied ? ", occupied" : ", vacant"}${room.accessible ? ", accessible" : ""}`,
          });
          li.append(el("span", { class: "num" }, room.number));
          li.append(el("span", { class: "label" }, `${condition}${room.occupied ? " ●" : ""}`));
          li.append(el("span", { class: "sr-only" }, `${room.room_type}, ${room.occupied ? "occupied" : "vacant"}`));
          list.append(li);
        }
        group.append(list);
        parts.push(group);
      }
      board.replaceChildren(...parts);
      $("rooms-summary").textContent = `${result.count} rooms on ${result.business_date}: ` +
        Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ") + ".";
      $("today-date").textContent = `(${result.business_date})`;
      board.dataset.businessDate = result.business_date;
    } catch (err) {
      showError(board, err);
    } finally {
      board.setAttribute("aria-busy", "false");
    }
  }

  // -- arrivals and departures -----------------------------------------------------------------
  function businessDate() {
    return $("rooms-board").dataset.businessDate || new Date().toLocaleDateString("en-CA");
  }

  async function loadToday() {
    const arrivals = $("arrivals");
    const departures = $("departures");
    try {
      if (!$("rooms-board").dataset.businessDate && tools.has("list_rooms")) await loadRooms();
      const day = businessDate();
      $("today-date").textContent = `(${day})`;
      const [incoming, outgoing] = await Promise.all([
        tool("search_reservations", { arrival_date: day }),
        tool("search_reservations", { departure_date: day }),
      ]);
      const columns = [
        ["Code", (r) => r.confirmation_code],
        ["Guest", (r) => r.guest_name],
        ["Type", (r) => r.room_type],
        ["Room", (r) => r.room],
        ["Stay", (r) => `${r.check_in} → ${r.check_out}`],
        ["Status", (r) => r.status.replace("_", " ")],
      ];
      // Still to come first (confirmed arrivals, guests not yet checked out), then the done ones.
      const order = { confirmed: 0, in_house: 1, checked_out: 2, no_show: 3 };
      const sorted = (rows, first) =>
        rows
          .filter((r) => r.status !== "cancelled")
          .sort((x, y) => (x.status === first ? -1 : 0) - (y.status === first ? -1 : 0) || (order[x.status] ?? 9) - (order[y.status] ?? 9));
      const a = sorted(incoming.reservations, "confirmed");
      const d = sorted(outgoing.reservations, "in_house");
      arrivals.replaceChildren(a.length ? table(columns, a, "Arrivals today") : el("p", { class: "muted" }, "No arrivals."));
      departures.replaceChildren(d.length ? table(columns, d, "Departures today") : el("p", { class: "muted" }, "No departures."));
    } catch (err) {
      showError(arrivals, err);
      departures.replaceChildren();
    }
  }

  // -- housekeeping tasks ----------------------------------------------------------------------
  async function loadTasks() {
    const box = $("tasks");
    try {
      const mine = auth.role === "housekeeping";
      const result = await tool("list_housekeeping_tasks", {});
      const rows = result.tasks.filter((t) => t.status !== "done" && t.status !== "cancelled");
      const columns = [
        ["#", (t) => t.task_id],
        ["Room", (t) => t.room_number],
        ["Kind", (t) => t.kind.replaceAll("_", " ")],
        ["Status", (t) => t.status.replace("_", " ")],
        ["Assignee", (t) => (t.assignee === auth.username && mine ? `${t.assignee} (you)` : t.assignee)],
        ["Notes", (t) => t.notes],
      ];
      box.replaceChildren(rows.length ? table(columns, rows, "Open housekeeping tasks") : el("p", { class: "muted" }, "No open tasks."));
    } catch (err) {
      showError(box, err);
    }
  }

  // -- approvals -------------------------------------------------------------------------------
  function describe(approval) {
    const a = approval.arguments || {};
    const what = approval.tool === "refund_payment"
      ? `Refund $${a.amount} on ${a.confirmation_code}`
      : `Void line ${a.line} on ${a.confirmation_code}`;
    return what;
  }

  async function loadApprovals() {
    const box = $("approvals");
    try {
      const result = await api("GET", "/v1/approvals");
      if (!result.approvals.length) {
        box.replaceChildren(el("p", { class: "muted" }, "Nothing waits for a decision."));
        return;
      }
      const list = el("ul", { class: "approval-list" });
      for (const approval of result.approvals) {
        const li = el("li", { class: "approval", "data-approval": approval.approval_id });
        li.append(el("p", { class: "what" }, `${approval.reference}: ${describe(approval)}`));
        li.append(el("p", { class: "why" }, `Asked by ${approval.requested_by || approval.requested_role}: “${approval.reason}”`));
        const noteId = `note-${approval.approval_id}`;
        li.append(el("label", { for: noteId }, "Note (optional)"));
        const note = el("input", { id: noteId, maxlength: "2000" });
        li.append(note);
        const actions = el("div", { class: "actions" });
        const yes = el("button", { type: "button", class: "approve" }, "Approve");
        const no = el("button", { type: "button", class: "deny" }, "Deny");
        yes.setAttribute("aria-label", `Approve ${approval.reference}: ${describe(approval)}`);
        no.setAttribute("aria-label", `Deny ${approval.reference}: ${describe(approval)}`);
        yes.addEventListener("click", () => decide(approval, true, note.value, [yes, no]));
        no.addEventListener("click", () => decide(approval, false, note.value, [yes, no]));
        actions.append(yes, no);
        li.append(actions);
        list.append(li);
      }
      box.replaceChildren(list);
    } catch (err) {
      showError(box, err);
    }
  }

  async function decide(approval, approved, note, buttons) {
    const out = $("approval-result");
    for (const b of buttons) b.disabled = true;
    out.replaceChildren(el("p", {}, approved ? "Approving…" : "Denying…"));
    try {
      const verb = approved ? "approve" : "deny";
      const decision = await api("POST", `/v1/approvals/${approval.approval_id}/${verb}`, { note });
      const lines = [el("p", { class: "decided" }, `${decision.approval.reference} ${decision.approval.status}.`)];
      if (decision.reply) {
        lines.push(el("p", { class: "reply" }, decision.reply.reply));
      } else if (decision.result) {
        // Filed outside a conversation: the API ran the approved write; this is its result.
        lines.push(el("p", { class: "reply" }, outcomeText(decision.approval, decision.result)));
      }
      out.replaceChildren(...lines);
      await loadApprovals();
      refreshAll();
    } catch (err) {
      showError(out, err);
      for (const b of buttons) b.disabled = false;
    }
  }

  function outcomeText(approval, result) {
    const code = approval.arguments.confirmation_code;
    const folio = result && (result.folio || result);
    const balance = folio && folio.balance !== undefined ? ` Balance now $${folio.balance}.` : "";
    if (approval.tool === "refund_payment") return `Refunded $${approval.arguments.amount} on ${code}.${balance}`;
    return `Voided line ${approval.arguments.line} on ${code}.${balance}`;
  }

  // -- front desk: asking a manager ------------------------------------------------------------
  async function requestApproval(event) {
    event.preventDefault();
    const form = event.target;
    const out = $("request-result");
    out.textContent = "";
    try {
      const reason = form.reason.value.trim();
      const filed = await tool("request_manager_approval", {
        tool: "refund_payment",
        arguments: { confirmation_code: form.code.value.trim().toUpperCase(), amount: form.amount.value.trim(), reason },
        reason,
      });
      out.textContent = `Sent to a manager as ${filed.reference}: ${describe(filed)}.`;
      form.reset();
    } catch (err) {
      out.textContent = err.message;
    }
  }

  function refreshAll() {
    if (!auth) return;
    if (!$("panel-rooms").hidden) loadRooms();
    if (!$("panel-today").hidden) loadToday();
    if (!$("panel-tasks").hidden) loadTasks();
  }

  // -- wiring ----------------------------------------------------------------------------------
  $("login-form").addEventListener("submit", signIn);
  $("logout").addEventListener("click", signOut);
  $("chat-form").addEventListener("submit", chat);
  $("chat-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("chat-form").requestSubmit();
    }
  });
  $("rooms-refresh").addEventListener("click", loadRooms);
  $("today-refresh").addEventListener("click", loadToday);
  $("tasks-refresh").addEventListener("click", loadTasks);
  $("approvals-refresh").addEventListener("click", loadApprovals);
  $("request-form").addEventListener("submit", requestApproval);

  auth = restore();
  if (auth) enter().catch(() => signedOut(""));
  else $("login-username").focus();
})();
