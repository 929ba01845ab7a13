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

async function signOut() {
  await fetch("/signout", { method: "POST", headers: OWN, credentials: "same-origin", redirect: "manual" });
  location.assign("/signin?out=1");
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.id === "signout") {
    event.preventDefault();
    signOut();
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
