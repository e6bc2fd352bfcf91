#!/usr/bin/env bash
# Fetches the real photographs listed in catalog.tsv (photo = yes) from Debian's wallpaper packages into
# DIR/photos, checks each against its SHA-256, and writes DIR/photos.tsv with a fixed calibration/test
# split. Needs apt (the package lists of bookworm) and about 200 MB; nothing is installed system-wide.
#
#   tests/realphotos/fetch_photos.sh DIR
#
# The split alternates within the photos with and without a horizon, in SHA-256 order, so that both sets
# hold both kinds and the split never depends on the order of the catalog.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
catalog="$here/catalog.tsv"
out=${1:?usage: fetch_photos.sh DIR}
mkdir -p "$out/debs" "$out/extracted" "$out/photos"
out=$(cd "$out" && pwd)

packages=$(awk -F'\t' 'NR > 1 && $6 == "yes" { print $1 }' "$catalog" | sort -u)
for package in $packages; do
    if ! ls "$out/debs/${package}"_*.deb >/dev/null 2>&1; then
        echo "fetch_photos: downloading $package"
        if ! (cd "$out/debs" && apt-get download "$package" >/dev/null 2>&1); then
            # A fresh machine may have no package lists yet.
            [ "$(id -u)" = 0 ] && apt-get update -qq
            (cd "$out/debs" && apt-get download "$package" >/dev/null) ||
                { echo "fetch_photos: apt-get download $package failed (no network or no package lists?)" >&2; exit 1; }
        fi
    fi
    if [ ! -d "$out/extracted/$package" ]; then
        dpkg-deb -x "$(ls "$out/debs/${package}"_*.deb | head -n 1)" "$out/extracted/$package.partial"
        mv "$out/extracted/$package.partial" "$out/extracted/$package"
    fi
done

# name  sha256  horizon  content, in SHA-256 order; a photo whose file differs from the catalog is left out.
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
missing=0
while IFS=$'\t' read -r package path width height sha photo horizon content licence; do
    [ "$photo" = yes ] || continue
    source="$out/extracted/$package/$path"
    name="${package}__$(echo "$path" | tr '/' '_')"
    if [ ! -f "$source" ] || [ "$(sha256sum "$source" | cut -d' ' -f1)" != "$sha" ]; then
        echo "fetch_photos: $package:$path is missing or differs from catalog.tsv's SHA-256; left out" >&2
        missing=$((missing + 1))
        continue
    fi
    cp -f "$source" "$out/photos/$name"
    printf '%s\t%s\t%s\t%s\n' "$name" "$sha" "$horizon" "$content" >>"$listing"
done < <(tail -n +2 "$catalog")

{
    printf 'file\tsplit\thorizon\tcontent\n'
    for kind in yes no; do
        awk -F'\t' -v kind="$kind" '$3 == kind' "$listing" | sort -t$'\t' -k2,2 |
            awk -F'\t' '{ printf "photos/%s\t%s\t%s\t%s\n", $1, (NR % 2 ? "calibration" : "test"), $3, $4 }'
    done
} >"$out/photos.tsv"
echo "fetch_photos: $(($(wc -l <"$out/photos.tsv") - 1)) photos in $out/photos.tsv ($missing left out)"
