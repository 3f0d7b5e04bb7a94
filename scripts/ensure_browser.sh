#!/usr/bin/env bash
# Browser tests drive Debian's chromium (never a downloaded browser) and need a CJK font; the translation test
# needs GNU gettext (makemessages, msgattrib).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v msgattrib >/dev/null || missing+=(gettext)
fc-list 2>/dev/null | grep -qi -E 'wqy|noto sans cjk|noto serif cjk' || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the browser and translation tests."
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || true
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version
