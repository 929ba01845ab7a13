"use strict";
const $ = (id) => document.getElementById(id);
const yuan = (fen) => { const neg = fen < 0; const a = Math.abs(fen); return (neg ? "-" : "") + Math.floor(a / 100) + "." + String(a % 100).padStart(2, "0"); };

function cell(tr, text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
function say(text, ok) { const m = $("message"); m.textContent = text; m.className = ok ? "ok" : "error"; }

// Every request names this page as its sender (X-Requested-By): the central refuses changes without it, which a
// page of another site cannot send (README "登录、会话与跨站防护").
const OWN = { "X-Requested-By": "laorenjia" };

async function api(method, url) {
  const res = await fetch(url, { method, headers: { "Accept": "application/json", ...OWN }, credentials: "same-origin" });
  if (res.status === 401) { location.assign("/signin"); throw new Error("登录已过期,请重新登录"); }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message || ("请求失败 " + res.status));
  return body;
}

/** The chart is an SVG document drawn by the server: parsed as XML and adopted, never assigned as HTML. */
function showChart(svgText) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.namespaceURI !== "http://www.w3.org/2000/svg" || svg.localName !== "svg") { $("chart").replaceChildren(); return; }
  for (const s of svg.querySelectorAll("script, foreignObject")) s.remove();
  $("chart").replaceChildren(document.importNode(svg, true));
}

async function signOut() {
  await fetch("/signout", { method: "POST", headers: OWN, credentials: "same-origin", redirect: "manual" });
  location.replace("/signin?out=1");
}

let me = { roles: [] };
const isFinance = () => me.roles.includes("finance");

async function who() {
  me = await api("GET", "/api/security/me");
  $("who").textContent = "当前用户:" + me.name;
  // only finance confirms; administrators may also settle; supervisors read
  $("confirm-all").hidden = !isFinance();
  $("settle").hidden = !(isFinance() || me.roles.includes("administrator"));
}

// How the senior was identified at the counter; a sale made offline and synced later says so.
const HOW = { CARD: "刷卡", QR: "扫码", MANUAL: "人工查找" };
function identification(r) {
  const how = HOW[r.identifiedBy] || "";
  return r.offlineOutcome ? how + "(离线)" : how;
}

function month() { return $("month").value; }

/** "12345.67" -> "12,345.67": the yuan text the API gives, grouped as text (never through floating point). */
function grouped(text) {
  const s = String(text); const neg = s.startsWith("-"); const [int, dec] = (neg ? s.slice(1) : s).split(".");
  return (neg ? "-" : "") + int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (dec === undefined ? "" : "." + dec);
}
const monthZh = (m) => m.slice(0, 4) + "年" + m.slice(5, 7) + "月";

function figures(tr, f) {
  cell(tr, f.meals, "num"); cell(tr, grouped(f.discount), "num"); cell(tr, grouped(f.operatingSubsidy), "num"); cell(tr, grouped(f.netOwed), "num");
}

const list = { sort: "code", direction: "asc", page: 0, size: 50 };

function filterQuery() {
  const p = new URLSearchParams({ month: month() });
  if ($("f-district").value) p.set("district", $("f-district").value);
  if ($("f-subdistrict").value) p.set("subdistrict", $("f-subdistrict").value);
  if ($("f-q").value.trim()) p.set("q", $("f-q").value.trim());
  return p;
}

function fillSelect(select, values) {
  const keep = select.value;
  select.replaceChildren(new Option("全部", ""));
  for (const v of values) select.appendChild(new Option(v, v));
  if (values.includes(keep)) select.value = keep;
}

