#!/usr/bin/env bash
# Browser tests drive Debian's Chromium at /usr/bin/chromium (Playwright cannot download its own here),
# and screenshots need a Japanese font. On a fresh machine this installs what is missing, as root, and says so.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then missing+=(fonts-noto-cjk); fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ブラウザテストに必要なパッケージがありません: ${missing[*]}。root で apt-get install -y ${missing[*]} を実行してください。" >&2
  exit 1
fi
echo "ブラウザテストに必要なパッケージをインストールします: apt-get install -y ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "インストールしました: ${missing[*]}"
