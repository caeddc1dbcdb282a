/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/record.c: line splitting, FILE:LINE, the line limit, the writer. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "go.h"
#include "tap.h"

static char *write_temp(const char *data, size_t n)
{
	char *path = go_xstrdup("/tmp/go-record-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, data, n) != (ssize_t)n)
		abort();
	close(fd);
	return path;
}

/* A line of n bytes: {"b":"xxx…"} */
static char *line_of(size_t n)
{
	char *s = go_xmalloc(n + 2);
	memset(s, 'x', n);
	memcpy(s, "{\"b\":\"", 6);
	memcpy(s + n - 2, "\"}", 2);
	s[n] = '\n';
	s[n + 1] = '\0';
	return s;
}

int main(void)
{
	/* Two files: FILE:LINE follows each; a blank line is an invalid record. */
	char *a = write_temp("{\"k\":1}\n\n{\"k\":2}", 16);
	char *b = write_temp("{\"k\":3}\n", 8);
	char *files[] = {a, b};
	go_reader rd;
	json_t *rec;
	char want[64];
	go_reader_init(&rd, 2, files, 0);
	tap_stderr_begin();
	rec = go_reader_next(&rd);
	is_int(json_integer_value(json_object_get(rec, "k")), 1, "first record");
	snprintf(want, sizeof want, "%s:1", a);
	is_str(rd.at, want, "FILE:LINE of the first");
	json_decref(rec);
	rec = go_reader_next(&rd);
	ok(go_is_invalid(rec), "a blank line is an invalid record");
	is_str(go_str(rec, "invalid_line"), "", "holding the empty line");
	json_decref(rec);
	rec = go_reader_next(&rd);
	is_int(json_integer_value(json_object_get(rec, "k")), 2, "a last line without newline");
	json_decref(rec);
	rec = go_reader_next(&rd);
	snprintf(want, sizeof want, "%s:1", b);
	is_str(rd.at, want, "line numbers restart in the next file");
	json_decref(rec);
	ok(go_reader_next(&rd) == NULL, "then the end");
	char *said = tap_stderr_end();
	snprintf(want, sizeof want, "%s:2: invalid JSON", a);
	ok(strstr(said, want) != NULL, "stderr names FILE:LINE of the invalid line");
	free(said);
	is_int(rd.invalid, 1, "one invalid line counted");
	go_reader_free(&rd);

	/* The limit: max_line bytes pass, one more byte does not; lines above 64 KiB grow the buffer. */
	size_t max = 100000;
	char *fits = line_of(max), *over = line_of(max + 1);
	size_t nf = strlen(fits), no = strlen(over);
	char *both = go_xmalloc(nf + no + 1);
	memcpy(both, fits, nf);
	memcpy(both + nf, over, no);
	char *c = write_temp(both, nf + no);
	go_reader_init(&rd, 1, &c, max);
	tap_stderr_begin();
	rec = go_reader_next(&rd);
	is_int(json_string_length(json_object_get(rec, "b")), max - 8, "a line of exactly the limit is parsed");
	json_decref(rec);
	rec = go_reader_next(&rd);
	ok(go_is_invalid(rec) && rd.overlong, "one byte more is an over-long line");
	/* The writer streams the whole line back as base64. */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	go_write(mem, &rd, rec);
	fclose(mem);
	json_t *back = json_loads(buf, 0, NULL);
	is_int(json_string_length(json_object_get(back, "invalid_line_base64")), (no - 1 + 2) / 3 * 4,
	       "the written record holds all of it");
	json_decref(back);
	free(buf);
	json_decref(rec);
	ok(go_reader_next(&rd) == NULL, "nothing after it");
	said = tap_stderr_end();
	ok(strstr(said, ":2: line of 100001 bytes, over the limit of 100000") != NULL,
	   "stderr says the over-long line's size and the limit");
	free(said);
	go_reader_free(&rd);

	/* The writer keeps UTF-8 and field order, and appends new fields. */
	rec = json_loads("{\"z\":\"主動公開\",\"a\":1}", 0, NULL);
	json_object_set_new(rec, "m", json_true());
	mem = open_memstream(&buf, &len);
	go_write(mem, NULL, rec);
	fclose(mem);
	is_str(buf, "{\"z\":\"主動公開\",\"a\":1,\"m\":true}\n", "UTF-8 as is, input order, new fields last");
	free(buf);
	json_decref(rec);

	unlink(a);
	unlink(b);
	unlink(c);
	free(a), free(b), free(c), free(fits), free(over), free(both);
	return done();
}
