// The register's page of a senior's phones: "生成激活码" asks the central for a one-time code (with the proof header)
// and shows it once, with the QR of the address a phone opens to redeem it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("issue-activation");
  if (!button) return;
  button.addEventListener("click", async () => {
    const error = document.getElementById("activation-error");
    error.hidden = true;
    button.disabled = true;
    try {
      const res = await fetch("/api/register/seniors/" + button.dataset.senior + "/phone-activations", {
        method: "POST", credentials: "same-origin",
        headers: { "X-Requested-By": "laorenjia", "Accept": "application/json" },
      });
      const data = await res.json().catch(() => null);
      if (!res.ok) {
        error.textContent = (data && data.message) || ("操作未成功（" + res.status + "）");
        error.hidden = false;
        return;
      }
      document.getElementById("activation-code").textContent = data.grouped;
      document.getElementById("activation-expires").textContent =
        new Date(data.expiresAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });
      document.getElementById("activation-url").textContent = data.url;
      document.getElementById("activation").hidden = false;
      window.drawQr(document.getElementById("activation-qr"), data.modules);
    } catch (e) {
      error.textContent = "无法连接服务器，请检查网络后重试";
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
});
