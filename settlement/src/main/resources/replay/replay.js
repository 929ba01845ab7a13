// The policy replay's pages. Drafts and runs are sent as JSON with the header that proves the request comes from this
// service's own page (X-Requested-By; the central refuses multipart forms and changes without it). A run can take a
// minute: the page says 正在计算… and stays usable; the answer names the stored run, whose page is then opened.
"use strict";

(function () {
  const OWN = { "X-Requested-By": "laorenjia" };

  async function send(url, method, body) {
    const res = await fetch(url, {
      method: method, credentials: "same-origin",
      headers: { ...OWN, "Content-Type": "application/json", "Accept": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    if (res.status === 401) {
      location.assign("/signin");
      return null;
    }
    if (!res.ok) {
      const error = new Error(data && data.message ? data.message : "操作未成功（" + res.status + "）");
      error.data = data;
      throw error;
    }
    return data;
  }

  function say(box, text) {
    box.hidden = false;
    box.textContent = text;
  }

  // The draft: a file chosen is read into the text box (what is sent is always what the administrator sees).
  function draftForm(form) {
    const text = form.querySelector("#draft-yaml");
    const error = form.querySelector("#draft-error");
    const max = Number(form.dataset.maxBytes);
    form.querySelector("#draft-file").addEventListener("change", (event) => {
      const file = event.target.files[0];
      if (!file) return;
      if (file.size > max) {
        say(error, "文件过大（" + file.size + " 字节，最多 " + max + " 字节）");
        return;
      }
      const reader = new FileReader();
      reader.onload = () => { text.value = reader.result; error.hidden = true; };
      reader.onerror = () => say(error, "无法读取该文件");
      reader.readAsText(file, "UTF-8");
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") return;
      error.hidden = true;
      form.setAttribute("aria-busy", "true");
      try {
        const draft = await send(form.getAttribute("action"), form.dataset.method, { yaml: text.value });
        if (draft) location.assign("/replay?done=saved&version=" + encodeURIComponent(draft.versionId) + "#h-run");
      } catch (e) {
        const line = e.data && e.data.details ? e.data.details.line : undefined;
        say(error, e.message + (e.data && e.data.code ? "〔" + e.data.code + "〕" : ""));
        if (line) {
          error.dataset.line = line;
          selectLine(text, line);
        }
      } finally {
        form.removeAttribute("aria-busy");
      }
    });
  }

  // Puts the cursor on the line of the problem, so the administrator lands where to correct it.
  function selectLine(text, line) {
    const lines = text.value.split("\n");
    let start = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    const end = start + (lines[line - 1] || "").length;
    text.focus();
    text.setSelectionRange(start, end);
    const height = text.scrollHeight / Math.max(lines.length, 1);
    text.scrollTop = Math.max(0, (line - 3) * height);
  }

  function runForm(form) {
    const status = document.getElementById("run-status");
    const button = form.querySelector("#run-go");
    for (const pick of form.querySelectorAll(".quick button")) {
      pick.addEventListener("click", () => {
        form.querySelector("#run-from").value = pick.dataset.from;
        form.querySelector("#run-to").value = pick.dataset.to;
      });
    }
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") return;
      const old = form.querySelector(".form-error");
      if (old) old.remove();
      form.setAttribute("aria-busy", "true");
      button.disabled = true;
      status.textContent = "正在计算……一个区一个季度的数据可能需要一分钟，请不要关闭本页。";
      status.hidden = false;
      const started = Date.now();
      const ticker = setInterval(() => {
        status.textContent = "正在计算……已用 " + Math.round((Date.now() - started) / 1000) + " 秒";
      }, 1000);
      try {
        const run = await send(form.getAttribute("action"), "POST", {
          versionId: form.querySelector("#run-version").value,
          from: form.querySelector("#run-from").value,
          to: form.querySelector("#run-to").value,
        });
        if (run) location.assign("/replay/runs/" + run.id);
      } catch (e) {
        status.hidden = true;
        const out = document.createElement("p");
        out.className = "form-error";
        out.id = "run-error";
        out.setAttribute("role", "alert");
        out.textContent = e.message + (e.data && e.data.code ? "〔" + e.data.code + "〕" : "");
        form.appendChild(out);
      } finally {
        clearInterval(ticker);
        form.removeAttribute("aria-busy");
        button.disabled = false;
      }
    });
  }

  function withdrawForms() {
    for (const form of document.querySelectorAll("form[data-withdraw]")) {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!confirm("撤回该政策草案？撤回后不能再用于测算，已有的测算结果仍保留。")) return;
        try {
          await send(form.getAttribute("action"), "POST");
          location.assign("/replay?done=withdrawn#h-drafts");
        } catch (e) {
          const out = document.createElement("p");
          out.className = "form-error";
          out.setAttribute("role", "alert");
          out.textContent = e.message;
          form.appendChild(out);
        }
      });
    }
  }

  // 区 → 街镇 → 食堂: a 区 shows its 街镇, a 街镇 its canteens when opened; canteens start folded.
  function foldTable(table) {
    const rows = Array.from(table.querySelectorAll("tbody tr[data-key]"));
    const children = (key) => rows.filter((r) => r.dataset.parent === key);
    function setOpen(button, open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "收起" : "展开";
      for (const child of children(button.dataset.fold)) {
        child.hidden = !open;
        const inner = child.querySelector("button.fold");
        if (!open && inner) setOpen(inner, false);
      }
    }
    for (const button of table.querySelectorAll("button.fold")) {
      button.addEventListener("click", () => setOpen(button, button.getAttribute("aria-expanded") !== "true"));
    }
    for (const row of rows.filter((r) => r.classList.contains("level-subdistrict"))) {
      const button = row.querySelector("button.fold");
      if (button) setOpen(button, false);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const draft = document.getElementById("draft-form");
    if (draft) draftForm(draft);
    const run = document.getElementById("run-form");
    if (run) runForm(run);
    withdrawForms();
    const areas = document.getElementById("areas");
    if (areas) foldTable(areas);
  });
})();
