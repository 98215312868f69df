#!/bin/sh
# Rebuilds the sample library in testdata/library from cmd/samplelib.
#
#   sh testdata/library/make.sh
#
# Needs Go, chromium, ghostscript (ps2pdf, gs), qpdf, perl and poppler-utils
# (pdfinfo, pdftotext), and the DejaVu fonts (Debian: fonts-dejavu-core).
# Every file is rebuilt byte for byte the same, except the AES-256 encrypted
# file, which is only rewritten when its content changes (its salts are random).
set -eu

cd "$(dirname "$0")/../.."
OUT=testdata/library
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC SOURCE_DATE_EPOCH=1136073600

# 1. fpdf documents, catalog.csv, sidecars, and the sources for the steps below.
nice go run ./cmd/samplelib -out "$OUT" -work "$WORK"

# fixid FILE: replace the random document ID that Chromium or Ghostscript
# writes with one derived from the file name, of the same length, so byte
# offsets stay valid.
fixid() {
	id=$(printf '%s' "$1" | md5sum | cut -c1-32 | tr a-f A-F)
	perl -0777 -pi -e "s/\/ID ?\[ ?<[0-9A-Fa-f]{32}> ?<[0-9A-Fa-f]{32}> ?\]/\/ID [<$id><$id>]/g;" "$1"
}

# 2. Chromium: print each HTML file; then pin the dates Chromium takes from the clock.
if [ -d "$WORK/html" ]; then
	find "$WORK/html" -name '*.html' | sort | while read -r src; do
		rel=${src#"$WORK/html/"}
		rel=${rel%.html}.pdf
		mkdir -p "$(dirname "$OUT/$rel")"
		nice chromium --headless --no-sandbox --disable-gpu --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$WORK/chromium-profile" --no-pdf-header-footer \
			--print-to-pdf="$OUT/$rel" "file://$src" 2>/dev/null
		d=$(cat "${src%.html}.date")
		perl -0777 -pi -e "s/D:\d{14}\+00'00'/$d/g" "$OUT/$rel"
		fixid "$OUT/$rel"
	done
fi

# 3. Ghostscript: PostScript to PDF.
if [ -d "$WORK/ps" ]; then
	find "$WORK/ps" -name '*.ps' | sort | while read -r src; do
		rel=${src#"$WORK/ps/"}
		rel=${rel%.ps}.pdf
		mkdir -p "$(dirname "$OUT/$rel")"
		nice ps2pdf -dPDFSETTINGS=/default "$src" "$OUT/$rel"
		fixid "$OUT/$rel"
	done
fi

# 4. Scanned pages: render the page as an image-only PDF page with Ghostscript
#    and put it in place of the text page with qpdf.
if [ -d "$WORK/scan" ]; then
	find "$WORK/scan" -name '*.pdf' | sort | while read -r base; do
		rel=${base#"$WORK/scan/"}
		stem=${base%.pdf}
		n=$(cat "$stem.page")
		nice gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfimage8 -r110 -o "$stem.image.pdf" "$stem.ps"
		mkdir -p "$(dirname "$OUT/$rel")"
		qpdf --deterministic-id "$base" --pages "$base" 1-$((n - 1)) "$stem.image.pdf" 1 "$base" $((n + 1))-z -- "$OUT/$rel"
	done
fi

# 5. Encryption with an empty user password (AES-256). The salts are random,
#    so an existing file is kept while the first half of its /ID, which qpdf
#    copies from the plain file and samplelib derives from the content, is unchanged.
docid() { grep -a -o '/ID *\[ *<[0-9A-Fa-f]*>' "$1" | head -n 1 | sed 's/.*<//; s/>//' | tr a-f A-F; }
if [ -d "$WORK/encrypt" ]; then
	find "$WORK/encrypt" -name '*.pdf' | sort | while read -r plain; do
		rel=${plain#"$WORK/encrypt/"}
		dst="$OUT/$rel"
		if [ -f "$dst" ] && [ "$(docid "$dst")" = "$(docid "$plain")" ]; then
			continue
		fi
		mkdir -p "$(dirname "$dst")"
		qpdf --encrypt "" owner 256 -- "$plain" "$dst"
	done
fi

# 6. Check page counts and that each fact phrase is on its page.
fail=0
while IFS='	' read -r what rel a b; do
	f="$OUT/$rel"
	case $what in
	pages)
		got=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
		[ "$got" = "$a" ] || { echo "make.sh: $rel has $got pages, want $a" >&2; fail=1; }
		;;
	text)
		pdftotext -q -f "$a" -l "$a" "$f" - | tr -s ' \n' '  ' | grep -qF -- "$b" ||
			{ echo "make.sh: $rel page $a lacks \"$b\"" >&2; fail=1; }
		;;
	notext)
		[ -z "$(pdftotext -q -f "$a" -l "$a" "$f" - | tr -d ' \n\f')" ] ||
			{ echo "make.sh: $rel page $a has a text layer" >&2; fail=1; }
		;;
	esac
done <"$WORK/expect.tsv"
[ "$fail" = 0 ] || exit 1
du -sh "$OUT"
