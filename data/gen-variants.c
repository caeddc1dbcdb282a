/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * gen-variants — the default rules' keywords with their variants in other
 * scripts (OpenCC t2s, s2t, s2tw, s2hk), as C source on stdout, so that
 * go-classify starts without loading OpenCC (issue 18: 130 ms at every start).
 * Linked with the library's objects but for the table it makes.
 */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-classify.h"

const struct go_variant go_variant_table[] = {{"", ""}};
const size_t go_variant_count = 0;

int main(void)
{
	go_rules *rs = go_rules_new();
	const char **kws = NULL;
	if (go_rules_parse(rs, "default", go_default_rules, strlen(go_default_rules)) != 0)
		return GO_FATAL;
	size_t n = go_rules_keywords(rs, &kws);
	int rc = go_variants_write(stdout, kws, n);
	free(kws);
	go_rules_free(rs);
	return rc || go_finish(GO_OK) ? GO_FATAL : GO_OK;
}
