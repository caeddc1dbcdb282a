# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Sourced by the go-publish tests after lib.sh: the public view main implies,
# computed with the git CLI and jq alone, to hold lib/project.c to.
# projection STORE: the tree public must have (lib/project.c), built with the git
# CLI alone: each proactive document folder of main that is not withdrawn
# (issue 19) as it is, and per month (catalog/<YYYY>/<MM>.jsonl, issue 18) the
# catalog lines of those documents, sorted by id. A record.json holding one of
# the internal fields is on public without them (issue 17: go_internal_fields).
INTERNAL_FIELDS='["classified_by", "attribute_confirmed", "review"]'
projection() {
	rm -rf "$T/pj" "$T/years" "$T/cats"
	mkdir "$T/pj"
	: >"$T/years"
	: >"$T/cats"
	git -C "$1" archive main docs 2>/dev/null | tar -xf - -C "$T/pj" 2>/dev/null
	for yd in "$T/pj"/docs/*; do
		[ -d "$yd" ] || continue
		yn=${yd##*/}
		: >"$T/months"
		: >"$T/mcats"
		for md in "$yd"/*; do
			[ -d "$md" ] || continue
			mn=${md##*/}
			jq -r 'select(.attribute == "proactive" and (has("withdrawn") | not)) | input_filename | split("/") | .[-2]' \
				"$md"/*/record.json >"$T/names"
			[ -s "$T/names" ] || continue
			git -C "$1" ls-tree main "docs/$yn/$mn/" |
				awk -F '\t' 'NR == FNR {want[$1] = 1; next}
					{n = $2; sub(/.*\//, "", n)} want[n] && $1 ~ / tree / {print $1 "\t" n}' \
				"$T/names" - | while IFS="$(printf '\t')" read -r mode n; do
					# a record.json with internal fields goes to public without them
					f=$md/$n/record.json
					if jq -e "$INTERNAL_FIELDS"' as $i | keys | any(. as $k | $i | index($k))' "$f" >/dev/null; then
						b=$(jq -S "$INTERNAL_FIELDS"' as $i | reduce $i[] as $k (.; del(.[$k]))' "$f" |
							git -C "$1" hash-object -w --stdin)
						t=$(git -C "$1" ls-tree "main:docs/$yn/$mn/$n" |
							sed "s|^100644 blob [0-9a-f]*\t\(record.json\)\$|100644 blob $b\t\1|" |
							git -C "$1" mktree)
						mode="040000 tree $t"
					fi
					printf '%s\t%s\n' "$mode" "$n"
				done >"$T/yt"
			printf '040000 tree %s\t%s\n' "$(git -C "$1" mktree <"$T/yt")" "$mn" >>"$T/months"
			sed "s|^|$md/|; s|\$|/record.json|" "$T/names" | xargs jq -c --arg y "$yn/$mn" '. as $r |
				reduce ("id","title","number","office","kind","category","date","published",
					"validity","validity_date","amends","replaces","amended_by","replaced_by",
					"interpretations") as $k
				({}; if $r | has($k) then .[$k] = $r[$k] else . end) |
				.path = "docs/\($y)/\(input_filename | split("/") | .[-2])"' |
				jq -r '[.id, tojson] | @tsv' | LC_ALL=C sort -t "$(printf '\t')" -k1,1 |
				cut -f2- >"$T/catalog"
			printf '100644 blob %s\t%s.jsonl\n' "$(git -C "$1" hash-object -w "$T/catalog")" \
				"$mn" >>"$T/mcats"
		done
		[ -s "$T/months" ] || continue
		printf '040000 tree %s\t%s\n' "$(git -C "$1" mktree <"$T/months")" "$yn" >>"$T/years"
		printf '040000 tree %s\t%s\n' "$(git -C "$1" mktree <"$T/mcats")" "$yn" >>"$T/cats"
	done
	: >"$T/root"
	[ -s "$T/years" ] && printf '040000 tree %s\tdocs\n' "$(git -C "$1" mktree <"$T/years")" >>"$T/root"
	[ -s "$T/cats" ] && printf '040000 tree %s\tcatalog\n' "$(git -C "$1" mktree <"$T/cats")" >>"$T/root"
	git -C "$1" mktree <"$T/root"
}
public_tree() { git -C "$1" rev-parse -q --verify 'public^{tree}' || git -C "$1" mktree </dev/null; }

