#!/usr/bin/env bash
# Fetch the free fonts nianbao embeds and subset them to GBK, reproducibly.
# Needs npm, python3 with fontTools (Debian python3-fonttools) and Debian's
# fonts-lxgw-wenkai. Writes fonts/files/*.ttf and their licences.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fonts/files
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

NOTO_VERSION=0.4.3
(cd "$work" && npm pack --silent "@expo-google-fonts/noto-serif-sc@$NOTO_VERSION" "@expo-google-fonts/noto-sans-sc@$NOTO_VERSION" >/dev/null)
for pkg in noto-serif-sc noto-sans-sc; do
  mkdir -p "$work/$pkg"
  tar -xzf "$work/expo-google-fonts-$pkg-$NOTO_VERSION.tgz" -C "$work/$pkg"
done
wenkai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
[ -f "$wenkai" ] || { echo "install Debian's fonts-lxgw-wenkai first (apt-get install fonts-lxgw-wenkai)"; exit 1; }

py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
# Every GBK character, printable ASCII and the marks Chinese documents use.
"$py" - "$work/gbk.txt" <<'PY'
import sys
chars = {chr(c) for c in range(0x20, 0x7f)}
for a in range(0x81, 0xff):
    for b in range(0x40, 0xff):
        try:
            chars.add(bytes([a, b]).decode("gbk"))
        except UnicodeDecodeError:
            pass
chars.update("—–…·‧・“”‘’〈〉《》「」『』【】〔〕〖〗℃‰％～／　")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY

subset() {
  "$py" -m fontTools.subset "$1" --text-file="$work/gbk.txt" --output-file="$out/$2" \
    --layout-features='' --no-hinting --name-IDs='*' --notdef-outline
}
mkdir -p "$out"
subset "$work/noto-serif-sc/package/400Regular/NotoSerifSC_400Regular.ttf" NotoSerifSC-Regular.ttf
subset "$work/noto-serif-sc/package/700Bold/NotoSerifSC_700Bold.ttf" NotoSerifSC-Bold.ttf
subset "$work/noto-sans-sc/package/500Medium/NotoSansSC_500Medium.ttf" NotoSansSC-Medium.ttf
subset "$wenkai" LXGWWenKai-Regular.ttf
cp "$work/noto-serif-sc/package/LICENSE_FONT" "$out/OFL-NotoSerifSC.txt"
cp "$work/noto-sans-sc/package/LICENSE_FONT" "$out/OFL-NotoSansSC.txt"
cp /usr/share/doc/fonts-lxgw-wenkai/copyright "$out/LICENSE-LXGWWenKai.txt"
ls -l "$out"
