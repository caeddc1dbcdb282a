# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Sourced by the go-site tests: site_docs [TEXT] writes the bundled documents
# (tests/site/docs.jsonl) to $T/docs.jsonl, their attachment $T/att/办法 全文.pdf
# holding TEXT (default "%PDF-1.4").
site_docs() {
	mkdir -p "$T/att"
	printf '%s\n' "${1:-%PDF-1.4}" >"$T/att/办法 全文.pdf"
	sed "s|@ATT@|$T/att|" "$TESTS/site/docs.jsonl" >"$T/docs.jsonl"
}
