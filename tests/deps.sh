#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Make sure of what the build and the tests need. Each argument is
# PROBE=DEBIAN-PACKAGE, the probe a pkg-config module (pc:NAME) or a command
# (cmd:NAME); a bare DEBIAN-PACKAGE is probed with dpkg-query. Whatever a probe
# finds is left alone, so a machine that has everything (Debian or not) needs
# neither apt nor dpkg. The rest is installed with apt-get when run as root, else
# the exact command is printed and the script fails.
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
missing=
for a in "$@"; do
	case $a in
	pc:*=*) probe=${a%%=*} probe=${probe#pc:} pkg=${a#*=}
		"$PKG_CONFIG" --exists "$probe" 2>/dev/null && continue ;;
	cmd:*=*) probe=${a%%=*} probe=${probe#cmd:} pkg=${a#*=}
		command -v "$probe" >/dev/null 2>&1 && continue ;;
	*) pkg=$a
		dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' &&
			continue ;;
	esac
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "go-tools: missing:$missing (Debian package names; not a Debian system: install them by hand)" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "go-tools: missing packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "go-tools: installing$missing" >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing
