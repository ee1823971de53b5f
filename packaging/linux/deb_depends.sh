#!/bin/sh
# Print the .deb's Depends line for the bundle in $1: the Debian packages of every shared
# library its binaries load from the system (what PyInstaller leaves out: libc, libGL,
# fontconfig, ...), as found on the build machine, libc6 at least the build's version.
# A library missing on the build machine is an error, unless KNOWN below says which package
# has it: Qt's Wayland plugins need libraries that a machine without Wayland lacks.
set -eu
BUNDLE=$(cd "$1" && pwd)
INTERNAL=$BUNDLE/_internal
KNOWN="libwayland-client.so.0=libwayland-client0 libwayland-cursor.so.0=libwayland-cursor0 libwayland-egl.so.1=libwayland-egl1"
# The bootloader puts _internal on the library path; Qt's plugins find Qt's libraries by rpath.
export LD_LIBRARY_PATH="$INTERNAL:$INTERNAL/PySide6/Qt/lib"

owner_of() {  # the package that installed file $1; usr-merged systems may record /usr/lib for /lib or the reverse
    for path in "$1" "/usr$1" "${1#/usr}"; do
        found=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
        [ -z "$found" ] || { echo "$found"; return; }
    done
    echo "deb_depends.sh: no Debian package provides $1" >&2
    return 1
}

find "$BUNDLE" -type f \( -name '*.so*' -o -name nnplayground \) -exec ldd {} + 2>/dev/null |
    awk -v bundle="$BUNDLE" '
        /not found/ { print "missing", $1; next }
        $2 == "=>" && $3 ~ /^\// && index($3, bundle) != 1 { print "path", $3 }' | sort -u |
while read -r kind lib; do
    if [ "$kind" = path ]; then
        owner_of "$lib"
    else
        known=$(echo "$KNOWN" | tr ' ' '\n' | sed -n "s/^$lib=//p")
        [ -n "$known" ] || { echo "deb_depends.sh: no system library for $lib" >&2; exit 1; }
        echo "$known"
    fi
done > "${TMPDIR:-/tmp}/deb_depends.$$" || { rm -f "${TMPDIR:-/tmp}/deb_depends.$$"; exit 1; }

sort -u "${TMPDIR:-/tmp}/deb_depends.$$" | awk -v libc="$(dpkg-query -W -f '${Version}' libc6 | sed 's/-.*//')" '
    $0 == "libc6" { $0 = "libc6 (>= " libc ")" }
    { printf "%s%s", (NR > 1 ? ", " : ""), $0 }
    END { print "" }'
rm -f "${TMPDIR:-/tmp}/deb_depends.$$"