async function load() {
  const m = month();
  if (!/^\d{4}-\d{2}$/.test(m)) { say("请选择结算月份", false); return; }
  history.replaceState(null, "", "?month=" + m);
  $("xlsx").href = "/api/settlement/exports/" + m + "/statements.xlsx";
  $("csv").href = "/api/settlement/exports/" + m + "/statements.csv";
  $("days-section").hidden = true; $("meals-section").hidden = true;
  const [figs, svg] = await Promise.all([
    api("GET", "/api/settlement/months/" + m + "?canteens=false"),
    fetch("/finance/chart/" + m + ".svg", { credentials: "same-origin" }).then(r => r.ok ? r.text() : "")]);
  showChart(svg);

  const sub = $("subdistricts").tBodies[0]; sub.replaceChildren();
  for (const s of figs.subdistricts) {
    const tr = sub.insertRow(); cell(tr, s.district); cell(tr, s.subdistrict); cell(tr, s.canteens, "num"); figures(tr, s.total);
  }
  const tot = sub.insertRow(); tot.className = "total";
  cell(tot, "合计"); cell(tot, ""); cell(tot, figs.subdistricts.reduce((n, s) => n + s.canteens, 0), "num"); figures(tot, figs.total);
  fillSelect($("f-district"), [...new Set(figs.subdistricts.map(s => s.district))]);
  fillSelect($("f-subdistrict"), [...new Set(figs.subdistricts.map(s => s.subdistrict))]);
  await statements();
}

function statusText(st) {
  if (st.status === "CONFIRMED") {
    // the confirmed total is what was confirmed; a later difference went onto a later statement
    const notes = st.transferred.map(t => "已转入 " + monthZh(t.month) + "调整 " + grouped(t.netOwed) + " 元,后续调整见 "
        + monthZh(t.month) + "结算单(" + t.number + ")");
    if (st.pendingNetOwedFen !== 0) notes.push("台账另有迟到记录 " + grouped(yuan(st.pendingNetOwedFen)) + " 元,重新结算后转入下月调整");
    return ["已确认(" + (st.confirmedByName || st.confirmedBy) + ")", notes];
  }
  return ["草稿", st.reconciled ? [] : ["与台账不一致,请重新结算所选月份后再确认"]];
}

