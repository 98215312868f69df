package pdftext

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// densePage is a page of 60 lines of justified text set with TJ.
func densePage() []byte {
	var b strings.Builder
	b.WriteString("BT /F1 9 Tf 11 TL 56 780 Td\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, "[(Victims of traf) 20 (ficking are identified by) -250 (first responders) -120 (in line %d of the page.)] TJ T*\n", i)
	}
	b.WriteString("ET")
	return pagesPDF("", b.String()).bytes()
}

// BenchmarkExtractPage measures one dense page: interpretation and layout.
func BenchmarkExtractPage(b *testing.B) {
	data := densePage()
	r := openBytes(b, data)
	b.ReportAllocs()
	for b.Loop() {
		res := extractReader(context.Background(), r)
		if res.Outcome != OutcomeOK {
			b.Fatal(res.Reason)
		}
	}
}

// BenchmarkDomainPage extracts a real guidance document, per page.
func BenchmarkDomainPage(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "domain", "ukho_first-responder-guide*.pdf"))
	if len(files) == 0 {
		b.Skip("corpus absent")
	}
	pages := 0
	b.ReportAllocs()
	for b.Loop() {
		pages += len(Extract(context.Background(), files[0]).Pages)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(max(pages, 1)), "ns/page")
}
