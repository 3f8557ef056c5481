// The filter: kinds shown, one rule, a text search. State can come from the address too
// (#show=removed,repair  #rule=huiwen:meta  #q=温馨), so a link shows a chosen view.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="kind"]'));
  var rule = document.getElementById("rule");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");

  function fromHash() {
    var parts = location.hash.replace(/^#/, "").split("&");
    parts.forEach(function (part) {
      var kv = part.split("=");
      var value = decodeURIComponent(kv[1] || "");
      if (kv[0] === "show") {
        var wanted = value.split(",");
        boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
      } else if (kv[0] === "rule") {
        rule.value = value;
      } else if (kv[0] === "q") {
        search.value = value;
      }
    });
  }

  function apply() {
    var kinds = {};
    boxes.forEach(function (b) { kinds[b.value] = b.checked; });
    var wantRule = rule.value;
    var text = search.value.trim();
    var count = 0;
    rows.forEach(function (row) {
      var own = (row.getAttribute("data-kind") || "").split(" ");
      var visible = own.some(function (k) { return kinds[k]; });
      if (visible && wantRule) {
        visible = (row.getAttribute("data-rule") || "").split(" ").indexOf(wantRule) >= 0;
      }
      if (visible && text) {
        visible = row.textContent.indexOf(text) >= 0;
      }
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " rows shown";
  }

  rows.forEach(function (row) {
    if (row.classList.contains("removed")) {
      row.addEventListener("click", function () { row.classList.toggle("pinned"); });
    }
  });
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  rule.addEventListener("change", apply);
  search.addEventListener("input", apply);
  if (/^#(show|rule|q)=/.test(location.hash)) { fromHash(); }
  apply();
})();
