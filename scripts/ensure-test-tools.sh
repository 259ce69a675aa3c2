#!/usr/bin/env bash
# Browser tests drive Debian's Chromium at /usr/bin/chromium (Playwright cannot download its own here),
# screenshots need a Japanese font, and the PDF tests render pages with pdftoppm (poppler-utils).
# On a fresh machine this installs what is missing, as root, and says so.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then missing+=(fonts-noto-cjk); fi
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "テストに必要なパッケージがありません: ${missing[*]}。root で apt-get install -y ${missing[*]} を実行してください。" >&2
  exit 1
fi
echo "テストに必要なパッケージをインストールします: apt-get install -y ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "インストールしました: ${missing[*]}"
