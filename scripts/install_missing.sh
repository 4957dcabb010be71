#!/usr/bin/env bash
# install_missing.sh WHO PACKAGE...: installs the Debian packages of the list that are missing
# (with sudo when not root), after refreshing apt's lists: those of a fresh machine may be stale
# or absent. WHO names the script asking, in the one line it prints.
set -euo pipefail
who="$1"
shift
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
echo "$who: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
