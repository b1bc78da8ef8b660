// Review page: clicking a proposal highlights its evidence in the text, and the other way round.
(function () {
  function clear() {
    document.querySelectorAll(".ev.active, .proposal.active").forEach(function (el) { el.classList.remove("active"); });
  }
  function activate(pos, scrollText) {
    clear();
    var first = null;
    document.querySelectorAll(".ev." + pos).forEach(function (el) { el.classList.add("active"); first = first || el; });
    var row = document.getElementById("row-" + pos.slice(1));
    if (row) row.classList.add("active");
    if (scrollText && first) first.scrollIntoView({block: "center", behavior: "smooth"});
    return row;
  }
  document.querySelectorAll(".proposal .head").forEach(function (head) {
    head.addEventListener("click", function () { activate("p" + head.parentNode.dataset.position, true); });
  });
  document.querySelectorAll(".ev").forEach(function (el) {
    el.addEventListener("click", function () {
      var pos = el.className.split(" ").filter(function (c) { return /^p\d+$/.test(c); })[0];
      if (!pos) return;
      var row = activate(pos, false);
      if (row) row.scrollIntoView({block: "center", behavior: "smooth"});
    });
  });
  if (location.hash.indexOf("#row-") === 0) activate("p" + location.hash.slice(5), true);
})();
