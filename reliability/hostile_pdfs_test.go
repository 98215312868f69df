package reliability

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// hostileSizes are the sizes of the generated PDFs: full in -long, a tenth
// (a quarter for the bomb) otherwise.
type hostileSizes struct {
	bombBytes         int64 // inflated size of the Flate bomb
	treeNodes         int   // nodes of the page tree
	textPages         int   // pages with text
	operators         int   // operators in one content stream
	nesting           int   // depth of nested arrays
	indexerLimitBytes int64 // the indexer's own peak RSS must stay below this
}

func sizes() hostileSizes {
	if *long {
		return hostileSizes{4 << 30, 1_000_000, 100_000, 3_000_000, 1_000_000, 512 << 20}
	}
	return hostileSizes{1 << 30, 100_000, 10_000, 300_000, 100_000, 512 << 20}
}

// bombStream returns a zlib stream that inflates to n zero bytes (n a
// multiple of 1 MiB), built from one compressed block repeated, so that a
// 4 GiB bomb takes milliseconds to make.
func bombStream(t *testing.T, n int64) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zeros := make([]byte, 1<<20)
	var blocks [][]byte
	for range 3 {
		start := b.Len()
		zw.Write(zeros)
		zw.Flush()
		blocks = append(blocks, append([]byte(nil), b.Bytes()[start:]...))
	}
	if !bytes.Equal(blocks[1], blocks[2]) {
		t.Fatal("compressed blocks of zeros differ; cannot build the bomb by repetition")
	}
	var out bytes.Buffer
	out.Write(blocks[0]) // with the zlib header
	for i := int64(1); i < n>>20; i++ {
		out.Write(blocks[1])
	}
	out.Write([]byte{0x03, 0x00}) // empty final block
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], uint32(n%65521)<<16|1) // Adler-32 of n zeros
	out.Write(sum[:])
	return out.Bytes()
}

