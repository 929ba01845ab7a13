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

async function who() {
  const me = await api("GET", "/api/security/me");
  $("who").textContent = "当前用户:" + me.name;
}

function month() { return $("month").value; }

function figures(tr, f) {
  cell(tr, f.meals, "num"); cell(tr, f.discount, "num"); cell(tr, f.operatingSubsidy, "num"); cell(tr, f.netOwed, "num");
}

async function load() {
  const m = month();
  if (!/^\d{4}-\d{2}$/.test(m)) { say("请选择结算月份", false); return; }
  history.replaceState(null, "", "?month=" + m);
  $("xlsx").href = "/api/settlement/exports/" + m + "/statements.xlsx";
  $("csv").href = "/api/settlement/exports/" + m + "/statements.csv";
  $("days-section").hidden = true; $("meals-section").hidden = true;
  const [figs, statements, svg] = await Promise.all([
    api("GET", "/api/settlement/months/" + m),
    api("GET", "/api/settlement/statements?month=" + m),
    fetch("/finance/chart/" + m + ".svg", { credentials: "same-origin" }).then(r => r.ok ? r.text() : "")]);
  showChart(svg);

  const sub = $("subdistricts").tBodies[0]; sub.replaceChildren();
  for (const s of figs.subdistricts) {
    const tr = sub.insertRow(); cell(tr, s.district); cell(tr, s.subdistrict); cell(tr, s.canteens, "num"); figures(tr, s.total);
  }
  const tot = sub.insertRow(); tot.className = "total";
  cell(tot, "合计"); cell(tot, ""); cell(tot, figs.canteens.length, "num"); figures(tot, figs.total);

  const byCanteen = new Map(statements.map(s => [s.canteenId, s]));
  const body = $("canteens").tBodies[0]; body.replaceChildren();
  for (const c of figs.canteens) {
    const st = byCanteen.get(c.canteenId);
    const tr = body.insertRow(); tr.dataset.canteen = c.code;
    cell(tr, c.subdistrict); cell(tr, c.name + "(" + c.code + ")"); cell(tr, c.ruleVersions.join(", "));
    cell(tr, c.total.meals, "num"); cell(tr, c.total.voids, "num"); cell(tr, c.total.discount, "num");
    cell(tr, c.total.operatingSubsidy, "num"); cell(tr, c.total.netOwed, "num"); cell(tr, c.adjustments.netOwed, "num");
    const status = cell(tr, st ? (st.status === "CONFIRMED" ? "已确认" : "草稿") + (st.reconciled ? "" : "(与台账不一致)") : "未生成");
    if (st) status.className = "status-" + st.status;
    const actions = cell(tr, "");
    const detail = document.createElement("button"); detail.textContent = "明细"; detail.className = "detail";
    detail.onclick = () => days(c).catch(e => say(e.message, false)); actions.appendChild(detail);
    if (st && st.status === "DRAFT") {
      const confirm = document.createElement("button"); confirm.textContent = "确认"; confirm.className = "confirm";
      confirm.onclick = () => confirmStatement(st, c).catch(e => say(e.message, false)); actions.appendChild(confirm);
    }
    if (st) {
      const pdf = document.createElement("a"); pdf.textContent = "PDF"; pdf.className = "button pdf";
      pdf.href = "/api/settlement/exports/statements/" + st.id + ".pdf"; actions.appendChild(pdf);
    }
  }
  if (figs.canteens.length === 0) say(m + " 尚无结算数据,可点击\u201c结算本月\u201d", false);
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
    cell(tr, r.seniorIdNumberMasked); cell(tr, r.terminal); cell(tr, r.mealSet || ""); cell(tr, yuan(r.setPriceFen), "num");
    cell(tr, yuan(r.discountFen), "num"); cell(tr, yuan(r.operatingSubsidyFen), "num"); cell(tr, yuan(r.paidFen), "num");
    cell(tr, r.ruleVersion);
  }
  $("meals-section").hidden = false;
  $("meals-section").scrollIntoView();
}

async function confirmStatement(st, c) {
  if (!window.confirm("确认 " + c.name + " " + month() + " 结算单?确认后不能再修改。应付 " + st.total.netOwed + " 元")) return;
  const done = await api("POST", "/api/settlement/statements/" + st.id + "/confirm");
  await load();
  say(c.name + " 结算单已确认,应付 " + done.total.netOwed + " 元", true);
}

async function settle() {
  say("正在结算 " + month() + " …", true);
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
who().catch(() => {});
const params = new URLSearchParams(location.search);
const now = new Date(Date.now() + 8 * 3600 * 1000); // Beijing time
$("month").value = params.get("month") || (now.getUTCFullYear() + "-" + String(now.getUTCMonth() + 1).padStart(2, "0"));
$("load").onclick = () => load().catch(e => say(e.message, false));
$("settle").onclick = () => settle().catch(e => say(e.message, false));
$("month").onkeydown = (e) => { if (e.key === "Enter") $("load").click(); };
load().catch(e => say(e.message, false));
nightly().catch(e => { $("ledger-check").className = "unknown"; $("ledger-check").replaceChildren(); line($("ledger-check"), "无法读取夜间结算结果:" + e.message, "verdict"); });
