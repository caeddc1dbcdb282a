/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-site search: chunks.json lists the index files, newest first; each
   search/<N>.json holds up to 500 documents and a bigram index of their titles and bodies
   (Han character pairs, lower-case ASCII words), as lib/site.c builds it.
   Results are written with textContent only: nothing from an index is HTML. */
(function () {
	"use strict";
	var form = document.querySelector("form[role=search]");
	var input = document.getElementById("q");
	var status = document.getElementById("status");
	var out = document.getElementById("results");
	var han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
	function tokens(text) {
		var toks = [], chars = Array.from(text), word = "", prev = null;
		chars.push(" ");
		chars.forEach(function (c) {
			if (/^[0-9A-Za-z]$/.test(c)) { word += c.toLowerCase(); }
			else { if (word.length >= 2) toks.push(word); word = ""; }
			if (han.test(c)) { if (prev !== null) toks.push(prev + c); prev = c; }
			else { prev = null; }
		});
		return toks;
	}
	function search(q) {
		var toks = tokens(q), single = toks.length === 0 && han.test(q);
		if (!toks.length && !single) { status.textContent = "请输入至少两个汉字或一个英文词。"; return; }
		status.textContent = "正在搜索……";
		fetch("chunks.json").then(function (r) { return r.json(); }).then(function (chunks) {
			return Promise.all(chunks.map(function (m) {
				return fetch(m + ".json").then(function (r) { return r.json(); });
			}));
		}).then(function (shards) {
			var hits = [];
			shards.forEach(function (s) {
				var ids = null, seen = {};
				if (single) {
					ids = [];
					s.docs.forEach(function (d, i) { if (d[1].indexOf(q.trim()) >= 0) ids.push(i); });
				}
				toks.forEach(function (t) {
					var p = Object.prototype.hasOwnProperty.call(s.index, t) ? s.index[t] : [];
					ids = ids === null ? p.slice() : ids.filter(function (i) { return p.indexOf(i) >= 0; });
				});
				(ids || []).forEach(function (i) {
					if (!seen[i]) { seen[i] = true; hits.push(s.docs[i]); }
				});
			});
			hits.sort(function (a, b) { return a[2] < b[2] ? 1 : a[2] > b[2] ? -1 : 0; });
			out.textContent = "";
			hits.forEach(function (d) {
				var li = document.createElement("li"), a = document.createElement("a");
				a.href = "../" + d[0];
				a.textContent = d[1];
				li.appendChild(a);
				var span = document.createElement("span");
				span.className = "info";
				span.textContent = " " + d[2];
				li.appendChild(span);
				out.appendChild(li);
			});
			status.textContent = "找到 " + hits.length + " 条结果。";
		}).catch(function () {
			status.textContent = "本站暂未提供搜索索引，请浏览法定主动公开内容或公开目录。";
		});
	}
	var q = new URLSearchParams(location.search).get("q");
	if (q) { input.value = q; search(q); }
	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
		search(input.value);
	});
})();
