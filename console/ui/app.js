// The minikinesis console: plain DOM code over the admin API (api/...).
// Everything the page shows comes from textContent, never innerHTML.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { account: "", stream: "", streams: [], view: null, cursor: "", rows: [], live: true, manual: false };

// el builds an element: el("td", {class: "x"}, "text", child, ...).
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

// api calls the admin API for the chosen account; errors throw with
// the server's message.
async function api(method, path, body) {
  const sep = path.includes("?") ? "&" : "?";
  const url = "api/" + path + (state.account ? sep + "account=" + encodeURIComponent(state.account) : "");
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const resp = await fetch(url, init);
  if (resp.status === 204) return null;
  const data = await resp.json();
  if (!resp.ok) throw new Error((data.__type || resp.status) + ": " + (data.message || ""));
  return data;
}

function say(msg, bad) {
  const s = $("status");
  s.textContent = msg;
  s.className = bad ? "bad" : "";
}

// act runs a user action and reports its failure.
async function act(fn, done) {
  try {
    await fn();
    if (done) say(done);
    await refresh();
  } catch (e) {
    say(e.message, true);
  }
}

const fmt = new Intl.NumberFormat();
const shortShard = (id) => id.replace(/^shardId-0*/, "") || "0";
const isoTime = (t) => new Date(t).toISOString().replace(".000Z", "Z");

// ---- health, accounts, clock ----

async function loadHealth() {
  const h = await api("GET", "health");
  const sel = $("account");
  if (h.Accounts.length > 1 && sel.options.length !== h.Accounts.length) {
    sel.replaceChildren(...h.Accounts.map((a) => el("option", { value: a.ID }, a.ID + " (" + a.Region + ")")));
    $("account-box").hidden = false;
  }
  const ops = document.querySelector("#fault select[name=op]");
  if (ops.options.length === 1) for (const op of h.Operations) ops.append(el("option", {}, op));
}

function showClock(c) {
  $("now").textContent = isoTime(c.Now);
  $("now").setAttribute("datetime", c.Now);
  state.manual = c.Manual;
  $("clock-mode").textContent = c.Manual ? "manual" : "wall";
  $("advance").hidden = !c.Manual;
}

async function advance(by) {
  await act(async () => showClock(await api("POST", "clock/advance", { By: by })), "Clock advanced by " + by + ".");
}

// ---- streams ----

function renderStreams() {
  const list = $("streams");
  list.replaceChildren(...state.streams.map((s) =>
    el("li", {}, el("button", { class: "link", "aria-current": s.Name === state.stream ? "true" : false, onclick: () => pick(s.Name) },
      s.Name, el("span", { class: "tag" }, s.Status), el("span", { class: "hint" }, " " + s.OpenShards + " shards")))));
  $("no-streams").hidden = state.streams.length > 0;
  const faultStream = document.querySelector("#fault select[name=stream]");
  const names = ["", ...state.streams.map((s) => s.Name)];
  if (faultStream.options.length !== names.length || [...faultStream.options].some((o, i) => o.value !== names[i])) {
    const keep = faultStream.value;
    faultStream.replaceChildren(...names.map((n) => el("option", { value: n }, n || "any")));
    faultStream.value = names.includes(keep) ? keep : "";
  }
}

function pick(name) {
  history.replaceState(null, "", "#stream=" + encodeURIComponent(name));
  if (state.stream !== name) {
    state.stream = name;
    state.cursor = "";
    state.rows = [];
    $("record-table").tBodies[0].replaceChildren();
    $("r-shard").replaceChildren(el("option", { value: "" }, "all shards"));
  }
  refresh().then(() => $("main").focus());
  if (state.live) readRecords(true);
}

function renderDetails(v) {
  const s = v.Stream;
  $("stream-name").textContent = s.Name;
  const tags = Object.entries(s.Tags || {}).map(([k, val]) => k + "=" + val).join(", ") || "none";
  const consumers = (s.Consumers || []).map((c) => c.ConsumerName + " (" + c.ConsumerStatus + ")").join(", ") || "none";
  const rows = [
    ["Status", s.Status], ["Mode", s.Mode], ["Retention", s.RetentionHours + " h"],
    ["Open shards", s.OpenShards + " of " + s.Shards], ["Encryption", s.Encryption === "KMS" ? "KMS (" + s.KeyID + ")" : "none"],
    ["Max record", fmt.format(s.MaxRecordSizeInKiB) + " KiB"], ["Created", isoTime(s.Created)], ["Tags", tags], ["Consumers", consumers], ["ARN", s.ARN],
  ];
  $("details").replaceChildren(...rows.flatMap(([k, val]) => [el("dt", {}, k), el("dd", {}, val)]));
}

