package pdftext

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// readInfo reads the Info dictionary, the catalog's /Lang and, where the
// Info dictionary lacks them, the XMP metadata.
func readInfo(r *pdf.Reader) Info {
	tr := r.Trailer()
	d := tr.Key("Info")
	var in Info
	in.Title = cleanMeta(d.Key("Title").Text())
	in.Author = cleanMeta(d.Key("Author").Text())
	in.Subject = cleanMeta(d.Key("Subject").Text())
	in.Keywords = cleanMeta(d.Key("Keywords").Text())
	in.Creator = cleanMeta(d.Key("Creator").Text())
	in.Producer = cleanMeta(d.Key("Producer").Text())
	in.Year = pdfDateYear(d.Key("CreationDate").Text())
	in.Encrypted = !tr.Key("Encrypt").IsNull() || tr.Key("Decrypted").Bool()
	root := tr.Key("Root")
	in.Language = cleanMeta(root.Key("Lang").Text())
	if in.Language == "" || in.Year == 0 || in.Title == "" {
		xmp := string(readStream(root.Key("Metadata"), 1<<20))
		if in.Language == "" {
			in.Language = xmpValue(xmp, reLang)
		}
		if in.Year == 0 {
			if m := reCreate.FindStringSubmatch(xmp); m != nil {
				in.Year, _ = strconv.Atoi(m[1] + m[2])
			}
		}
		if in.Title == "" {
			in.Title = xmpValue(xmp, reTitle)
		}
	}
	return in
}

var (
	reLang   = regexp.MustCompile(`(?s)<dc:language>.*?<rdf:li[^>]*>([^<]+)</rdf:li>`)
	reTitle  = regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>`)
	reCreate = regexp.MustCompile(`<xmp:CreateDate>(\d{4})|xmp:CreateDate="(\d{4})`)
)

func xmpValue(xmp string, re *regexp.Regexp) string {
	if m := re.FindStringSubmatch(xmp); m != nil {
		return cleanMeta(m[1])
	}
	return ""
}

func cleanMeta(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0xfffd || r == 0xfeff {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// pdfDateYear reads the year of a PDF date ("D:20190429...").
func pdfDateYear(s string) int {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1970 || y > 2100 {
		return 0
	}
	return y
}
