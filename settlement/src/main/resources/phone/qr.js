// Draws a QR code on a canvas from its modules (rows of "0"/"1" from the service): no image URL, so a page can draw
// a code it kept for a while without network, and the Content-Security-Policy needs no data: images.
"use strict";

window.drawQr = function drawQr(canvas, modules) {
  const quiet = 4;
  const n = modules.length + 2 * quiet;
  const cssSize = canvas.clientWidth || canvas.width;
  const ratio = window.devicePixelRatio || 1;
  const scale = Math.max(1, Math.floor((cssSize * ratio) / n));
  canvas.width = scale * n;
  canvas.height = scale * n;
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#000";
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row.charCodeAt(x) === 49) g.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale);
    }
  });
};
