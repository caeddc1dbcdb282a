/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of sha.c (FIPS 180-4 and RFC 1321 test vectors) and bagit.c. */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-archive.h"
#include "tap.h"

static char *digest(int alg, const char *s, size_t n, size_t repeat)
{
	static char hex[2 * GO_HASH_MAX + 1];
	unsigned char d[GO_HASH_MAX];
	go_hash h;
	go_hash_init(&h, alg);
	for (size_t i = 0; i < repeat; i++)
		go_hash_update(&h, s, n);
	go_hash_final(&h, d);
	go_hex(d, go_hash_size(alg), hex);
	return hex;
}

static const char m448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char m896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

struct finding {
	char code[64], path[256];
};
struct findings {
	struct finding f[32];
	int n;
};

static void collect(void *ctx, const char *sev, const char *code, const char *path,
		    const char *msg)
{
	struct findings *fs = ctx;
	if (fs->n < 32) {
		snprintf(fs->f[fs->n].code, 64, "%s", code);
		snprintf(fs->f[fs->n].path, 256, "%s", path);
		fs->n++;
	}
}

static void file(go_bag_check *c, const char *path, const char *text)
{
	size_t n = strlen(text);
	go_bag_check_begin(c, path, n);
	/* In two pieces, so that lines are split across calls. */
	go_bag_check_data(c, text, n / 2);
	go_bag_check_data(c, text + n / 2, n - n / 2);
	go_bag_check_end(c, 1);
}

#define HELLO_MD5 "b1946ac92492d2347c6235b4d2611184"   /* "hello\n" */
#define HELLO_SHA1 "f572d396fae9206628714fb2ce00f72e94f2258f"

