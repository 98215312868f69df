package main

import (
	"fmt"
	"strings"
	"time"
)

// producer names the program that writes a document's PDF.
type producer string

const (
	goPDF       producer = "fpdf"        // written directly by this program
	chromium    producer = "chromium"    // HTML written here, printed by headless Chromium
	ghostscript producer = "ghostscript" // PostScript written here, converted by ps2pdf
)

// A doc is one PDF of the sample library: its text page by page, how it is
// produced, its catalog row and the facts that search tests rely on.
type doc struct {
	File     string // slash-separated path relative to the library root
	Producer producer
	Font     string // fpdf only: "core" (Helvetica, cp1252) or "dejavu" (embedded TrueType)
	Lang     string // BCP 47 language of the text
	RTL      bool   // right-to-left script
	Info     info
	Header   string // running header, on every page but the first
	Footer   string // running footer, followed by the page label
	// FrontMatter is the number of leading pages labelled i, ii, iii, ...;
	// page FrontMatter+1 is labelled 1.
	FrontMatter int
	Pages       []page

	Row     *row           // nil: the file has no catalog row
	Sidecar map[string]any // written to NAME.json beside the PDF when not nil

	ScanPage int  // physical page replaced by an image of itself (no text layer)
	Encrypt  bool // encrypted with an empty user password
	Truncate bool // cut to half its length after writing
	Special  string

	Facts []fact
}

// info is the PDF Info dictionary.
type info struct {
	Title, Author, Subject, Keywords string
	Date                             time.Time
}

// A fact is a phrase that occurs on one physical page, for search tests.
type fact struct {
	Page   int
	Phrase string // occurs in the extracted text of the page
	Note   string // what a test may assert, for the README
}

type page struct {
	TwoColumn bool // blocks after a leading heading are laid out in two columns
	Blocks    []block
}

type kind int

const (
	kTitle kind = iota // cover title
	kSubtitle
	kH1
	kH2
	kPara
	kBullets
	kNumbered
	kNote // boxed paragraph
	kColumnBreak
	kSpace
)

type block struct {
	Kind  kind
	Text  string
	Items []string
}

func title(s string) block        { return block{Kind: kTitle, Text: s} }
func subtitle(s string) block     { return block{Kind: kSubtitle, Text: s} }
func h1(s string) block           { return block{Kind: kH1, Text: s} }
func h2(s string) block           { return block{Kind: kH2, Text: s} }
func p(s string) block            { return block{Kind: kPara, Text: s} }
func note(s string) block         { return block{Kind: kNote, Text: s} }
func ul(items ...string) block    { return block{Kind: kBullets, Items: items} }
func ol(items ...string) block    { return block{Kind: kNumbered, Items: items} }
func colBreak() block             { return block{Kind: kColumnBreak} }
func space() block                { return block{Kind: kSpace} }
func pg(blocks ...block) page     { return page{Blocks: blocks} }
func twoCol(blocks ...block) page { return page{TwoColumn: true, Blocks: blocks} }

// label is the printed label of physical page n (from 1).
func (d *doc) label(n int) string {
	if n <= d.FrontMatter {
		return roman(n)
	}
	return fmt.Sprint(n - d.FrontMatter)
}

// footer is the running footer of physical page n.
func (d *doc) footer(n int) string {
	if d.Footer == "" {
		return d.label(n)
	}
	return d.Footer + " | " + d.label(n)
}

func roman(n int) string {
	vals := []int{10, 9, 5, 4, 1}
	syms := []string{"x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// pageText is the text of physical page n as written, for checking facts.
func (d *doc) pageText(n int) string {
	var b strings.Builder
	for _, bl := range d.Pages[n-1].Blocks {
		b.WriteString(bl.Text)
		b.WriteString(" ")
		for _, it := range bl.Items {
			b.WriteString(it)
			b.WriteString(" ")
		}
	}
	return b.String()
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
}
