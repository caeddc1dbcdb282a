#!/bin/sh
# Install the Debian packages named as arguments that are missing: with apt-get
# when run as root, else print the exact command and fail.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "go-tools: missing packages:$missing (not a Debian system: install them by hand)" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "go-tools: missing packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "go-tools: installing$missing" >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing
