#!/usr/bin/env bash
# Builds the .deb for 统信 UOS / 麒麟 Kylin (and any Debian-like system) into dist/:
#
#   bash installer/build-deb.sh [--bundle DIR] [--out DIR] [--compression gzip|xz]
#
# First the program bundle (build.spec, with the python3 on PATH and PyInstaller from the
# project's [test] extra; no network), unless --bundle names one already built (dist/qingfeng/
# of `pyinstaller build.spec`). Then, with dpkg-deb only:
#   /opt/qingfeng-taizhang/                      the bundle
#   /usr/bin/qingfeng, /usr/bin/qingfeng-cli     launchers (the window's sets the input method)
#   /usr/share/applications/qingfeng-taizhang.desktop   清风台账 in the menu's Office category
#   /usr/share/icons/hicolor/*/apps/qingfeng-taizhang.png|svg
# Depends: the system libraries DEVELOPERS.md lists (libc6 at the version the bundle's files
# need); Recommends: what DEVELOPERS.md lists beside them. Nothing under /etc, no maintainer
# scripts: the icon cache and the menu are refreshed by dpkg's triggers (hicolor-icon-theme,
# desktop-file-utils), and `dpkg -r` removes every file it installed.
set -euo pipefail
umask 022

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PACKAGE="qingfeng-taizhang"
APPDIR="/opt/$PACKAGE"
BUNDLE=""
OUT="$ROOT/dist"
# gzip: every dpkg reads it and it packs the 350 MB in seconds; xz makes a file a fifth smaller
# in minutes (a release to copy over a slow line).
COMPRESSION="gzip"

while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) BUNDLE="$(cd "$2" && pwd)"; shift 2 ;;
        --out) mkdir -p "$2"; OUT="$(cd "$2" && pwd)"; shift 2 ;;
        --compression) COMPRESSION="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "未知的参数：$1" >&2; exit 2 ;;
    esac
done

for tool in dpkg-deb dpkg python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "缺少 $tool：请在 Debian 系统（统信 UOS、麒麟 Kylin 等）上构建。" >&2; exit 1; }
done

if [ -z "$BUNDLE" ]; then
    echo "构建程序包（PyInstaller，几分钟）…" >&2
    python3 -m PyInstaller "$ROOT/build.spec" --noconfirm --distpath "$OUT" \
        --workpath "$ROOT/build/pyinstaller" >&2
    BUNDLE="$OUT/qingfeng"
fi
for exe in qingfeng qingfeng-cli; do
    [ -x "$BUNDLE/$exe" ] || { echo "程序包中没有 $exe：$BUNDLE" >&2; exit 1; }
done

# app/version.py is the one place the version is written (pyproject.toml reads it from there).
VERSION="$(python3 -c 'import re, sys; print(re.search(r"^VERSION = \"([^\"]+)\"", open(sys.argv[1], encoding="utf-8").read(), re.M)[1])' "$ROOT/app/version.py")"
ARCH="$(dpkg --print-architecture)"

# The package lists from DEVELOPERS.md: the `names` between <!-- deb-depends --> and
# <!-- /deb-depends --> (one list item each; "a | b" is an alternative), same for recommends.
package_list() {
    python3 - "$ROOT/DEVELOPERS.md" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
block = re.search(rf"<!-- deb-{sys.argv[2]} -->(.*?)<!-- /deb-{sys.argv[2]} -->", text, re.S)
if block is None:
    sys.exit(f"DEVELOPERS.md has no deb-{sys.argv[2]} list")
items = [re.findall(r"`([^`]+)`", line) for line in block.group(1).splitlines() if line.lstrip().startswith("- ")]
print(", ".join(" | ".join(names) for names in items if names))
PY
}
DEPENDS="$(package_list depends)"
RECOMMENDS="$(package_list recommends)"
# glibc: the newest GLIBC_ symbol version any file of the bundle asks for (a bundle built on
# glibc 2.28 — UOS 20, Kylin V10, AlmaLinux 8 — asks for 2.28 at most).
GLIBC="$(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 env LC_ALL=C grep -aohE 'GLIBC_2\.[0-9]+' 2>/dev/null | sort -uV | tail -n 1 | cut -d_ -f2)"
DEPENDS="${DEPENDS/libc6/libc6 (>= ${GLIBC:-2.28})}"

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/$PACKAGE-deb.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/root"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications"
cp -a "$BUNDLE" "$PKG$APPDIR"
chmod -R u+rwX,go+rX,go-w "$PKG$APPDIR"

sed "s|@APPDIR@|$APPDIR|g" "$ROOT/installer/linux/qingfeng.sh" > "$PKG/usr/bin/qingfeng"
printf '#!/bin/sh\n# 清风台账 — the command line (init, import, export, backup, restore, check…).\nexec "%s/qingfeng-cli" "$@"\n' \
    "$APPDIR" > "$PKG/usr/bin/qingfeng-cli"
chmod 0755 "$PKG/usr/bin/qingfeng" "$PKG/usr/bin/qingfeng-cli"
sed "s|@LAUNCHER@|/usr/bin/qingfeng|g" "$ROOT/installer/linux/$PACKAGE.desktop" \
    > "$PKG/usr/share/applications/$PACKAGE.desktop"

ICONS="$ROOT/resources/icons"
for png in "$ICONS"/qingfeng-*.png; do
    size="$(basename "$png" .png)"; size="${size#qingfeng-}"
    mkdir -p "$PKG/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$PACKAGE.png"
done
mkdir -p "$PKG/usr/share/icons/hicolor/scalable/apps"
cp "$ICONS/qingfeng.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg"
find "$PKG/usr" -type f ! -path '*/usr/bin/*' -exec chmod 0644 {} +
find "$PKG" -type d -exec chmod 0755 {} +

INSTALLED_SIZE="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
cat > "$PKG/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: Qingfeng Taizhang <qingfeng-taizhang@localhost>
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS
Recommends: $RECOMMENDS
Section: misc
Priority: optional
Homepage: https://localhost/qingfeng-taizhang
Description: 清风台账 — offline ledgers for a bureau's discipline inspection office
 机关纪委的廉政工作台账：廉政风险点、监督检查与问题整改、谈话记录、第一种形态台账、
 婚丧喜庆报备、人员与单位、统计图表与半年/年度报告，Excel 导入导出，Word 文书。
 .
 The program runs offline from /opt/$PACKAGE (its own Python and Qt); the data stays in
 the folder the clerk chooses (a SQLite workspace) or on the office's PostgreSQL server.
EOF

mkdir -p "$OUT"
DEB="$OUT/${PACKAGE}_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Z"$COMPRESSION" -z6 --build "$PKG" "$DEB" >&2
echo "$DEB"
