/* The catalogue finder: filters the server-rendered list in place, offline.
   Each item carries its folded search text (data-s, made at build time by
   ocop.text.fold); the query is folded the same way here: no diacritics, đ → d. */
(function () {
  var form = document.getElementById("finder");
  if (!form) return;
  form.hidden = false;
  var items = [].slice.call(document.querySelectorAll("#cards li"));
  var count = document.getElementById("count");
  var none = document.getElementById("none");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function apply() {
    var words = fold(form.q.value).split(" ").filter(Boolean);
    var stars = form.stars.value, group = form.group.value, unit = form.unit.value, status = form.status.value;
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset;
      var ok = (!stars || d.stars === stars) && (!group || d.group === group) && (!unit || d.unit === unit) &&
        (status === "all" || (status === "current") === (d.current === "1")) &&
        words.every(function (w) { return d.s.indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = count.getAttribute("data-tpl").replace("{n}", shown);
    none.hidden = shown > 0;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  var query = new URLSearchParams(location.search).get("q");
  if (query) form.q.value = query;
  apply();
})();
