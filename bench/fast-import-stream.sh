#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# fast-import-stream.sh STORE DIR: the git fast-import stream of branches main
# and public of STORE, byte for byte, made from git ls-tree whatever the layout
# (DIR holds the work files). The peer of a bulk publish, for bench/go-publish.sh
# and bench/growth.sh.
set -e
W=$2
for br in main public; do
	git -C "$1" ls-tree -r "$br" | sed 's/^[0-9]* blob //' >"$W/ls.$br"
done
cut -f1 "$W/ls.main" "$W/ls.public" | sort -u >"$W/oids"
git -C "$1" cat-file --batch <"$W/oids" >"$W/blobs"
perl -e '
	use strict; use warnings; binmode STDOUT; my ($blobs, @ls) = @ARGV;
	open my $b, "<:raw", $blobs or die; my (%mark, $n);
	while (my $h = <$b>) {
		my ($oid, $type, $size) = split " ", $h;
		read($b, my $data, $size) == $size or die; read($b, my $nl, 1);
		$mark{$oid} = ++$n;
		print "blob\nmark :$n\ndata $size\n", $data, "\n";
	}
	for my $ls (@ls) {
		(my $br = $ls) =~ s/.*\.//;
		print "commit refs/heads/$br\ncommitter Bench <bench\@example.org> 1700000000 +0000\ndata 5\nbulk\n";
		open my $l, "<", $ls or die;
		while (<$l>) { chomp; my ($oid, $path) = split /\t/, $_, 2; print "M 100644 :$mark{$oid} $path\n"; }
		print "\n";
	}' "$W/blobs" "$W/ls.main" "$W/ls.public"