int main(void)
{
	/* FIPS 180-4 examples (NIST CSRC "Example Algorithms"), RFC 1321 §A.5. */
	is_str(digest(GO_SHA256, "abc", 3, 1),
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 abc");
	is_str(digest(GO_SHA256, m448, strlen(m448), 1),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256 448 bits");
	is_str(digest(GO_SHA256, "", 0, 1),
	       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 empty");
	is_str(digest(GO_SHA256, "a", 1, 1000000),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "sha256 million a");
	is_str(digest(GO_SHA512, "abc", 3, 1),
	       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	       "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", "sha512 abc");
	is_str(digest(GO_SHA512, m896, strlen(m896), 1),
	       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	       "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909", "sha512 896 bits");
	is_str(digest(GO_SHA512, "", 0, 1),
	       "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	       "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", "sha512 empty");
	is_str(digest(GO_SHA1, "abc", 3, 1), "a9993e364706816aba3e25717850c26c9cd0d89d", "sha1 abc");
	is_str(digest(GO_SHA1, m448, strlen(m448), 1), "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
	       "sha1 448 bits");
	is_str(digest(GO_SHA1, "a", 1, 1000000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
	       "sha1 million a");
	is_str(digest(GO_MD5, "", 0, 1), "d41d8cd98f00b204e9800998ecf8427e", "md5 empty");
	is_str(digest(GO_MD5, "abc", 3, 1), "900150983cd24fb0d6963f7d28e17f72", "md5 abc");
	is_str(digest(GO_MD5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", 80, 1),
	       "57edf4a22be3c955ac49da2e2107b67a", "md5 80 digits");
	/* Lengths around the padding boundary, fed byte by byte and at once. */
	{
		char buf[130];
		memset(buf, 'x', sizeof buf);
		int same = 1;
		for (int alg = 0; alg < GO_HASH_N; alg++)
			for (size_t n = 50; n < sizeof buf; n++) {
				char one[2 * GO_HASH_MAX + 1];
				strcpy(one, digest(alg, buf, n, 1));
				go_hash h;
				unsigned char d[GO_HASH_MAX];
				char hex[2 * GO_HASH_MAX + 1];
				go_hash_init(&h, alg);
				for (size_t i = 0; i < n; i++)
					go_hash_update(&h, buf + i, 1);
				go_hash_final(&h, d);
				go_hex(d, go_hash_size(alg), hex);
				same &= strcmp(one, hex) == 0;
			}
		ok(same, "byte-by-byte updates give the same digests");
	}
	/* A large odd-sized input, in uneven pieces (Python's hashlib gave the digests). */
	{
		static char big[100003];
		for (size_t i = 0; i < sizeof big; i++)
			big[i] = (char)(i * 7 + (i >> 8));
		static const char *const want[2] = {
			"a247996142a29ed10b00f34e01db2ba80934866a97e92271000e5a4e94b521cf",
			"36542da2bc8d7a49fbcc9b052f106b0920638a5c0a15c25d15ca58b6b6539e4c"
			"15929051bc34392dfeef0a1018f1235296feadfd94bd0ff758bfd7288b4a677d"};
		for (int k = 0; k < 2; k++) {
			int alg = k ? GO_SHA512 : GO_SHA256;
			go_hash h;
			unsigned char d[GO_HASH_MAX];
			char hex[2 * GO_HASH_MAX + 1];
			go_hash_init(&h, alg);
			for (size_t off = 0, step = 1; off < sizeof big; off += step, step = step * 3 + 1)
				go_hash_update(&h, big + off, off + step > sizeof big ? sizeof big - off : step);
			go_hash_final(&h, d);
			go_hex(d, go_hash_size(alg), hex);
			is_str(hex, want[k], k ? "sha512: 100003 bytes in uneven pieces" :
			       "sha256: 100003 bytes in uneven pieces");
		}
	}
	is_int(go_hash_lookup("SHA512"), GO_SHA512, "algorithm names ignore case");
	is_int(go_hash_lookup("sha3"), -1, "unknown algorithm");

	/* RFC 8493 §2.1.3: CR, LF and % only; spaces stay. */
	char *e = go_bagit_encode_path("data/a b%c\nd\re");
	is_str(e, "data/a b%25c%0Ad%0De", "percent-encoding of %, LF, CR");
	char *d = go_bagit_decode_path(e);
	is_str(d, "data/a b%c\nd\re", "decoding reverses it");
	free(e);
	free(d);
	d = go_bagit_decode_path("data/%41%0a%0d%25%2");
	is_str(d, "data/%41\n\r%%2", "other %XX stay literal");
	free(d);
	ok(go_bagit_unsafe_path("data/../x") != NULL, "'..' is unsafe");
	ok(go_bagit_unsafe_path("/etc/passwd") != NULL, "absolute is unsafe");
	ok(go_bagit_unsafe_path("C:x") != NULL, "drive letter is unsafe");
	ok(go_bagit_unsafe_path("data//x") != NULL, "empty segment is unsafe");
	ok(go_bagit_unsafe_path("data/a..b/c d") == NULL, "'a..b' and spaces are fine");
	char size[32];
	go_bagit_size(999, size);
	is_str(size, "999 bytes", "Bag-Size bytes");
	go_bagit_size(42600000000ull, size);
	is_str(size, "42.6 GB", "Bag-Size GB");

	/* A 0.97 bag, md5 and sha1, tag files after the payload. */
	struct findings fs = {0};
	go_bag_check *c = go_bag_check_new(collect, &fs);
	file(c, "data/hello.txt", "hello\n");
	file(c, "bagit.txt", "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n");
	file(c, "manifest-md5.txt", HELLO_MD5 "  data/hello.txt\n");
	file(c, "manifest-sha1.txt", HELLO_SHA1 " data/hello.txt\r\n");
	file(c, "bag-info.txt", "Payload-Oxum: 6.1\nContact-Name: A\n  continued\n");
	is_int(go_bag_check_finish(c), 0, "0.97 bag, manifests after payload: valid");
	is_int(fs.n, 0, "no findings");
	go_bag_check_free(c);

	/* The same with a changed digest, a missing file, an extra file, '..'. */
	memset(&fs, 0, sizeof fs);
	c = go_bag_check_new(collect, &fs);
	file(c, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	file(c, "manifest-md5.txt", "b1946ac92492d2347c6235b4d2611185  data/hello.txt\n"
	     HELLO_MD5 "  data/gone.txt\n" HELLO_MD5 "  data/../x\n");
	file(c, "data/hello.txt", "hello\n");
	file(c, "data/extra.txt", "hello\n");
	file(c, "bag-info.txt", "Payload-Oxum: 6.1\n");
	is_int(go_bag_check_finish(c), 5, "five errors");
	is_str(fs.f[0].code, "manifest-unsafe-path", "'..' in a manifest");
	is_str(fs.f[1].code, "checksum-mismatch", "changed byte");
	is_str(fs.f[1].path, "data/hello.txt", "... names the file");
	is_str(fs.f[2].code, "unlisted-file", "extra file");
	is_str(fs.f[2].path, "data/extra.txt", "... in path order");
	is_str(fs.f[3].code, "missing-file", "missing file");
	is_str(fs.f[4].code, "oxum-mismatch", "wrong Oxum");
	go_bag_check_free(c);

	memset(&fs, 0, sizeof fs);
	c = go_bag_check_new(collect, &fs);
	file(c, "data/x", "");
	is_int(go_bag_check_finish(c), 2, "no bagit.txt, no manifest");
	is_str(fs.f[0].code, "missing-bagit-txt", "missing-bagit-txt");
	is_str(fs.f[1].code, "missing-manifest", "missing-manifest");
	go_bag_check_free(c);

	/* md5 manifest, the payload, then sha1: the file is read again, with
	 * sha1 only; a file that matches gives no finding. */
	memset(&fs, 0, sizeof fs);
	c = go_bag_check_new(collect, &fs);
	file(c, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	file(c, "manifest-md5.txt", HELLO_MD5 "  data/hello.txt\n");
	file(c, "data/hello.txt", "hello\n");
	file(c, "data/other.txt", "x");
	file(c, "manifest-sha1.txt", HELLO_SHA1 "  data/hello.txt\n"
	     "11f6ad8ec52a2984abaafd7c3b516503785c2072  data/other.txt\n");
	is_int((int)go_bag_check_rescan(c), 2, "a manifest after the payload: two files to read again");
	file(c, "data/hello.txt", "hello\n");
	file(c, "data/other.txt", "y");
	file(c, "bagit.txt", "ignored in the second reading");
	go_bag_check_finish(c);
	is_int(fs.n, 2, "... two findings, both on data/other.txt");
	is_str(fs.f[0].code, "checksum-mismatch", "sha1 of the second reading compared");
	is_str(fs.f[0].path, "data/other.txt", "... on data/other.txt, not data/hello.txt");
	is_str(fs.f[1].code, "unlisted-file", "data/other.txt is not in the md5 manifest");
	go_bag_check_free(c);

	/* The same from a pipe: every algorithm at once, nothing to read again. */
	memset(&fs, 0, sizeof fs);
	c = go_bag_check_new(collect, &fs);
	go_bag_check_hash_all(c);
	file(c, "manifest-md5.txt", HELLO_MD5 "  data/hello.txt\n");
	file(c, "data/hello.txt", "hello\n");
	file(c, "manifest-sha1.txt", HELLO_SHA1 "  data/hello.txt\n");
	file(c, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	is_int((int)go_bag_check_rescan(c), 0, "hash_all: nothing to read again");
	is_int(go_bag_check_finish(c), 0, "... and valid, bagit.txt last");
	is_int(go_bag_check_verdict(c), GO_BAG_VALID, "... verdict valid");
	go_bag_check_free(c);

	/* Only an unknown algorithm: cannot-check, not invalid. */
	memset(&fs, 0, sizeof fs);
	c = go_bag_check_new(collect, &fs);
	file(c, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	file(c, "manifest-blake2b.txt", "00  data/hello.txt\n");
	file(c, "data/hello.txt", "hello\n");
	is_int(go_bag_check_finish(c), 0, "blake2b only: no error");
	is_int(go_bag_check_verdict(c), GO_BAG_CANNOT_CHECK, "... verdict cannot-check");

	go_bag_check_free(c);
	char *n1 = go_bagit_nfc("data/cafe\xcc\x81"), *n2 = go_bagit_nfc("data/\xff");
	is_str(n1, "data/caf\xc3\xa9", "NFD to NFC");
	is_str(n2, "data/\xff", "not UTF-8: the bytes as they are");
	free(n1);
	free(n2);
	return done();
}
