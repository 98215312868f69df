package pdftext

import (
	"bytes"
	"testing"

	"github.com/ledongthuc/pdf"
)

// FuzzRepair checks that repair never panics and that whatever it returns
// opens in the PDF library with a page tree that can be walked.
func FuzzRepair(f *testing.F) {
	f.Add(fixtureOnePage(fixtureContent("Victim support")).bytes())
	f.Add(fixtureTree("<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 5 >>", "null"))
	f.Add(encryptedPDF(fixtureEncryption{v: 4, r: 4, bits: 128, cfm: "AESV2", owner: "owner"}))
	f.Add(encryptedPDF(fixtureEncryption{v: 5, r: 6, bits: 256, cfm: "AESV3", owner: "owner"}))
	lzw := lzwEncode([]byte("BT /F1 12 Tf (x) Tj ET"), true)
	f.Add(fixtureOnePage(fixtureObj{body: "<< /Length 1 /Filter /LZWDecode >>", stream: lzw}).bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := repair(data)
		if err != nil {
			return
		}
		r, err := pdf.NewReader(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatalf("repaired copy does not open: %v", err)
		}
		n := r.NumPage()
		if n <= 0 || n > maxRepairPages {
			t.Fatalf("%d pages", n)
		}
		for i := 1; i <= n && i <= 50; i++ {
			if r.Page(i).V.IsNull() {
				t.Fatalf("page %d of %d missing", i, n)
			}
		}
	})
}