// renderShards draws the hash-key space and the shard table.
function renderShards(v) {
  const open = v.Shards.filter((s) => s.Open), closed = v.Shards.filter((s) => !s.Open);
  const bar = (shards, box, label) => {
    box.replaceChildren(...shards.map((s) => {
      const d = el("div", { class: "range", title: s.ShardId + ": " + s.StartingHashKey + " – " + s.EndingHashKey },
        el("span", {}, shortShard(s.ShardId)));
      d.style.left = (s.Start * 100).toFixed(3) + "%";
      d.style.width = Math.max(0.4, (s.End - s.Start) * 100).toFixed(3) + "%";
      return d;
    }));
    box.setAttribute("aria-label", label + ": " + (shards.map((s) => shortShard(s.ShardId) + " " + (s.Start * 100).toFixed(1) + "–" + (s.End * 100).toFixed(1) + "%").join(", ") || "none"));
    box.hidden = shards.length === 0;
  };
  bar(open, $("keyspace"), "Open shards over the hash-key space");
  bar(closed, $("closedspace"), "Closed shards");
  const children = {};
  for (const s of v.Shards) for (const p of [s.ParentShardId, s.AdjacentParentShardId]) if (p) (children[p] = children[p] || []).push(s.ShardId);
  $("lineage").replaceChildren(...closed.map((s) =>
    el("li", {}, s.ShardId + " → " + ((children[s.ShardId] || []).join(", ") || "(no children)"))));

  const w = v.Limits.Write;
  const meter = (val, max, unit) => {
    const cell = el("td", {}, fmt.format(val) + (max ? " / " + fmt.format(max) : "") + unit);
    if (max) cell.prepend(el("meter", { min: 0, max, value: Math.min(val, max), high: max * 0.8, optimum: 0, "aria-hidden": "true" }), " ");
    return cell;
  };
  $("shard-table").tBodies[0].replaceChildren(...v.Shards.map((s) => el("tr", {},
    el("th", { scope: "row" }, s.ShardId, s.ParentShardId ? el("div", { class: "hint" }, "from " + [s.ParentShardId, s.AdjacentParentShardId].filter(Boolean).map(shortShard).join(" + ")) : null),
    el("td", {}, s.Open ? "open" : "closed"),
    el("td", {}, fmt.format(s.Records)),
    meter(s.RecordsPerSecond, s.Open && v.Limits.WritesThrottled ? w.RecordsPerSecond : 0, ""),
    meter(s.BytesPerSecond, s.Open && v.Limits.WritesThrottled ? w.BytesPerSecond : 0, " B"),
    el("td", { class: s.WriteThrottled ? "bad" : "" }, fmt.format(s.WriteThrottled)),
    el("td", {}, fmt.format(s.ReadCalls)),
    el("td", { class: s.ReadThrottled ? "bad" : "" }, fmt.format(s.ReadThrottled)))));

  const sel = $("r-shard");
  if (sel.options.length !== v.Shards.length + 1) {
    const keep = sel.value;
    sel.replaceChildren(el("option", { value: "" }, "all shards"), ...v.Shards.map((s) => el("option", { value: s.ShardId }, s.ShardId)));
    sel.value = keep;
  }
}

// ---- records ----

function bytesOf(b64) {
  const bin = atob(b64 || "");
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
const utf8 = new TextDecoder();

function hexdump(bytes) {
  const lines = [];
  for (let i = 0; i < bytes.length && i < 4096; i += 16) {
    const row = [...bytes.subarray(i, i + 16)];
    lines.push(i.toString(16).padStart(6, "0") + "  " + row.map((b) => b.toString(16).padStart(2, "0")).join(" ").padEnd(48) + "  " +
      row.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join(""));
  }
  return lines.join("\n") + (bytes.length > 4096 ? "\n…" : "");
}

function render(bytes, mode) {
  const text = utf8.decode(bytes);
  if (mode === "hex") return hexdump(bytes);
  if (mode === "json") {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text + "  (not JSON)"; }
  }
  return text;
}

function dataCell(r) {
  const mode = $("r-view").value;
  if (mode === "kpl") {
    if (!r.UserRecords) return el("td", {}, el("pre", {}, render(bytesOf(r.Data), "text")), el("span", { class: "hint" }, "not a KPL aggregate"));
    return el("td", {}, el("ol", { class: "users" }, ...r.UserRecords.map((u) =>
      el("li", {}, el("span", { class: "tag" }, u.PartitionKey), " ", el("pre", {}, render(bytesOf(u.Data), "text"))))));
  }
  return el("td", {}, el("pre", {}, render(bytesOf(r.Data), mode)), el("span", { class: "hint" }, r.Size + " B" + (r.UserRecords ? ", KPL aggregate of " + r.UserRecords.length : "")));
}