async function statements() {
  const p = filterQuery();
  if ($("f-status").value) p.set("status", $("f-status").value);
  p.set("sort", list.sort); p.set("direction", list.direction); p.set("page", list.page); p.set("size", list.size);
  const page = await api("GET", "/api/settlement/statements/summary?" + p);
  const t = page.totals;
  $("totals").replaceChildren();
  $("totals").append("筛选合计:" + t.statements + " 张结算单(草稿 " + t.drafts + ",已确认 " + t.confirmed + "),补贴餐次 "
      + t.figures.meals + ",应付合计 " + t.netOwedGrouped + " 元");
  const cap = document.createElement("span"); cap.className = "capitals"; cap.textContent = "(大写:" + t.netOwedCapitals + ")";
  $("totals").append(cap);
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  $("page-info").textContent = "第 " + (page.page + 1) + " 页 / 共 " + pages + " 页";
  $("prev").disabled = page.page === 0; $("next").disabled = page.page + 1 >= pages;
  for (const th of $("canteens").tHead.querySelectorAll("th")) {
    const b = th.querySelector("button.sort");
    if (b && b.dataset.sort === list.sort) th.setAttribute("aria-sort", list.direction === "asc" ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  }

  const body = $("canteens").tBodies[0]; body.replaceChildren();
  for (const st of page.items) {
    const c = { canteenId: st.canteenId, name: st.canteenName };
    const tr = body.insertRow(); tr.dataset.canteen = st.canteenCode; tr.dataset.statement = st.id;
    cell(tr, st.subdistrict);
    const name = cell(tr, st.canteenName + "(" + st.canteenCode + ")");
    for (const o of st.originals) {
      const n = document.createElement("span"); n.className = "note original";
      n.textContent = "含 " + monthZh(o.month) + "调整 " + grouped(o.netOwed) + " 元(原结算单 " + o.number + ")"; name.appendChild(n);
    }
    cell(tr, st.total.meals, "num"); cell(tr, st.total.voids, "num"); cell(tr, grouped(st.total.discount), "num");
    cell(tr, grouped(st.total.operatingSubsidy), "num"); cell(tr, grouped(st.total.netOwed), "num");
    cell(tr, grouped(yuan(st.adjustments.netOwedFen)), "num");
    const [text, notes] = statusText(st);
    const status = cell(tr, text); status.className = "status-" + st.status;
    const number = document.createElement("span"); number.className = "note"; number.textContent = "单号 " + st.number; status.appendChild(number);
    for (const n of notes) { const s = document.createElement("span"); s.className = "note later"; s.textContent = n; status.appendChild(s); }
    const actions = cell(tr, "");
    const detail = document.createElement("button"); detail.textContent = "明细"; detail.className = "detail";
    detail.onclick = () => days(c).catch(e => say(e.message, false)); actions.appendChild(detail);
    if (st.status === "DRAFT" && isFinance()) {
      const confirm = document.createElement("button"); confirm.textContent = "确认"; confirm.className = "confirm";
      confirm.onclick = () => confirmStatement(st, c).catch(e => say(e.message, false)); actions.appendChild(confirm);
    }
    const pdf = document.createElement("a"); pdf.textContent = "PDF"; pdf.className = "button pdf";
    pdf.href = "/api/settlement/exports/statements/" + st.id + ".pdf"; actions.appendChild(pdf);
  }
  if (page.total === 0) say(month() + " 没有符合条件的结算单" + (isFinance() ? ",可点击\u201c重新结算所选月份\u201d" : ""), false);
}

async function confirmAll() {
  const p = filterQuery();
  if (!window.confirm("确认 " + month() + " 符合当前筛选条件的全部草稿结算单?与台账一致的将被确认,确认后不能再修改。")) return;
  const r = await api("POST", "/api/settlement/statements/confirm-all?" + p);
  await statements();
  const refused = r.refused.map(x => x.canteenName + "(" + x.canteenCode + "):" + x.reason);
  say("全部确认:符合条件的草稿 " + r.matched + " 张,已确认 " + r.confirmed + " 张" +
      (refused.length ? ";未确认 " + refused.length + " 张 —— " + refused.join(";") : ""), refused.length === 0);
}

async function days(c) {
  const lines = await api("GET", "/api/settlement/months/" + month() + "/canteens/" + c.canteenId + "/days");
  $("days-title").textContent = c.name + " 逐日明细";
  const body = $("days").tBodies[0]; body.replaceChildren();
  for (const l of lines) {
    const tr = body.insertRow();
    cell(tr, l.mealDate); cell(tr, l.kind === "DAY" ? "日结" : "调整"); cell(tr, l.ruleVersion);
    cell(tr, l.figures.sales, "num"); cell(tr, l.figures.voids, "num"); figures(tr, l.figures);
    const b = document.createElement("button"); b.textContent = "就餐记录"; b.className = "meals";
    b.onclick = () => meals(c, l.mealDate).catch(e => say(e.message, false)); cell(tr, "").appendChild(b);
  }
  $("days-section").hidden = false; $("meals-section").hidden = true;
  $("days-section").scrollIntoView();
}

async function meals(c, day) {
  const rows = await api("GET", "/api/settlement/canteens/" + c.canteenId + "/days/" + day + "/meals");
  $("meals-title").textContent = c.name + " " + day + " 就餐记录(老人身份已隐去部分信息)";
  const body = $("meals").tBodies[0]; body.replaceChildren();
  for (const r of rows) {
    const tr = body.insertRow();
    cell(tr, r.occurredAt); cell(tr, r.type === "SALE" ? "售出" : "撤销"); cell(tr, r.seniorNameMasked);
    cell(tr, r.seniorIdNumberMasked); cell(tr, identification(r)); cell(tr, r.terminal); cell(tr, r.mealSet || ""); cell(tr, yuan(r.setPriceFen), "num");
    cell(tr, yuan(r.discountFen), "num"); cell(tr, yuan(r.operatingSubsidyFen), "num"); cell(tr, yuan(r.paidFen), "num");
    cell(tr, r.ruleVersion);
  }
  $("meals-section").hidden = false;
  $("meals-section").scrollIntoView();
}

async function confirmStatement(st, c) {
  if (!window.confirm("确认 " + c.name + " " + month() + " 结算单?确认后不能再修改。应付 " + grouped(st.total.netOwed) + " 元")) return;
  const done = await api("POST", "/api/settlement/statements/" + st.id + "/confirm");
  await statements();
  say(c.name + " 结算单已确认,应付 " + done.netOwedGrouped + " 元(大写:" + done.netOwedCapitals + ")", true);
}

async function settle() {
  say("正在结算 " + month() + " …", true);
  // the selected month, as the button says (a clerk re-settles the month on screen)
  const r = await api("POST", "/api/settlement/months/" + month() + "/settle");
  await load();
  say("结算完成:新结算 " + r.dayRows + " 行,调整 " + r.adjustmentRows + " 行;" +
      (r.reconciled ? "与台账核对一致" : "与台账核对不一致!") + "(台账 " + r.ledgerMeals + " 餐)", r.reconciled);
}

const beijing = (instant) => instant ? new Date(instant).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "未完成";

function line(box, text, cls) { const p = document.createElement("p"); p.textContent = text; if (cls) p.className = cls; box.appendChild(p); return p; }

/** The latest nightly run: reconciled or not, and whether the ledger still matches its hash chain. */
async function nightly() {
  const box = $("ledger-check");
  const runs = await api("GET", "/api/settlement/runs?nightly=true");
  box.replaceChildren();
  const run = runs.items[0];
  if (!run) { box.className = ""; line(box, "尚无夜间结算记录", "verdict"); return; }
  box.dataset.run = run.runId;
  box.className = run.chainVerified ? "intact" : "tampered";
  box.setAttribute("role", run.chainVerified ? "status" : "alert");
  line(box, run.chainVerified ? "台账校验通过" : "台账校验失败", "verdict");
  line(box, "最近一次夜间结算(批次 " + run.runId + ",结算 " + run.from + " 至 " + run.to + ",完成于北京时间 " + beijing(run.finishedAt) + "):" +
      (run.reconciled ? "结算与台账核对一致" : "结算与台账核对不一致(" + run.mismatchedGroups + " 组)"), run.reconciled ? "reconciled" : "not-reconciled");
  if (run.chainVerified) {
    if (run.chainHead) line(box, "台账校验值(链头):" + run.chainHead.position + ":" + run.chainHead.hash, "head");
  } else {
    line(box, "问题:" + run.chainProblem, "problem");
    line(box, "台账记录与校验链不符,可能被改动。请立即通知系统管理员核查。", "action");
  }
}

$("signout").onclick = () => signOut().catch(e => say(e.message, false));
const ready = who().catch(() => {});
const params = new URLSearchParams(location.search);
const now = new Date(Date.now() + 8 * 3600 * 1000); // Beijing time
$("month").value = params.get("month") || (now.getUTCFullYear() + "-" + String(now.getUTCMonth() + 1).padStart(2, "0"));
$("load").onclick = () => load().catch(e => say(e.message, false));
$("settle").onclick = () => settle().catch(e => say(e.message, false));
$("filters").onsubmit = (e) => { e.preventDefault(); list.page = 0; statements().catch(err => say(err.message, false)); };
$("f-status").onchange = () => $("f-apply").click();
$("f-district").onchange = () => $("f-apply").click();
$("f-subdistrict").onchange = () => $("f-apply").click();
$("confirm-all").onclick = () => confirmAll().catch(e => say(e.message, false));
$("prev").onclick = () => { list.page--; statements().catch(e => say(e.message, false)); };
$("next").onclick = () => { list.page++; statements().catch(e => say(e.message, false)); };
for (const b of document.querySelectorAll("button.sort")) {
  b.onclick = () => {
    list.direction = list.sort === b.dataset.sort && list.direction === "asc" ? "desc" : "asc";
    list.sort = b.dataset.sort; list.page = 0; statements().catch(e => say(e.message, false));
  };
}
$("month").onkeydown = (e) => { if (e.key === "Enter") $("load").click(); };
ready.then(load).catch(e => say(e.message, false));
nightly().catch(e => { $("ledger-check").className = "unknown"; $("ledger-check").replaceChildren(); line($("ledger-check"), "无法读取夜间结算结果:" + e.message, "verdict"); });
