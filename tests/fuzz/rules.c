/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * Fuzz target (libFuzzer): the rules-file parser of go-classify. Any text must
 * be parsed or refused with a RULES:LINE message, never crash or leak; the
 * text must not be read past its end (no NUL terminator is given).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "go.h"
#include "go-classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so that ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	memcpy(text, data, size);
	go_rules *rs = go_rules_new();
	go_rules_parse(rs, "fuzz", text, size);
	go_rules_free(rs);
	free(text);
	return 0;
}