async function copy(text, btn) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const t = el("textarea", {}, text);
    document.body.append(t);
    t.select();
    document.execCommand("copy");
    t.remove();
  }
  btn.textContent = "Copied";
  setTimeout(() => (btn.textContent = "Copy"), 1500);
}

function recordRow(r) {
  const btn = el("button", { class: "small", "aria-label": "Copy sequence number " + r.SequenceNumber }, "Copy");
  btn.addEventListener("click", () => copy(r.SequenceNumber, btn));
  return el("tr", {}, el("td", {}, el("time", { datetime: r.ArrivalTime }, isoTime(r.ArrivalTime))), el("td", {}, shortShard(r.ShardId)),
    el("td", {}, r.PartitionKey), el("td", { class: "seq" }, el("code", {}, r.SequenceNumber), " ", btn), dataCell(r));
}

const maxRows = 500;

// readRecords reads from the chosen start (fresh) or on from the cursor.
async function readRecords(fresh) {
  if (!state.stream) return;
  if (!state.cursor) fresh = true;
  if (fresh) state.gen = (state.gen || 0) + 1; // answers to older reads are dropped
  else if (state.reading) return; // a tick does not overtake a read in flight
  const gen = state.gen;
  const from = $("r-from").value;
  const q = new URLSearchParams({ from, limit: "100" });
  if ($("r-shard").value) q.set("shard", $("r-shard").value);
  if ($("r-key").value) q.set("key", $("r-key").value);
  if (from === "AT_SEQUENCE_NUMBER") q.set("seq", $("r-seq").value.trim());
  if (from === "AT_TIMESTAMP") q.set("ts", $("r-ts").value.trim());
  if (!fresh && state.cursor) q.set("cursor", state.cursor);
  const stream = state.stream;
  state.reading = true;
  let page;
  try {
    page = await api("GET", "streams/" + encodeURIComponent(stream) + "/records?" + q);
  } finally {
    if (gen === state.gen) state.reading = false;
  }
  if (stream !== state.stream || gen !== state.gen) return;
  if (fresh) state.rows = [];
  state.cursor = page.Cursor;
  state.rows.push(...page.Records);
  if (state.rows.length > maxRows) state.rows.splice(0, state.rows.length - maxRows);
  $("record-table").tBodies[0].replaceChildren(...state.rows.map(recordRow).reverse());
  $("r-summary").textContent = state.rows.length + " records shown, newest first (" + fmt.format(page.Kept) + " kept in the shards read)" +
    (state.live ? "; following live." : ".");
}

// ---- faults ----

function describeFault(f) {
  const scope = [f.Operation || "any operation", f.Stream ? "stream " + f.Stream : "", f.Shard, f.PartitionKey ? "key " + f.PartitionKey : ""].filter(Boolean).join(", ");
  const effect = [f.Error ? f.Error.Code : "", f.EntryErrorCode ? "entries " + f.EntryErrorCode : "", f.HTTPStatus ? "HTTP " + f.HTTPStatus : "",
    f.DropConnection ? "drop connection" : "", f.Latency ? "latency " + f.Latency : "", f.ClockLatency ? "clock +" + f.ClockLatency : ""].filter(Boolean).join(", ");
  const when = [f.Times ? "at most " + f.Times + "×" : "", f.Nth ? "call #" + f.Nth : "", f.Probability ? "p=" + f.Probability : ""].filter(Boolean).join(", ");
  return scope + ": " + effect + (when ? " (" + when + ")" : "") + " — fired " + (f.Fired || 0) + " of " + (f.Seen || 0);
}

async function loadFaults() {
  const faults = await api("GET", "faults");
  $("faults").replaceChildren(...faults.map((f) => el("li", {}, describeFault(f), " ",
    el("button", { class: "small", "aria-label": "Remove fault rule " + f.ID, onclick: () => act(() => api("DELETE", "faults/" + f.ID), "Fault rule removed.") }, "Remove"))));
  $("no-faults").hidden = faults.length > 0;
}

function faultSpec(form) {
  const spec = {};
  const v = (n) => form.elements[n].value.trim();
  if (v("op")) spec.Operation = v("op");
  if (v("stream")) spec.Stream = v("stream");
  const [kind, arg] = v("effect").split(":");
  if (kind === "err") spec.Error = { Code: arg };
  if (kind === "entry") spec.EntryErrorCode = arg;
  if (kind === "http") spec.HTTPStatus = Number(arg);
  if (kind === "drop") spec.DropConnection = true;
  if (v("latency")) spec.Latency = v("latency");
  if (Number(v("times"))) spec.Times = Number(v("times"));
  if (Number(v("prob"))) spec.Probability = Number(v("prob"));
  return spec;
}

