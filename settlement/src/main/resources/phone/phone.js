// The senior's phone page. Binding: the activation form posts the code (with the proof header); the central answers
// with the device cookie, which this script never sees (HttpOnly). Meal code: fetched on opening, every 45 s while the
// page is visible and whenever it is shown again, so the code shown is always one the counter still accepts (a code
// lives 60 s). The last code is kept in localStorage with its expiry in this phone's own clock (from the central's
// "valid for N seconds", counted from when the request left), so at a counter without network the page still shows
// it until it expires, and then says plainly that it has none.
"use strict";

const OWN = { "X-Requested-By": "laorenjia", "Accept": "application/json" };
const STORE = "laorenjia-phone-code";
const REFRESH_MS = 45000;
const NO_CODE_OFFLINE = "手机没有网络，餐码已过期，请连网后刷新，或出示老年卡";

async function call(path, body) {
  const init = { method: "POST", credentials: "same-origin", headers: { ...OWN } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const data = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, data };
}

function show(el, text) {
  el.textContent = text;
  el.hidden = false;
}

// --- binding ------------------------------------------------------------------------------------------------------
function activationPage(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("activate-error");
    error.hidden = true;
    const button = document.getElementById("activate-go");
    button.disabled = true;
    try {
      const r = await call("/senior/api/activate", {
        code: document.getElementById("code").value, name: document.getElementById("name").value,
      });
      if (r.ok) {
        localStorage.removeItem(STORE);
        location.assign(r.data.redirect);
      } else {
        show(error, (r.data && r.data.message) || ("绑定未成功（" + r.status + "）"));
      }
    } catch (e) {
      show(error, "手机没有网络，请连网后再试");
    } finally {
      button.disabled = false;
    }
  });
}

// --- the meal code -------------------------------------------------------------------------------------------------
function homePage(main) {
  const canvas = document.getElementById("qr");
  const status = document.getElementById("code-status");
  const device = main.dataset.device;
  let current = null;
  let lastFetch = 0;
  let fetching = false;
  let refused = null;

  function stored() {
    try {
      const c = JSON.parse(localStorage.getItem(STORE));
      return c && c.device === device ? c : null;
    } catch (e) {
      return null;
    }
  }

  function secondsLeft(c) {
    return c ? Math.floor((c.expiresAtLocal - Date.now()) / 1000) : -1;
  }

  function render() {
    if (!canvas) return;
    const left = secondsLeft(current);
    if (refused) {
      canvas.hidden = true;
      status.className = "warn";
      status.textContent = refused;
    } else if (left > 0) {
      canvas.hidden = false;
      status.className = "status";
      status.textContent = "餐码有效，还可用 " + left + " 秒" + (navigator.onLine ? "" : "（手机没有网络）");
    } else {
      canvas.hidden = true;
      status.className = "warn";
      status.textContent = navigator.onLine ? "正在取新的餐码……" : NO_CODE_OFFLINE;
    }
  }

  function use(c) {
    current = c;
    window.drawQr(canvas, c.modules);
    render();
  }

  function showLeft(data) {
    const week = document.getElementById("left-week");
    const today = document.getElementById("left-today");
    if (week && data.remainingThisWeek !== null && data.remainingThisWeek !== undefined) {
      week.textContent = data.remainingThisWeek;
      today.textContent = data.remainingToday;
      document.getElementById("speak").dataset.speech = data.speech;
    }
  }

  async function refresh() {
    if (fetching || !canvas) return;
    fetching = true;
    const sent = Date.now();
    try {
      const r = await call("/senior/api/code");
      lastFetch = Date.now();
      if (r.ok) {
        refused = null;
        const d = r.data;
        // expiry in this phone's clock: the central's "valid for", counted from when the request left (never later)
        const validMs = Date.parse(d.expiresAt) - Date.parse(d.serverNow);
        const c = { device, modules: d.modules, expiresAtLocal: sent + validMs };
        localStorage.setItem(STORE, JSON.stringify(c));
        use(c);
        showLeft(d);
      } else {
        // a revoked phone, or a senior who gets no codes: forget the kept code at once
        localStorage.removeItem(STORE);
        current = null;
        refused = (r.data && r.data.message) || ("取餐码未成功（" + r.status + "）");
        if (r.status === 401) {
          // a revoked phone: the senior's data goes off the screen now, the page asks for a new activation soon
          document.querySelectorAll("[data-personal]").forEach((el) => { el.hidden = true; });
          document.getElementById("refresh").hidden = true;
          setTimeout(() => location.assign("/senior"), 4000);
        }
        render();
      }
    } catch (e) {
      render(); // no network: keep showing the kept code while it is good
    } finally {
      fetching = false;
    }
  }

  if (canvas) {
    const kept = stored();
    if (secondsLeft(kept) > 0) use(kept);
    refresh();
    document.getElementById("refresh").addEventListener("click", refresh);
    setInterval(() => {
      render();
      const due = Date.now() - lastFetch >= REFRESH_MS || secondsLeft(current) < 15;
      if (document.visibilityState === "visible" && due) refresh();
    }, 1000);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") refresh();
    });
    window.addEventListener("online", refresh);
    window.addEventListener("offline", render);
  }

  // read aloud where the phone can
  const speak = document.getElementById("speak");
  if (!("speechSynthesis" in window)) {
    speak.hidden = true;
  } else {
    speak.addEventListener("click", () => {
      const u = new SpeechSynthesisUtterance(speak.dataset.speech);
      u.lang = "zh-CN";
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(u);
    });
  }

  // revoke a phone of this senior (this one included)
  document.getElementById("devices").addEventListener("click", async (event) => {
    const button = event.target.closest("[data-revoke]");
    if (!button) return;
    const self = button.dataset.self === "true";
    const name = button.closest("li").querySelector("strong").textContent;
    if (!confirm(self ? "确定解除这部手机的绑定吗？解除后这部手机不能再出示餐码。" : "确定解除“" + name + "”的绑定吗？")) return;
    const error = document.getElementById("devices-error");
    try {
      const r = await call("/senior/api/devices/" + button.dataset.revoke + "/revoke");
      if (r.ok) {
        if (self) localStorage.removeItem(STORE);
        location.assign(r.data.redirect);
      } else {
        show(error, (r.data && r.data.message) || ("操作未成功（" + r.status + "）"));
      }
    } catch (e) {
      show(error, "手机没有网络，请连网后再试");
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("activate");
  if (form) activationPage(form);
  const main = document.querySelector("[data-home]");
  if (main) homePage(main);
});
