/* Danish search, both ways: the theme's search worker, with each search word
 * also looked up by its Danish stem.
 *
 * The theme searches for what is typed as a prefix ("boligområde" finds
 * "boligområderne"), but a prefix search skips stemming, so a longer form
 * never finds a shorter one ("boligområderne" did not find "boligområde").
 * This worker loads the theme's own worker unchanged and adds, to every word
 * of a query, its stem from the theme's Danish stemmer (lunr.da):
 * "boligområderne" is searched as "boligområderne boligområd". The index is
 * not stemmed, so exact searches with æ, ø and å work as before.
 * Loaded instead of the theme's worker by dansk-soegning-opsaetning.js.
 */
(function () {
  "use strict";
  var original = new URLSearchParams(self.location.search).get("original") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(original)) {
    throw new Error("dansk-soegning: ukendt søgeprogram " + original);
  }

  function stem(word) {
    var lunr = self.lunr;
    if (!lunr || !lunr.da || !lunr.da.stemmer || !lunr.Token) return "";
    return String(lunr.da.stemmer(new lunr.Token(word, {})));
  }

  function expand(query) {
    return String(query).split(/(\s+)/).map(function (word) {
      // Leave operators, fields, quotes and short words alone.
      if (/^[+\-]|[*~^:"]/.test(word) || word.trim().length < 5) return word;
      var lower = word.toLowerCase();
      var root = stem(lower);
      return root.length >= 4 && root !== lower && lower.indexOf(root) === 0 ? word + " " + root : word;
    }).join("");
  }

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === 2 && typeof message.data === "string") {  // 2: a query
        return handler.call(this, { data: { type: 2, data: expand(message.data) } });
      }
      return handler.call(this, event);
    }, options);
  };
  importScripts(original);
})();