// ---- refresh loop ----

let busy = false;
async function refresh() {
  if (busy) return;
  busy = true;
  try {
    showClock(await api("GET", "clock"));
    state.streams = await api("GET", "streams");
    if (state.stream && !state.streams.some((s) => s.Name === state.stream)) state.stream = "";
    if (!state.stream && state.streams.length && !state.picked) {
      state.picked = true; // the first load opens the linked (or first) stream
      const linked = decodeURIComponent((location.hash.match(/stream=([^&]+)/) || [])[1] || "");
      state.stream = state.streams.some((s) => s.Name === linked) ? linked : state.streams[0].Name;
    }
    renderStreams();
    $("stream").hidden = !state.stream;
    $("pick").hidden = !!state.stream;
    if (state.stream) {
      state.view = await api("GET", "streams/" + encodeURIComponent(state.stream));
      renderDetails(state.view);
      renderShards(state.view);
    }
    await loadFaults();
  } catch (e) {
    say(e.message, true);
  } finally {
    busy = false;
  }
}

function tick() {
  refresh();
  if (state.live && state.stream && !$("records").hidden) readRecords(false).catch((e) => say(e.message, true));
}

// ---- wiring ----

function selectTab(tab) {
  for (const t of document.querySelectorAll("[role=tab]")) {
    const on = t === tab;
    t.setAttribute("aria-selected", on);
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  tab.focus();
  if (tab.id === "tab-records") readRecords(true).catch((e) => say(e.message, true));
}

function wire() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  for (const t of tabs) {
    t.addEventListener("click", () => selectTab(t));
    t.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(t), n = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (n) selectTab(tabs[(i + n + tabs.length) % tabs.length]);
    });
  }
  $("account").addEventListener("change", (e) => { state.account = e.target.value; state.stream = ""; refresh(); });
  $("advance").addEventListener("submit", (e) => { e.preventDefault(); advance($("advance-by").value.trim()); });
  for (const b of document.querySelectorAll("#advance [data-by]")) b.addEventListener("click", () => advance(b.dataset.by));
  $("create").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.target.elements, name = f.name.value.trim();
    const body = { StreamName: name, StreamMode: f.mode.value };
    if (f.mode.value === "PROVISIONED") body.ShardCount = Number(f.shards.value);
    act(async () => { await api("POST", "streams", body); state.stream = name; e.target.reset(); }, "Stream " + name + " created.");
  });
  $("delete").addEventListener("click", () => {
    const name = state.stream;
    if (confirm("Delete stream " + name + " and its consumers?")) {
      act(() => api("DELETE", "streams/" + encodeURIComponent(name) + "?enforceConsumerDeletion=true"), "Stream " + name + " deleted.");
    }
  });
  const fromChanged = () => {
    $("r-seq-box").hidden = $("r-from").value !== "AT_SEQUENCE_NUMBER";
    $("r-ts-box").hidden = $("r-from").value !== "AT_TIMESTAMP";
  };
  $("r-from").addEventListener("change", fromChanged);
  $("browse").addEventListener("submit", (e) => {
    e.preventDefault();
    state.live = $("r-live").checked;
    readRecords(true).catch((err) => say(err.message, true));
  });
  $("r-live").addEventListener("change", (e) => (state.live = e.target.checked));
  $("r-more").addEventListener("click", () => readRecords(false).catch((err) => say(err.message, true)));
  $("r-view").addEventListener("change", () => $("record-table").tBodies[0].replaceChildren(...state.rows.map(recordRow).reverse()));
  $("put").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = e.target.elements;
    act(async () => {
      const out = await api("POST", "streams/" + encodeURIComponent(state.stream) + "/records", { PartitionKey: f.key.value, Data: f.data.value });
      say("Stored in " + out.ShardId + " as " + out.SequenceNumber + ".");
      if (state.live) await readRecords(false);
    });
  });
  $("fault").addEventListener("submit", (e) => { e.preventDefault(); act(() => api("POST", "faults", faultSpec(e.target)), "Fault rule added."); });
  $("reset").addEventListener("click", () => {
    if (confirm("Reset the account? Every stream, consumer and fault rule is removed.")) act(() => api("POST", "reset"), "Account reset.");
  });
  $("snapshot").addEventListener("click", (e) => { e.currentTarget.href = "api/snapshot" + (state.account ? "?account=" + encodeURIComponent(state.account) : ""); });
  $("restore").addEventListener("change", (e) => {
    const file = e.target.files[0];
    if (file) act(async () => { await api("POST", "snapshot", await file.text()); e.target.value = ""; }, "Snapshot " + file.name + " restored.");
  });
}

wire();
loadHealth().catch((e) => say(e.message, true));
refresh();
setInterval(tick, 1000);
