"""The report's script, inlined into the page: the outcome filters and jump-to-task."""

from __future__ import annotations

__all__ = ["REPORT_JS"]

REPORT_JS = """
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("nav.controls button[data-filter]"));
  var shown = document.getElementById("shown");
  var tests = {
    all: function () { return true; },
    solved: function (card) { return card.dataset.solved === "true"; },
    failed: function (card) { return card.dataset.failed === "true"; },
    "near-miss": function (card) { return card.dataset.nearMiss === "true"; },
    unknown: function (card) { return card.dataset.outcome === "unknown"; }
  };

  function applyFilter(name) {
    var test = tests[name] || tests.all;
    var count = 0;
    cards.forEach(function (card) {
      var keep = test(card);
      card.hidden = !keep;
      if (keep) { count += 1; }
    });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.filter === name));
    });
    document.body.dataset.filter = name;
    shown.textContent = "showing " + count + " of " + cards.length;
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { applyFilter(button.dataset.filter); });
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
    if (card.hidden) { applyFilter("all"); }
    cards.forEach(function (other) { other.classList.remove("flash"); });
    card.classList.add("flash");
    card.scrollIntoView({block: "start"});
    history.replaceState(null, "", "#task-" + id);
  });

  applyFilter("all");
})();
"""
