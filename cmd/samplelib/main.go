// Command samplelib writes the bundled sample library: the handbook PDFs that
// it can produce itself (with fpdf), the HTML and PostScript sources of the
// others, catalog.csv, sidecar files and the checks to run on the result.
//
// Usage:
//
//	samplelib [-out DIR] [-work DIR] [-fonts DIR] [-table]
//
// -out is the library folder (default testdata/library). -work receives the
// sources for Chromium, Ghostscript and qpdf, laid out as make.sh expects
// (html/, ps/, scan/, encrypt/, expect.tsv); without it those steps are
// skipped. -fonts is the folder holding DejaVuSans.ttf. -table prints the
// tables of testdata/library/README.md instead of writing anything.
//
// Run testdata/library/make.sh to rebuild the whole library.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Main is the program: flags, then Run.
type Main struct {
	Out, Work, Fonts string
	Table            bool
	Stdout           io.Writer
}

// ParseFlags reads the command line into m.
func (m *Main) ParseFlags(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("samplelib", flag.ContinueOnError)
	fs.StringVar(&m.Out, "out", "testdata/library", "library `folder` to write")
	fs.StringVar(&m.Work, "work", "", "`folder` for the Chromium, Ghostscript and qpdf sources")
	fs.StringVar(&m.Fonts, "fonts", "/usr/share/fonts/truetype/dejavu", "`folder` holding DejaVuSans.ttf")
	fs.BoolVar(&m.Table, "table", false, "print the README tables and exit")
	return fs.Parse(args)
}

// Run writes the library.
func (m *Main) Run(ctx context.Context) error {
	docs := library()
	for _, d := range docs {
		if err := checkFacts(d); err != nil {
			return err
		}
	}
	if m.Table {
		_, err := io.WriteString(m.Stdout, readmeTables(docs))
		return err
	}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := m.produce(d); err != nil {
			return err
		}
	}
	cat, err := catalogCSV(docs)
	if err != nil {
		return err
	}
	if err := write(filepath.Join(m.Out, "catalog.csv"), cat); err != nil {
		return err
	}
	if m.Work != "" {
		return write(filepath.Join(m.Work, "expect.tsv"), expectations(docs))
	}
	return nil
}

// produce writes d's PDF, or the sources the later steps turn into it.
func (m *Main) produce(d *doc) error {
	if d.Sidecar != nil {
		b, err := sidecarJSON(d)
		if err != nil {
			return err
		}
		if err := write(filepath.Join(m.Out, d.File[:len(d.File)-len(".pdf")]+".json"), b); err != nil {
			return err
		}
	}
	if (d.ScanPage > 0 || d.Encrypt) && d.Producer != goPDF {
		return fmt.Errorf("%s: only fpdf documents get a scanned page or encryption", d.File)
	}
	switch d.Producer {
	case chromium:
		if m.Work == "" {
			return nil
		}
		stem := filepath.Join(m.Work, "html", d.File[:len(d.File)-len(".pdf")])
		if err := write(stem+".date", []byte(d.Info.Date.Format("D:20060102150405+00'00'"))); err != nil {
			return err
		}
		return write(stem+".html", writeHTML(d))
	case ghostscript:
		if m.Work == "" {
			return nil
		}
		ps, err := writePostScript(d)
		if err != nil {
			return err
		}
		return write(filepath.Join(m.Work, "ps", d.File[:len(d.File)-len(".pdf")]+".ps"), []byte(ps))
	}
	pdf, err := writeGoPDF(d, m.Fonts)
	if err != nil {
		return err
	}
	switch {
	case d.ScanPage > 0:
		if m.Work == "" {
			return nil
		}
		stem := filepath.Join(m.Work, "scan", d.File[:len(d.File)-len(".pdf")])
		ps, err := writeScanPage(d, d.ScanPage)
		if err != nil {
			return err
		}
		if err := write(stem+".ps", []byte(ps)); err != nil {
			return err
		}
		if err := write(stem+".page", []byte(fmt.Sprint(d.ScanPage))); err != nil {
			return err
		}
		return write(stem+".pdf", pdf)
	case d.Encrypt:
		if m.Work == "" {
			return nil
		}
		return write(filepath.Join(m.Work, "encrypt", d.File), pdf)
	case d.Truncate:
		pdf = pdf[:len(pdf)/2]
	}
	return write(filepath.Join(m.Out, d.File), pdf)
}

func write(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func main() {
	ctx := context.Background()
	m := &Main{Stdout: os.Stdout}
	if err := m.ParseFlags(ctx, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		os.Exit(2)
	}
	if err := m.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "samplelib:", err)
		os.Exit(1)
	}
}
