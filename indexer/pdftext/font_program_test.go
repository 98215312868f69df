package pdftext

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"testing"
)

// Test font programs: just the tables text extraction reads. A renderer
// would refuse them; the extractor must not need more.

func be16(v int) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }

// sfntFont assembles a TrueType program from its tables.
func sfntFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	var b bytes.Buffer
	b.Write([]byte{0, 1, 0, 0})
	b.Write(be16(len(tags)))
	b.Write(make([]byte, 6))
	off := 12 + 16*len(tags)
	var data bytes.Buffer
	for _, tag := range tags {
		b.WriteString(tag)
		b.Write(make([]byte, 4)) // checksum
		b.Write(binary.BigEndian.AppendUint32(nil, uint32(off+data.Len())))
		b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(tables[tag]))))
		data.Write(tables[tag])
		for data.Len()%4 != 0 {
			data.WriteByte(0)
		}
	}
	b.Write(data.Bytes())
	return b.Bytes()
}

// cmapFormat4 builds a format 4 subtable with one segment per pair
// (idDelta mapping) plus the final 0xFFFF segment.
func cmapFormat4(pairs map[int]int) []byte {
	codes := make([]int, 0, len(pairs))
	for c := range pairs {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	seg := len(codes) + 1
	var ends, starts, deltas, ranges bytes.Buffer
	for _, c := range codes {
		ends.Write(be16(c))
		starts.Write(be16(c))
		deltas.Write(be16((pairs[c] - c) & 0xffff))
		ranges.Write(be16(0))
	}
	ends.Write(be16(0xffff))
	starts.Write(be16(0xffff))
	deltas.Write(be16(1))
	ranges.Write(be16(0))
	var t bytes.Buffer
	t.Write(be16(4))
	t.Write(be16(16 + 8*seg))
	t.Write(be16(0))
	t.Write(be16(2 * seg))
	t.Write(make([]byte, 6)) // searchRange, entrySelector, rangeShift
	t.Write(ends.Bytes())
	t.Write(be16(0))
	t.Write(starts.Bytes())
	t.Write(deltas.Bytes())
	t.Write(ranges.Bytes())
	return t.Bytes()
}

// cmapTable wraps subtables keyed by [platform, encoding].
func cmapTable(subs map[[2]int][]byte) []byte {
	keys := make([][2]int, 0, len(subs))
	for k := range subs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]*100+keys[i][1] < keys[j][0]*100+keys[j][1] })
	var head, body bytes.Buffer
	head.Write(be16(0))
	head.Write(be16(len(keys)))
	off := 4 + 8*len(keys)
	for _, k := range keys {
		head.Write(be16(k[0]))
		head.Write(be16(k[1]))
		head.Write(binary.BigEndian.AppendUint32(nil, uint32(off+body.Len())))
		body.Write(subs[k])
	}
	return append(head.Bytes(), body.Bytes()...)
}

// postFormat2 names glyphs 0..len(names)-1 with custom names.
func postFormat2(names []string) []byte {
	var t bytes.Buffer
	t.Write([]byte{0, 2, 0, 0})
	t.Write(make([]byte, 28))
	t.Write(be16(len(names)))
	for i := range names {
		t.Write(be16(258 + i))
	}
	for _, n := range names {
		t.WriteByte(byte(len(n)))
		t.WriteString(n)
	}
	return t.Bytes()
}

// binStream adds a stream object holding data as it is.
func binStream(p *testPDF, dict string, data []byte) int {
	return p.add(stream(dict, string(data)))
}

// onePagePDF puts one content stream on a page with the given resources.
func onePagePDF(p *testPDF, res, content string) []byte {
	s := p.add(stream("", content))
	pg := p.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>", res, s))
	p.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	return p.bytes()
}

func newTestPDF() *testPDF {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("")
	return p
}

func firstPageText(t *testing.T, data []byte) string {
	t.Helper()
	r := extractBytes(t, data)
	if len(r.Pages) != 1 {
		t.Fatalf("pages = %d (%s: %s)", len(r.Pages), r.Outcome, r.Reason)
	}
	return r.Pages[0].Text
}

