#!/bin/sh
# Build the Linux artifacts from the repository root (what `make package` runs before check.py):
#   dist/nnplayground/                              the PyInstaller one-folder bundle
#   dist/nnplayground-VERSION-linux-ARCH.tar.gz     that folder, as nnplayground-VERSION/
#   dist/nnplayground_VERSION_DEBARCH.deb           the bundle in /opt/nnplayground, a launcher
#                                                   /usr/bin/nnplayground, a desktop entry and icons
# PYTHON: the Python that has nnplayground's dependencies and PyInstaller (default: .venv/bin/python).
# DEB_MAINTAINER: the .deb's Maintainer field, "Name <email>" (default: a placeholder).
# VERSION comes from nnplayground/__init__.py (packaging/project_version.py), never from here.
set -eu

PYTHON=${PYTHON:-.venv/bin/python}
MAINTAINER=${DEB_MAINTAINER:-nnplayground developers <nnplayground@localhost>}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

fail() { echo "build_linux.sh: $*" >&2; exit 1; }

[ -x "$PYTHON" ] || command -v "$PYTHON" >/dev/null || fail "no Python at $PYTHON (set PYTHON=...)"
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 ||
    fail "PyInstaller is not installed for $PYTHON: pip install -e '.[package]'"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is needed to build the .deb"

VERSION=$("$PYTHON" packaging/project_version.py)
ARCH=$(uname -m)
DEB_ARCH=$(dpkg --print-architecture)
DIST=dist
BUNDLE=$DIST/nnplayground
ICONS=resources/icons

echo "== PyInstaller bundle $VERSION"
rm -rf "$BUNDLE" build/pyinstaller
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath build/pyinstaller \
    packaging/nnplayground.spec
[ -x "$BUNDLE/nnplayground" ] || fail "PyInstaller made no $BUNDLE/nnplayground"

echo "== .tar.gz"
TARBALL=$DIST/nnplayground-$VERSION-linux-$ARCH.tar.gz
tar -C "$DIST" --owner=0 --group=0 --transform "s,^nnplayground,nnplayground-$VERSION," -czf "$TARBALL" nnplayground

echo "== .deb"
STAGE=build/deb/nnplayground_$VERSION
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/doc/nnplayground" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/nnplayground"
# A relative link: the bootloader follows it to /opt/nnplayground, and it also works
# in a folder the package was unpacked into (check.py runs it there).
ln -s ../../opt/nnplayground/nnplayground "$STAGE/usr/bin/nnplayground"
cp packaging/linux/nnplayground.desktop "$STAGE/usr/share/applications/"
cp packaging/linux/copyright "$STAGE/usr/share/doc/nnplayground/"
cp "$ICONS/nnplayground.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/"
for size in $("$PYTHON" packaging/make_icons.py --sizes); do
    mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x$size/apps"
    cp "$ICONS/nnplayground-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x$size/apps/nnplayground.png"
done
DEPENDS=$(sh packaging/linux/deb_depends.sh "$STAGE/opt/nnplayground")
INSTALLED_KB=$(du -sk "$STAGE" --exclude=DEBIAN | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: nnplayground
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: $MAINTAINER
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: fonts-noto-cjk | fonts-droid-fallback | fonts-wqy-microhei
Section: science
Priority: optional
Description: desktop lab for building small neural networks and watching them learn
 Build a small neural network, train it and watch it learn: decision
 boundaries, losses and gradients update live. Includes the command line
 (nnplayground run, sweep, presets) and the compiled training engine.
EOF
DEB=$DIST/nnplayground_${VERSION}_$DEB_ARCH.deb
# gzip: every dpkg reads it (zstd only from Debian 12 / Ubuntu 21.10), and it takes seconds
# where xz took minutes on this 380 MB tree (xz -1: 19% smaller, 4x slower; xz -6: far slower).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$DEB" >/dev/null

echo "built:"
du -sh "$BUNDLE" "$TARBALL" "$DEB"
