package indexer

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbooks/indexer/pdftext"
	"handbooks/internal/scanpdf"
)

// The test binary plays three parts: the tests themselves; an extraction
// worker, started by Run through InitWorker as the real program's are
// (with evilEnv set, a misbehaving one); and the indexing command (roleEnv
// "index"), for the tests that kill it.
const (
	roleEnv = "HANDBOOKS_TEST_ROLE"
	evilEnv = "HANDBOOKS_TEST_EVIL"
)

func TestMain(m *testing.M) {
	if os.Getenv(evilEnv) != "" {
		extractFile = evilExtract
	}
	InitWorker()
	if os.Getenv(roleEnv) == "index" {
		os.Exit(indexMain(os.Args[1:]))
	}
	flag.Parse()
	os.Exit(m.Run())
}

// indexMain is a minimal "handbooks index" for the kill tests.
func indexMain(args []string) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	lib := fs.String("library", "", "")
	idx := fs.String("index", "", "")
	full := fs.Bool("full", false, "")
	if fs.Parse(args) != nil {
		return 2
	}
	_, err := Run(context.Background(), Config{Library: *lib, Index: *idx, Full: *full, Workers: 2,
		Timeout: 20 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// evilExtract misbehaves as the file's name says, to test isolation.
func evilExtract(ctx context.Context, path string) *pdftext.Result {
	name := filepath.Base(path)
	switch {
	case strings.Contains(name, "hang"):
		for {
			time.Sleep(time.Hour) // never honours ctx
		}
	case strings.Contains(name, "crash"):
		done := make(chan bool)
		go func() { panic("evil parser") }() // not recoverable: another goroutine
		<-done
	case strings.Contains(name, "oom"):
		var keep [][]byte
		for {
			b := make([]byte, 256<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1 // touch every page
			}
			keep = append(keep, b)
		}
	case strings.Contains(name, "huge"):
		return &pdftext.Result{Outcome: pdftext.OutcomeOK, Pages: []pdftext.Page{{Number: 1, Label: "1", Text: strings.Repeat("word ", 1<<20)}}}
	case strings.Contains(name, "print"):
		fmt.Println("garbage on stdout")
	}
	return pdftext.Extract(ctx, path)
}

// pdfBytes makes a small valid PDF with one page per text, in Helvetica.
func pdfBytes(title string, pages ...string) []byte {
	var objs []string
	n := len(pages)
	// 1: catalog, 2: pages, 3: font, 4: info, then page and content pairs.
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Title (%s) /Producer (indexer test) >>", title))
	for i, text := range pages {
		var content strings.Builder
		content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
		for _, line := range strings.Split(text, "\n") {
			esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(line)
			fmt.Fprintf(&content, "(%s) '\n", esc)
		}
		content.WriteString("ET")
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 6+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
	}
	return scanpdf.Objects(objs, "/Info 4 0 R")
}

// writeFiles creates files below dir from a map of slash paths to contents.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func pdftextInfo(title, heading string) pdftext.Info {
	return pdftext.Info{Title: title, Heading: heading}
}
