package main

import (
	"fmt"
	"html"
	"strings"
)

// writeHTML returns d as an HTML file that Chromium prints one <section>
// per A4 page, with the running header and footer drawn inside each page.
func writeHTML(d *doc) []byte {
	var b strings.Builder
	dir := "ltr"
	if d.RTL {
		dir = "rtl"
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=%q dir=%q>\n<head>\n<meta charset=\"utf-8\">\n", d.Lang, dir)
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(d.Info.Title))
	for _, m := range [][2]string{{"author", d.Info.Author}, {"description", d.Info.Subject}, {"keywords", d.Info.Keywords}} {
		if m[1] != "" {
			fmt.Fprintf(&b, "<meta name=%q content=\"%s\">\n", m[0], html.EscapeString(m[1]))
		}
	}
	b.WriteString(css)
	b.WriteString("</head>\n<body>\n")
	for i, pgx := range d.Pages {
		n := i + 1
		b.WriteString("<section class=\"page\">\n")
		if n > 1 && d.Header != "" {
			fmt.Fprintf(&b, "<div class=\"running-header\">%s</div>\n", html.EscapeString(d.Header))
		}
		b.WriteString("<div class=\"body\">\n")
		blocks := pgx.Blocks
		if pgx.TwoColumn && len(blocks) > 0 && blocks[0].Kind <= kH1 {
			writeHTMLBlock(&b, blocks[0])
			blocks = blocks[1:]
		}
		if pgx.TwoColumn {
			b.WriteString("<div class=\"columns\"><div>\n")
		}
		for _, bl := range blocks {
			if bl.Kind == kColumnBreak {
				b.WriteString("</div><div>\n")
				continue
			}
			writeHTMLBlock(&b, bl)
		}
		if pgx.TwoColumn {
			b.WriteString("</div></div>\n")
		}
		b.WriteString("</div>\n")
		fmt.Fprintf(&b, "<div class=\"running-footer\">%s</div>\n", html.EscapeString(d.footer(n)))
		b.WriteString("</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

func writeHTMLBlock(b *strings.Builder, bl block) {
	e := html.EscapeString
	switch bl.Kind {
	case kTitle:
		fmt.Fprintf(b, "<h1 class=\"cover\">%s</h1>\n", e(bl.Text))
	case kSubtitle:
		fmt.Fprintf(b, "<p class=\"subtitle\">%s</p>\n", e(bl.Text))
	case kH1:
		fmt.Fprintf(b, "<h2>%s</h2>\n", e(bl.Text))
	case kH2:
		fmt.Fprintf(b, "<h3>%s</h3>\n", e(bl.Text))
	case kPara:
		fmt.Fprintf(b, "<p>%s</p>\n", e(bl.Text))
	case kNote:
		fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", e(bl.Text))
	case kBullets, kNumbered:
		tag := "ul"
		if bl.Kind == kNumbered {
			tag = "ol"
		}
		fmt.Fprintf(b, "<%s>\n", tag)
		for _, it := range bl.Items {
			fmt.Fprintf(b, "<li>%s</li>\n", e(it))
		}
		fmt.Fprintf(b, "</%s>\n", tag)
	case kSpace:
		b.WriteString("<div class=\"space\"></div>\n")
	}
}

// css fixes every page to A4; a page whose content is too long grows and
// pushes the document over its expected page count, which make.sh checks.
const css = `<style>
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Liberation Serif", "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.38; color: #111; }
html[lang="ar"] body { font-family: "DejaVu Sans", sans-serif; }
.page { position: relative; box-sizing: border-box; width: 210mm; min-height: 296.5mm; padding: 24mm 20mm 22mm 20mm; page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.running-header { position: absolute; top: 10mm; left: 20mm; right: 20mm; font: 8pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #555; border-bottom: 0.4pt solid #999; padding-bottom: 1.5mm; }
.running-footer { position: absolute; bottom: 9mm; left: 20mm; right: 20mm; text-align: center; font: 8pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #555; border-top: 0.4pt solid #999; padding-top: 1.5mm; }
h1.cover { font: bold 24pt "Liberation Sans", "DejaVu Sans", sans-serif; margin: 30mm 0 6mm; color: #1d3557; }
p.subtitle { font: 13pt "Liberation Sans", "DejaVu Sans", sans-serif; margin: 0 0 4mm; }
h2 { font: bold 14pt "Liberation Sans", "DejaVu Sans", sans-serif; margin: 4mm 0 2mm; color: #1d3557; }
h3 { font: bold 11pt "Liberation Sans", "DejaVu Sans", sans-serif; margin: 3mm 0 1mm; }
p { margin: 0 0 2.5mm; text-align: justify; }
ul, ol { margin: 0 0 2.5mm; padding-inline-start: 6mm; }
li { margin-bottom: 1mm; }
.note { border: 0.6pt solid #8da9c4; background: #eef3f8; padding: 2mm 3mm; font-size: 9.5pt; }
.columns { display: flex; gap: 8mm; }
.columns > div { flex: 1; }
.space { height: 8mm; }
</style>
`