// CID TrueType fonts with Identity-H and no ToUnicode: codes are CIDs, the
// CIDToGIDMap gives glyphs, and the embedded program's cmap (or its glyph
// names) gives their text.
func TestCIDTrueTypeWithoutToUnicode(t *testing.T) {
	unicodeCmap := cmapTable(map[[2]int][]byte{{3, 1}: cmapFormat4(map[int]int{'T': 5, 'r': 6, 'a': 7, 'f': 8, 'i': 9, 'c': 10, 'k': 11, 'n': 12, 'g': 13, 0xE001: 13})})
	symbolicCmap := cmapTable(map[[2]int][]byte{{3, 0}: cmapFormat4(map[int]int{0xF041: 5})})
	names := []string{".notdef", "g1", "g2", "g3", "g4", "T", "r", "a", "f", "i", "c", "k", "n", "g"}
	word := "<000500060007000800080009000a000b0009000c000d>" // Trafficking at glyphs 5..13
	for _, tc := range []struct {
		name   string
		tables map[string][]byte
		c2g    string // CIDToGIDMap entry
		codes  string
		want   string
	}{
		{"unicode cmap, identity", map[string][]byte{"cmap": unicodeCmap}, "", word, "Trafficking"},
		{"glyph names only", map[string][]byte{"cmap": symbolicCmap, "post": postFormat2(names)}, "", word, "Trafficking"},
		{"CIDToGIDMap stream", map[string][]byte{"cmap": unicodeCmap}, "map", "<0001000200030004>", "Traf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			ff := binStream(p, fmt.Sprintf("/Length1 %d", len(sfntFont(tc.tables))), sfntFont(tc.tables))
			fd := p.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", ff))
			c2g := ""
			if tc.c2g == "map" {
				// CIDs 1..4 → glyphs 5..8
				m := []byte{0, 0, 0, 5, 0, 6, 0, 7, 0, 8}
				c2g = fmt.Sprintf("/CIDToGIDMap %d 0 R", binStream(p, "", m))
			}
			desc := p.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 500 %s >>", fd, c2g))
			f := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [%d 0 R] >>", desc))
			got := firstPageText(t, onePagePDF(p, fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), "BT /F1 12 Tf 72 700 Td "+tc.codes+" Tj ET"))
			if got != tc.want {
				t.Errorf("text = %q, want %q", got, tc.want)
			}
		})
	}
}

// A symbolic TrueType font without /Encoding whose codes are not ASCII:
// the program's (3,0) cmap and glyph names say what each code shows.
func TestSymbolicTrueTypeBuiltinCodes(t *testing.T) {
	tables := map[string][]byte{
		"cmap": cmapTable(map[[2]int][]byte{{3, 0}: cmapFormat4(map[int]int{0xF001: 1, 0xF002: 2, 0xF003: 3, 0xF004: 4, 0xF005: 5})}),
		"post": postFormat2([]string{".notdef", "L", "a", "b", "r", "o"}),
	}
	prog := sfntFont(tables)
	p := newTestPDF()
	ff := binStream(p, fmt.Sprintf("/Length1 %d", len(prog)), prog)
	fd := p.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+Sym /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", ff))
	f := p.add(fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Sym /FirstChar 1 /LastChar 5 /Widths [600 500 500 400 500] /FontDescriptor %d 0 R >>", fd))
	got := firstPageText(t, onePagePDF(p, fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), `BT /F1 12 Tf 72 700 Td <0102030504> Tj ET`))
	if got != "Labor" {
		t.Errorf("text = %q, want Labor", got)
	}
}

// cffIndexBytes writes a CFF INDEX with one-byte offsets.
func cffIndexBytes(items ...[]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	b := append(be16(len(items)), 1)
	off := 1
	b = append(b, byte(off))
	for _, it := range items {
		off += len(it)
		b = append(b, byte(off))
	}
	for _, it := range items {
		b = append(b, it...)
	}
	return b
}

// cffWithEncoding builds a bare CFF font with glyphs named by string ids
// and a built-in encoding code → glyph (format 0), plus one supplement.
func cffWithEncoding(sids []int, codes []byte, custom []string, supCode byte, supSID int) []byte {
	name := cffIndexBytes([]byte("Test"))
	var strs [][]byte
	for _, s := range custom {
		strs = append(strs, []byte(s))
	}
	strIdx := cffIndexBytes(strs...)
	gsubr := cffIndexBytes()
	charstrings := make([][]byte, len(sids)+1)
	for i := range charstrings {
		charstrings[i] = []byte{14} // endchar
	}
	csIdx := cffIndexBytes(charstrings...)
	var charset []byte
	charset = append(charset, 0)
	for _, s := range sids {
		charset = append(charset, be16(s)...)
	}
	enc := []byte{0x80, byte(len(codes))}
	enc = append(enc, codes...)
	enc = append(enc, 1, supCode)
	enc = append(enc, be16(supSID)...)
	// The top DICT uses 5-byte integers so its size does not depend on
	// the offsets it holds.
	int32op := func(v int, op byte) []byte {
		return append([]byte{29}, append(binary.BigEndian.AppendUint32(nil, uint32(v)), op)...)
	}
	topLen := 3 * 6
	topIdxLen := len(cffIndexBytes(make([]byte, topLen)))
	start := 4 + len(name) + topIdxLen + len(strIdx) + len(gsubr)
	csOff := start
	charsetOff := csOff + len(csIdx)
	encOff := charsetOff + len(charset)
	top := append(int32op(charsetOff, 15), int32op(encOff, 16)...)
	top = append(top, int32op(csOff, 17)...)
	b := []byte{1, 0, 4, 1}
	b = append(b, name...)
	b = append(b, cffIndexBytes(top)...)
	b = append(b, strIdx...)
	b = append(b, gsubr...)
	b = append(b, csIdx...)
	b = append(b, charset...)
	b = append(b, enc...)
	return b
}

