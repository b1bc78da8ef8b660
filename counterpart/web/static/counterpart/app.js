// Page behaviour that used to sit in inline handlers: the Content-Security-Policy allows scripts only from
// our own static files. Every page works without it (forms have a submit button in <noscript>).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  var base = form.getAttribute && form.getAttribute("data-annual-report");
  if (base && form.pairing && form.year) {
    form.action = base + encodeURIComponent(form.pairing.value) + "/" + encodeURIComponent(form.year.value) + "/";
  }
});
// The inbox's "all on this page": tick or clear every report of the bulk confirmation form.
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.id !== "tick-all") return;
  document.querySelectorAll('input[name="c"][form="bulk"]').forEach(function (box) { box.checked = el.checked; });
});
// The weights form's running total: the national office sees at once whether the shares make 100 %.
(function () {
  var total = document.getElementById("weights-total");
  if (!total) return;
  function update() {
    var sum = 0;
    document.querySelectorAll("#weights-form input.weight").forEach(function (box) {
      var v = parseFloat((box.value || "").replace("%", "").replace(",", "."));
      if (!isNaN(v)) sum += v;
    });
    sum = Math.round(sum * 100) / 100;
    total.textContent = sum + " %" + (sum === 100 ? "" : " (" + total.getAttribute("data-label-off") + ")");
    total.classList.toggle("off", sum !== 100);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("#weights-form input.weight")) update();
  });
  update();
})();
