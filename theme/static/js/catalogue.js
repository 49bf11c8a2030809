/* The catalogue finder: filters the server-rendered list in place, offline.
   Each item carries its search text folded at build time (data-s, by
   ocop.text.fold: no diacritics, đ → d) and as written (data-a): a query typed
   without accents matches the folded text ("doan ket" finds "Đoàn Kết"), one
   typed with accents matches exactly ("chè" does not find "chế biến").
   The list was built on one day and is read on another: each item's status is
   re-computed from the phone's date, as on the product pages. */
(function () {
  var form = document.getElementById("finder");
  if (!form) return;
  form.hidden = false;
  var list = document.getElementById("cards");
  var items = [].slice.call(list.querySelectorAll("li"));
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var badges = JSON.parse(list.getAttribute("data-w"));
  var fields = ["q", "stars", "group", "unit", "status"];

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  var now = new Date(), today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  items.forEach(function (li) {
    var d = li.dataset;
    if (!d.expires || (d.state !== "valid" && d.state !== "expiring" && d.state !== "expired")) return;
    var e = d.expires.split("-"), left = Math.round((new Date(+e[0], e[1] - 1, +e[2]) - today) / 864e5);
    var state = left < 0 ? "expired" : left <= 180 ? "expiring" : "valid";
    if (state === d.state) return;
    var badge = li.querySelector(".badge"), word = badges[state];
    badge.className = "badge st-" + word[2];
    badge.firstChild.textContent = word[0];
    badge.querySelector(".bw").textContent = word[1];
    d.state = state;
    d.current = state === "expired" ? "0" : "1";
  });

  function apply() {
    var raw = form.q.value.toLowerCase().replace(/\s+/g, " ").trim();
    var accented = raw.normalize("NFC") !== fold(raw);
    var words = (accented ? raw.normalize("NFC") : fold(raw)).split(" ").filter(Boolean);
    var stars = form.stars.value, group = form.group.value, unit = form.unit.value, status = form.status.value;
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset, text = accented ? d.a : d.s;
      var ok = (!stars || d.stars === stars) && (!group || d.group === group) && (!unit || d.unit === unit) &&
        (status === "all" || (status === "current") === (d.current === "1")) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = count.getAttribute("data-tpl").replace("{n}", shown);
    none.hidden = shown > 0;
    // Keep the filters in the address, so a filtered list can be shared or bookmarked.
    var params = new URLSearchParams();
    fields.forEach(function (name) {
      var value = form[name].value;
      if (value && !(name === "status" && value === "current")) params.set(name, value);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  var given = new URLSearchParams(location.search);
  fields.forEach(function (name) {
    if (given.get(name)) form[name].value = given.get(name);
  });
  if (["stars", "group", "unit", "status"].some(function (n) { return given.get(n); })) {
    form.querySelector("details").open = true;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
})();
