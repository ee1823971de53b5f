#!/bin/sh
# macOS recipe: build dist/nnplayground.app with PyInstaller (the spec's BUNDLE step) and pack
# it into dist/nnplayground-VERSION-macos-ARCH.dmg with hdiutil. Run on a Mac from the
# repository root; PYTHON: a Python with nnplayground's dependencies and PyInstaller
# (pip install -e '.[package]'). VERSION comes from nnplayground/__init__.py.
# The .app is not signed or notarized: Gatekeeper asks once (right-click > Open).
set -eu

PYTHON=${PYTHON:-python3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

[ "$(uname -s)" = Darwin ] || { echo "build_dmg.sh: runs on macOS only (hdiutil)" >&2; exit 1; }
VERSION=$("$PYTHON" packaging/project_version.py)
ARCH=$(uname -m)
APP=dist/nnplayground.app
DMG=dist/nnplayground-$VERSION-macos-$ARCH.dmg

rm -rf "$APP" dist/nnplayground build/pyinstaller
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/nnplayground.spec
[ -x "$APP/Contents/MacOS/nnplayground" ] || { echo "build_dmg.sh: PyInstaller made no $APP" >&2; exit 1; }

# The bundle must start before it is shipped: the window offscreen, and the version it reports.
"$APP/Contents/MacOS/nnplayground" --version | grep -qx "nnplayground $VERSION"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/nnplayground" --smoke-test

# The disk image: the .app beside a link to /Applications, to drag it onto.
STAGE=build/dmg
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "nnplayground $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
du -sh "$APP" "$DMG"
