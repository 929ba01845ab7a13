// The register's pages: their forms are posted from here, as JSON with the header that proves the request comes from
// this service's own page (X-Requested-By: a cross-site form cannot set it, and the central refuses a person's changes
// without it). The answer says where to go next, or is the service's error, shown next to the form in Chinese.
"use strict";

const OWN = { "X-Requested-By": "laorenjia" };

function resultOf(form) {
  let out = form.querySelector(".form-error");
  if (!out) {
    out = document.createElement("p");
    out.className = "form-error";
    out.setAttribute("role", "alert");
    form.appendChild(out);
  }
  return out;
}

function showError(form, text) {
  const out = resultOf(form);
  out.hidden = false;
  out.textContent = text;
}

// A terminal's secret is shown this once, in the page, never stored in the clear: the person copies it now.
function showSecrets(form, outcome) {
  const box = document.createElement("section");
  box.className = "once";
  box.setAttribute("role", "alert");
  box.setAttribute("aria-labelledby", "once-title");
  const h = document.createElement("h2");
  h.id = "once-title";
  h.textContent = "终端密钥（只显示这一次，请立即抄录到终端的配置中）";
  box.appendChild(h);
  const list = document.createElement("dl");
  for (const s of outcome.secrets) {
    const dt = document.createElement("dt");
    dt.textContent = "终端 " + s.terminal;
    const dd = document.createElement("dd");
    const code = document.createElement("code");
    code.className = "secret";
    code.dataset.terminal = s.terminal;
    code.textContent = s.authorization;
    dd.appendChild(code);
    list.append(dt, dd);
  }
  box.appendChild(list);
  const next = document.createElement("a");
  next.className = "button primary";
  next.href = outcome.redirect;
  next.id = "once-continue";
  next.textContent = "已抄录，继续";
  box.appendChild(next);
  form.hidden = true;
  form.insertAdjacentElement("afterend", box);
  next.focus();
}

