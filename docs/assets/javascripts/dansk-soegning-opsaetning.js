/* Points the theme's search at workers/dansk-soegning.js (Danish search both
 * ways, see there). Runs before the theme's own script reads its settings. */
(function () {
  "use strict";
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  var match = /^(.*\/workers\/)(search\.[0-9a-f]+\.min\.js)$/.exec(config.search || "");
  if (!match) return;
  config.search = match[1] + "dansk-soegning.js?original=" + encodeURIComponent(match[2]);
  element.textContent = JSON.stringify(config);
})();
