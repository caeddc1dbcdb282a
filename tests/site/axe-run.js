/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Injected by tests/site.t into a copy of a page, after axe.min.js: runs axe-core
   (WCAG 2.0/2.1 A and AA rules and best practices) and writes the violations
   into the DOM, where chromium --dump-dom shows them. */
axe.run(document).then(function (r) {
	var pre = document.createElement("pre");
	pre.id = "axe-result";
	pre.textContent = JSON.stringify(r.violations.map(function (v) {
		return {id: v.id, impact: v.impact, nodes: v.nodes.length};
	}));
	document.body.appendChild(pre);
}, function (e) {
	var pre = document.createElement("pre");
	pre.id = "axe-result";
	pre.textContent = "error: " + e;
	document.body.appendChild(pre);
});
