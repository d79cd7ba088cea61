"""The report's script, inlined into the page: outcome filters and table sorting (both kept in the
page's URL, `?filter=failed&sort=cpu&order=desc`, so a view can be reloaded or shared), the
overview's thumbnails, and jump-to-task."""

from __future__ import annotations

from arcsynth.report.terminal import ARC_PALETTE

__all__ = ["REPORT_JS"]

_SCRIPT = """
(function () {
  "use strict";
  var PALETTE = %(palette)s;
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#overview tbody tr"));
  var tbody = document.querySelector("#overview tbody");
  var headers = Array.prototype.slice.call(document.querySelectorAll("#overview th[data-sort-key]"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("nav.controls button[data-filter]"));
  var shown = document.getElementById("shown");
  var tests = {
    all: function () { return true; },
    solved: function (item) { return item.dataset.solved === "true"; },
    failed: function (item) { return item.dataset.failed === "true"; },
    "near-miss": function (item) { return item.dataset.nearMiss === "true"; },
    errored: function (item) { return item.dataset.errored === "true"; },
    unknown: function (item) { return item.dataset.outcome === "unknown"; }
  };
  var state = {filter: "all", sort: null, order: "asc"};

  function readUrl() {
    var params = new URLSearchParams(location.search);
    var filter = params.get("filter");
    state.filter = tests.hasOwnProperty(filter) ? filter : "all";
    var sort = params.get("sort");
    state.sort = headers.some(function (th) { return th.dataset.sortKey === sort; }) ? sort : null;
    state.order = params.get("order") === "desc" ? "desc" : "asc";
  }

  function writeUrl() {
    var params = new URLSearchParams(location.search);
    if (state.filter === "all") { params.delete("filter"); } else { params.set("filter", state.filter); }
    if (state.sort) { params.set("sort", state.sort); params.set("order", state.order); }
    else { params.delete("sort"); params.delete("order"); }
    var query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    } catch (error) { /* a browser that refuses to change a file: URL keeps the view, not the URL */ }
  }

  function applyFilter() {
    var test = tests[state.filter] || tests.all;
    var count = 0;
    cards.forEach(function (card) {
      var keep = test(card);
      card.hidden = !keep;
      if (keep) { count += 1; }
    });
    rows.forEach(function (row) { row.hidden = !test(row); });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.filter === state.filter));
    });
    document.body.dataset.filter = state.filter;
    shown.textContent = "showing " + count + " of " + cards.length;
  }

  function sortValue(row, key) {
    var text = row.dataset[key];
    if (key === "id" || key === "status") { return text; }
    return text === "" ? null : parseFloat(text);
  }

  function compare(a, b, key, sign) {
    var x = sortValue(a, key), y = sortValue(b, key);
    if (x === y) { return a.dataset.id < b.dataset.id ? -1 : a.dataset.id > b.dataset.id ? 1 : 0; }
    if (x === null) { return 1; }   // unknown values last, whichever the order
    if (y === null) { return -1; }
    return (x < y ? -1 : 1) * sign;
  }

  function applySort() {
    headers.forEach(function (th) {
      var on = th.dataset.sortKey === state.sort;
      th.setAttribute("aria-sort", on ? (state.order === "desc" ? "descending" : "ascending") : "none");
    });
    var ordered = rows.slice();
    if (state.sort) {
      var sign = state.order === "desc" ? -1 : 1;
      ordered.sort(function (a, b) { return compare(a, b, state.sort, sign); });
    }
    ordered.forEach(function (row) { tbody.appendChild(row); });
  }

  function drawThumbnails() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas.thumb"), function (canvas) {
      var context = canvas.getContext("2d");
      var lines = canvas.dataset.grid.split("|");
      var side = canvas.width / Math.max(1, lines[0].length);
      lines.forEach(function (line, y) {
        for (var x = 0; x < line.length; x += 1) {
          context.fillStyle = PALETTE[+line[x]];
          context.fillRect(x * side, y * side, side, side);
        }
      });
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      state.filter = button.dataset.filter;
      applyFilter();
      writeUrl();
    });
  });
  headers.forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.dataset.sortKey;
      state.order = state.sort === key && state.order === "asc" ? "desc" : "asc";
      state.sort = key;
      applySort();
      writeUrl();
    });
  });

  var form = document.getElementById("jump");
  var input = document.getElementById("jump-id");
  var error = document.getElementById("jump-error");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var id = input.value.trim();
    var card = document.getElementById("task-" + id);
    if (!card) { error.textContent = id ? "no task " + id : ""; return; }
    error.textContent = "";
    if (card.hidden) { state.filter = "all"; applyFilter(); writeUrl(); }
    cards.forEach(function (other) { other.classList.remove("flash"); });
    card.classList.add("flash");
    card.scrollIntoView({block: "start"});
    history.replaceState(null, "", location.pathname + location.search + "#task-" + id);
  });

  // the table's header sticks just below the (sticky) filter bar
  var nav = document.querySelector("nav.controls");
  document.documentElement.style.setProperty("--nav-height", nav.offsetHeight + "px");

  readUrl();
  applyFilter();
  applySort();
  drawThumbnails();
})();
"""

REPORT_JS = _SCRIPT % {"palette": "[" + ", ".join(f'"{color}"' for color in ARC_PALETTE) + "]"}