async function post(form) {
  const body = {};
  for (const [name, value] of new FormData(form)) {
    body[name] = value;
  }
  const button = form.querySelector("[type=submit]");
  form.setAttribute("aria-busy", "true");
  if (button) button.dataset.busy = "1";
  try {
    const res = await fetch(form.getAttribute("action"), {
      method: "POST", credentials: "same-origin",
      headers: { ...OWN, "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    if (res.status === 401) {
      location.assign("/signin");
      return;
    }
    if (!res.ok) {
      const text = data && data.message ? data.message : "操作未成功（" + res.status + "）";
      showError(form, text + (data && data.code ? "〔" + data.code + "〕" : ""));
      return;
    }
    if (data.secrets && data.secrets.length) {
      showSecrets(form, data);
    } else {
      location.assign(data.redirect);
    }
  } catch (e) {
    showError(form, "无法连接服务器，请检查网络后重试");
  } finally {
    form.removeAttribute("aria-busy");
    if (button) delete button.dataset.busy;
  }
}

// The bulk import: the central refuses multipart form bodies, so the file goes as the raw body of a fetch, with the
// proof header; the report (counts and every problem by row and column, in Chinese) is built here from the answer.
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function cell(row, text, tag) {
  const c = document.createElement(tag || "td");
  c.textContent = text == null ? "" : String(text);
  row.appendChild(c);
  return c;
}

function showReport(form, view) {
  const box = document.getElementById("import-report");
  box.textContent = "";
  const counts = document.createElement("p");
  counts.id = "import-counts";
  counts.textContent = "预检完成：共 " + view.rows + " 行，可导入 " + view.rowsOk + " 行，无变化 " + view.rowsUnchanged
    + " 行，有问题 " + view.rowsWithProblems + " 行（问题 " + view.problemCount + " 处）。";
  box.appendChild(counts);
  if (view.problems && view.problems.length) {
    const table = document.createElement("table");
    table.id = "import-problems";
    const head = document.createElement("tr");
    ["行", "列", "问题"].forEach((h) => { const th = cell(head, h, "th"); th.scope = "col"; });
    const thead = document.createElement("thead");
    thead.appendChild(head);
    const tbody = document.createElement("tbody");
    for (const p of view.problems) {
      const tr = document.createElement("tr");
      tr.dataset.code = p.code;
      cell(tr, p.row);
      cell(tr, p.column || "（整行）");
      cell(tr, p.message);
      tbody.appendChild(tr);
    }
    table.append(thead, tbody);
    box.appendChild(table);
    if (view.problemCount > view.problems.length) {
      const more = document.createElement("p");
      more.textContent = "只列出前 " + view.problems.length + " 处问题，全部问题见结果文件。";
      box.appendChild(more);
    }
  }
  const links = document.createElement("p");
  if (view.resultUrl) {
    const a = document.createElement("a");
    a.className = "button";
    a.id = "import-result";
    a.href = view.resultUrl;
    a.textContent = "下载预检结果（Excel）";
    links.appendChild(a);
  }
  box.appendChild(links);
  if (view.alreadyAppliedBy) {
    const p = document.createElement("p");
    p.className = "warn";
    p.id = "already-applied";
    p.textContent = "该文件已经导入过（导入记录 #" + view.alreadyAppliedBy + "），再次导入不会有任何变化。";
    box.appendChild(p);
  } else if (view.rowsWithProblems === 0 && view.problemCount === 0) {
    const apply = document.createElement("form");
    apply.id = "import-apply";
    const button = document.createElement("button");
    button.type = "submit";
    button.className = "primary";
    button.id = "apply-go";
    button.textContent = "导入登记册（" + view.rowsOk + " 行）";
    apply.appendChild(button);
    apply.addEventListener("submit", (event) => {
      event.preventDefault();
      applyImport(apply, view.id);
    });
    box.appendChild(apply);
  } else {
    const p = document.createElement("p");
    p.id = "fix-first";
    p.textContent = "文件有问题，不能导入：请按上表改正后重新预检。";
    box.appendChild(p);
  }
  counts.tabIndex = -1;
  counts.focus();
}

async function answer(form, res) {
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (res.status === 401) {
    location.assign("/signin");
    return null;
  }
  if (!res.ok) {
    const text = data && data.message ? data.message : "操作未成功（" + res.status + "）";
    showError(form, text + (data && data.code ? "〔" + data.code + "〕" : ""));
    return null;
  }
  return data;
}

async function upload(form) {
  const file = form.querySelector("input[type=file]").files[0];
  if (!file) {
    showError(form, "请选择要预检的文件");
    return;
  }
  const old = form.querySelector(".form-error");
  if (old) old.hidden = true;
  const kind = form.querySelector("[name=kind]").value;
  const type = /\.xlsx$/i.test(file.name) ? XLSX : "text/csv";
  form.setAttribute("aria-busy", "true");
  try {
    const res = await fetch(form.getAttribute("action") + "?kind=" + encodeURIComponent(kind) + "&fileName="
      + encodeURIComponent(file.name), {
      method: "POST", credentials: "same-origin",
      headers: { ...OWN, "Content-Type": type, "Accept": "application/json" },
      body: file,
    });
    const view = await answer(form, res);
    if (view) showReport(form, view);
  } catch (e) {
    showError(form, "无法连接服务器，请检查网络后重试");
  } finally {
    form.removeAttribute("aria-busy");
  }
}

async function applyImport(form, id) {
  form.setAttribute("aria-busy", "true");
  try {
    const res = await fetch("/api/register/imports/" + id + "/apply", {
      method: "POST", credentials: "same-origin", headers: { ...OWN, "Accept": "application/json" },
    });
    const view = await answer(form, res);
    if (view) location.assign("/register/imports?done=imported");
  } catch (e) {
    showError(form, "无法连接服务器，请检查网络后重试");
  } finally {
    form.removeAttribute("aria-busy");
  }
}

async function signOut() {
  await fetch("/signout", { method: "POST", headers: OWN, credentials: "same-origin", redirect: "manual" });
  location.assign("/signin?out=1");
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.id === "signout") {
    event.preventDefault();
    signOut();
  } else if (form.hasAttribute("data-upload")) {
    event.preventDefault();
    if (form.getAttribute("aria-busy") !== "true") upload(form);
  } else if (form.hasAttribute("data-post")) {
    event.preventDefault();
    if (form.getAttribute("aria-busy") !== "true") post(form);
  }
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// after an action the page says what was done: read it first
document.addEventListener("DOMContentLoaded", () => {
  const notice = document.getElementById("notice");
  if (notice) notice.focus();
});