// A Type1C font without /Encoding: its own built-in encoding defines the
// codes, and glyph names from the font's String INDEX count too.
func TestCFFBuiltinEncoding(t *testing.T) {
	// glyphs 1..4: V (SID 55), i (74), c (68), uni0167 (custom string 391)
	prog := cffWithEncoding([]int{55, 74, 68, 391}, []byte{10, 11, 12, 13}, []string{"uni0167"}, 14, 70)
	c := parseCFF(prog)
	if c == nil || c.encoding == nil {
		t.Fatalf("parseCFF = %+v", c)
	}
	p := newTestPDF()
	ff := binStream(p, "/Subtype /Type1C", prog)
	fd := p.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+Cff /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile3 %d 0 R >>", ff))
	f := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Cff /FirstChar 10 /LastChar 14 /Widths [600 300 500 500 500] /FontDescriptor %d 0 R >>", fd))
	got := firstPageText(t, onePagePDF(p, fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), `BT /F1 12 Tf 72 700 Td <0a0b0c0b0e0d> Tj ET`))
	if got != "Vicieŧ" {
		t.Errorf("text = %q, want Vicieŧ", got)
	}
}

// Arabic presentation forms (shaped letters, lam-alef) are read as the
// letters they show, so words match the query.
func TestArabicPresentationForms(t *testing.T) {
	p := newTestPDF()
	// codes 1..4 → ﺍ ﻟ ﻌ ﻤ (alef isolated, lam initial, ain medial, meem medial), 5 → ﻞ (lam final), 6 → ﻻ (lam-alef)
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"6 beginbfchar <0001> <FE8D> <0002> <FEDF> <0003> <FECC> <0004> <FEE4> <0005> <FEDE> <0006> <FEFB> endbfchar\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	tu := p.add(stream("", cm))
	desc := p.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arab /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
	f := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Arab /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	// in visual order, as producers write it: لا on the left, then the
	// letters of العمل ("work") from its last to its first
	got := firstPageText(t, onePagePDF(p, fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), "BT /F1 12 Tf 72 700 Td <0006> Tj 20 0 Td <00050004000300020001> Tj ET"))
	want := "العمل لا"
	if got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

// Type 3 fonts: glyph names of /Differences give the text, whatever the
// glyph procedures draw (here one draws with another Type 3 font).
func TestType3GlyphNames(t *testing.T) {
	p := newTestPDF()
	box := p.add(stream("", "500 0 0 0 500 700 d1 0 0 500 700 re f"))
	inner := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /box %d 0 R >> /Encoding << /Type /Encoding /Differences [1 /box] >> /FirstChar 1 /LastChar 1 /Widths [500] >>", box))
	nested := p.add(stream("", "500 0 d0 BT /I 1000 Tf <01> Tj ET"))
	f := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 50 70] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << /T %[1]d 0 R /h %[1]d 0 R /e %[1]d 0 R /eacute %[1]d 0 R /f_i %[1]d 0 R /a66 %[1]d 0 R >> /Resources << /Font << /I %[2]d 0 R >> >> /Encoding << /Type /Encoding /Differences [1 /T /h /e /eacute /f_i 66 /a66] >> /FirstChar 1 /LastChar 66 /Widths [%[3]s] >>", nested, inner, widths50(66)))
	got := firstPageText(t, onePagePDF(p, fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f), `BT /F1 12 Tf 72 700 Td <010203> Tj ( ) Tj <04050203> Tj ( ) Tj <42> Tj ET`))
	if want := "The éfihe B"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func widths50(n int) string {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		b.WriteString("50 ")
	}
	return b.String()
}