// Check the bomb builder on a small bomb.
func TestBombStream(t *testing.T) {
	zr, err := zlib.NewReader(bytes.NewReader(bombStream(t, 8<<20)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil || n != 8<<20 {
		t.Fatalf("bomb of 8 MiB inflates to %d bytes, %v", n, err)
	}
}

const helvetica = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"

func contentStream(p *pdfWriter, s string) int {
	return p.stream("", int64(len(s)), func(w io.Writer) int64 {
		n, _ := io.WriteString(w, s)
		return int64(n)
	})
}

// writeHostilePDFs writes the pathological PDFs into dir and returns
// their names.
func writeHostilePDFs(t *testing.T, dir string, sz hostileSizes) []string {
	t.Helper()
	onePage := func(name string, contents func(p *pdfWriter) int, extra string) {
		writePDF(t, filepath.Join(dir, name), func(p *pdfWriter) {
			p.obj("<</Type/Catalog/Pages 2 0 R" + extra + ">>")
			p.obj("<</Type/Pages/Kids[3 0 R]/Count 1>>")
			p.obj("<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>")
			p.obj(helvetica)
			contents(p)
			p.finish()
		})
	}
	bomb := bombStream(t, sz.bombBytes)
	onePage("bomb-content.pdf", func(p *pdfWriter) int {
		return p.stream("/Filter/FlateDecode", int64(len(bomb)), func(w io.Writer) int64 {
			n, _ := w.Write(bomb)
			return int64(n)
		})
	}, "")
	onePage("bomb-metadata.pdf", func(p *pdfWriter) int {
		contentStream(p, "BT /F1 12 Tf 72 720 Td (metadata bomb) Tj ET")
		return p.stream("/Type/Metadata/Subtype/XML/Filter/FlateDecode", int64(len(bomb)), func(w io.Writer) int64 {
			n, _ := w.Write(bomb)
			return int64(n)
		})
	}, "/Metadata 6 0 R")

	writePDF(t, filepath.Join(dir, "page-tree-cycle.pdf"), func(p *pdfWriter) {
		p.obj("<</Type/Catalog/Pages 2 0 R>>")
		p.obj("<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>")
		p.obj("<</Type/Pages/Parent 2 0 R/Kids[2 0 R 3 0 R]/Count 1>>")
		p.obj("<</Type/Page/Parent 4 0 R/Contents 5 0 R/Resources<</Font<</F1 6 0 R>>>>>>")
		contentStream(p, "BT /F1 12 Tf 72 720 Td (cycle) Tj ET")
		p.obj(helvetica)
		p.finish()
	})

	tree := func(name string, leaves int, withText bool) {
		writePDF(t, filepath.Join(dir, name), func(p *pdfWriter) {
			fan := 1
			for fan*fan < leaves {
				fan++
			}
			mids := (leaves + fan - 1) / fan
			p.obj("<</Type/Catalog/Pages 2 0 R>>")
			var kids strings.Builder
			for i := range mids {
				fmt.Fprintf(&kids, "%d 0 R ", 5+i)
			}
			p.obj(fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", kids.String(), leaves))
			p.obj(helvetica)
			contentStream(p, "BT /F1 12 Tf 72 720 Td (a page among very many) Tj ET")
			first := 5 + mids
			for i := range mids {
				kids.Reset()
				n := min(fan, leaves-i*fan)
				for j := range n {
					fmt.Fprintf(&kids, "%d 0 R ", first+i*fan+j)
				}
				p.obj(fmt.Sprintf("<</Type/Pages/Parent 2 0 R/Kids[%s]/Count %d>>", kids.String(), n))
			}
			page := "<</Type/Page/Parent %d 0 R/MediaBox[0 0 612 792]>>"
			if withText {
				page = "<</Type/Page/Parent %d 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 3 0 R>>>>/Contents 4 0 R>>"
			}
			for i := range leaves {
				p.obj(fmt.Sprintf(page, 5+i/fan))
			}
			p.finish()
		})
	}
	tree("page-tree-huge.pdf", sz.treeNodes, false)
	tree("many-text-pages.pdf", sz.textPages, true)

	onePage("many-operators.pdf", func(p *pdfWriter) int {
		var b strings.Builder
		b.WriteString("BT /F1 12 Tf 72 720 Td (operators) Tj ET\n")
		for range sz.operators / 3 {
			b.WriteString("q 1 0 0 1 1 1 cm Q\n")
		}
		return contentStream(p, b.String())
	}, "")
	nested := strings.Repeat("[", sz.nesting) + strings.Repeat("]", sz.nesting)
	onePage("nested-arrays-content.pdf", func(p *pdfWriter) int {
		return contentStream(p, "BT /F1 12 Tf 72 720 Td (nested) Tj "+nested+" TJ ET")
	}, "")
	onePage("nested-arrays-object.pdf", func(p *pdfWriter) int {
		return contentStream(p, "BT /F1 12 Tf 72 720 Td (nested) Tj ET")
	}, "/Junk "+nested)
	onePage("nested-dicts-object.pdf", func(p *pdfWriter) int {
		return contentStream(p, "BT /F1 12 Tf 72 720 Td (nested) Tj ET")
	}, "/Junk "+strings.Repeat("<</A ", sz.nesting/10)+"1"+strings.Repeat(">>", sz.nesting/10))
	names, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

// The indexer runs through pathological PDFs (decompression bombs, a
// page-tree cycle, a huge page tree, very many pages and operators, deep
// nesting) and every file of the shared corpus's wild/ folder: it exits
// 0, reports every file with an outcome (and a reason unless indexed),
// and its own memory stays bounded while the workers take the blows.
func TestHostilePDFs(t *testing.T) {
	sz := sizes()
	lib := filepath.Join(t.TempDir(), "library")
	hostile := filepath.Join(lib, "hostile")
	must(t, os.MkdirAll(hostile, 0o755))
	t0 := time.Now()
	names := writeHostilePDFs(t, hostile, sz)
	t.Logf("generated %d hostile PDFs in %v", len(names), time.Since(t0))
	want := map[string]bool{}
	for _, n := range names {
		want["hostile/"+n] = true
	}
	if haveCorpus() {
		wild := filepath.Join(sharedCorpus, "wild")
		filepath.WalkDir(wild, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".pdf") {
				rel, _ := filepath.Rel(wild, p)
				target := filepath.Join(lib, "wild", rel)
				os.MkdirAll(filepath.Dir(target), 0o755)
				b, _ := os.ReadFile(p)
				os.WriteFile(target, b, 0o644)
				want[filepath.ToSlash(filepath.Join("wild", rel))] = true
			}
			return nil
		})
	} else {
		t.Log("no shared corpus: generated PDFs only")
	}

	index := t.TempDir()
	rep := filepath.Join(t.TempDir(), "report.json")
	const workerMem = 1 << 30
	cmd := exec.Command(bin, "index", "-library", lib, "-index", index, "-report", rep, "-quiet",
		"-timeout", "20s", "-maxmem", fmt.Sprint(workerMem), "-workers", "2")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	t0 = time.Now()
	must(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var indexerPeak, workerPeak int64
	var workers []int
	tick := time.NewTicker(25 * time.Millisecond)
	var err error
poll:
	for {
		select {
		case err = <-done:
			break poll
		case <-tick.C:
			indexerPeak = max(indexerPeak, vmHWM(cmd.Process.Pid))
			for _, w := range children(cmd.Process.Pid) {
				if !slices.Contains(workers, w) {
					workers = append(workers, w)
				}
				workerPeak = max(workerPeak, vmHWM(w))
			}
		}
	}
	tick.Stop()
	took := time.Since(t0)
	if err != nil {
		t.Fatalf("handbooks index: %v\n%s", err, lastLines(stderr.String(), 30))
	}
	b, rerr := os.ReadFile(rep)
	must(t, rerr)
	var r report
	must(t, jsonUnmarshal(b, &r))
	outcomes := map[string]int{}
	seen := map[string]bool{}
	var hostileOut []string
	for _, f := range r.Files {
		seen[f.Path] = true
		outcomes[f.Outcome]++
		if f.Outcome == "" {
			t.Errorf("%s: no outcome", f.Path)
		}
		if f.Outcome != "indexed" && f.Outcome != "uncatalogued" && f.Reason == "" {
			t.Errorf("%s: outcome %s without a reason", f.Path, f.Outcome)
		}
		if strings.HasPrefix(f.Path, "hostile/") {
			hostileOut = append(hostileOut, fmt.Sprintf("%s: %s (%d pages) %s", f.Path, f.Outcome, f.Pages, oneLine(f.Reason, 90)))
		}
	}
	for p := range want {
		if !seen[p] {
			t.Errorf("%s is not in the report", p)
		}
	}
	if indexerPeak > sz.indexerLimitBytes {
		t.Errorf("the indexer's peak RSS was %d MiB (limit %d MiB)", indexerPeak>>20, sz.indexerLimitBytes>>20)
	}
	for _, l := range hostileOut {
		t.Log(l)
	}
	figure(t, "hostile PDFs: %d generated (bomb %d MiB inflated, tree %d nodes, %d text pages, %d operators, nesting %d) + %d wild files: exit 0 in %.0fs, %d files reported %v; indexer peak RSS (VmHWM) %d MiB, highest worker peak %d MiB (cap %d MiB), %d workers started",
		len(names), sz.bombBytes>>20, sz.treeNodes, sz.textPages, sz.operators, sz.nesting, len(want)-len(names), took.Seconds(), len(r.Files), outcomes,
		indexerPeak>>20, workerPeak>>20, workerMem>>20, len(workers))
	for _, l := range hostileOut {
		figure(t, "  %s", l)
	}
}
