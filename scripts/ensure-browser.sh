#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (no browser downloads here) and need a CJK font, or
# Chinese labels render as empty boxes; the report tests read PDFs with poppler. Install them once
# when missing; needs root (or sudo).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# (no pipe into grep -q: under pipefail the early exit would read as "missing")
fonts=$(fc-list 2>/dev/null || true)
[[ "$fonts" == *"Noto Sans CJK"* ]] || need+=(fonts-noto-cjk)
# The report tests read the PDFs back with poppler's pdftotext / pdffonts / pdfinfo.
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
echo "ensure-browser: installing ${need[*]} from Debian (one time)" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "ensure-browser: run as root: apt-get install -y ${need[*]}" >&2; exit 1
  fi
fi
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
