#!/bin/sh
# 清风台账 — starts the window installed in @APPDIR@ (installer/build-deb.sh writes this file
# as /usr/bin/qingfeng, with @APPDIR@ replaced by the folder the program is in).
#
# Chinese input: the program bundles its own Qt (6.8), so the input-method plugin of the
# system's Qt cannot load into it. On 统信 UOS and 麒麟 Kylin the desktop usually runs fcitx5 and
# says so with QT_IM_MODULE=fcitx, which this Qt does not have: then the program talks to fcitx5
# through the ibus protocol (fcitx5's ibus front end) over the D-Bus session bus — the
# IBus portal, since the ibus daemon itself is not installed (Qt's ibus plugin needs either).
# A fcitx5 Qt 6 plugin built for this Qt, copied into the bundle's platforminputcontexts
# folder, is used instead when present. The display platform (QT_QPA_PLATFORM) is left to Qt.
APPDIR="@APPDIR@"
PROGRAM="$APPDIR/qingfeng"
PLUGINS="$APPDIR/_internal/PySide6/Qt/plugins/platforminputcontexts"

uses_fcitx=no
case "${QT_IM_MODULE:-}:${XMODIFIERS:-}:${GTK_IM_MODULE:-}:${INPUT_METHOD:-}" in
    *fcitx*) uses_fcitx=yes ;;
esac
if [ "$uses_fcitx" = no ] && [ -z "${QT_IM_MODULE:-}" ] && command -v pgrep >/dev/null 2>&1 \
        && pgrep -u "$(id -u)" -x fcitx5 >/dev/null 2>&1; then
    uses_fcitx=yes  # fcitx5 runs, nobody said so
fi

if [ "$uses_fcitx" = yes ]; then
    if [ -e "$PLUGINS/libfcitx5platforminputcontextplugin.so" ]; then
        QT_IM_MODULE=fcitx
    else
        QT_IM_MODULE=ibus
        IBUS_USE_PORTAL=1
        export IBUS_USE_PORTAL
    fi
    export QT_IM_MODULE
elif [ "${QT_IM_MODULE:-}" = ibus ] && ! command -v ibus-daemon >/dev/null 2>&1; then
    IBUS_USE_PORTAL=1  # an ibus-speaking input method without ibus itself
    export IBUS_USE_PORTAL
fi

exec "$PROGRAM" "$@"
