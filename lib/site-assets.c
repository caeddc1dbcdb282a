/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * site-assets.c — the one style sheet and the search script of go-site's pages,
 * share/site/style.css and share/site/search.js, built into the library (each
 * followed by a NUL) so that a site needs nothing installed beside the binary.
 */
__asm__(".section .rodata\n"
	".global go_site_css\n"
	".type go_site_css, @object\n"
	"go_site_css:\n"
	".incbin \"share/site/style.css\"\n"
	".byte 0\n"
	".global go_site_js\n"
	".type go_site_js, @object\n"
	"go_site_js:\n"
	".incbin \"share/site/search.js\"\n"
	".byte 0\n"
	".previous\n");
