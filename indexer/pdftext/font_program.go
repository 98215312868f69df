package pdftext

import (
	"encoding/binary"

	"github.com/ledongthuc/pdf"
)

// maxFontProgram bounds the bytes of an embedded font program read for its
// character maps and glyph names.
const maxFontProgram = 16 << 20

// fontProgram is what text extraction takes from an embedded font program
// when the PDF itself does not say which text a code stands for: the text
// of each glyph id (from the program's Unicode cmap or its glyph names).
type fontProgram struct {
	glyphText func(gid int) string
	sfnt      *sfnt    // TrueType / OpenType programs
	cff       *cffFont // bare CFF programs
}

// loadFontProgram reads the embedded program of a font descriptor, or
// returns nil when there is none or it cannot be read.
func loadFontProgram(desc pdf.Value) *fontProgram {
	if desc.Kind() != pdf.Dict {
		return nil
	}
	if ff := desc.Key("FontFile2"); ff.Kind() == pdf.Stream {
		return sfntProgram(parseSFNT(readStream(ff, maxFontProgram)))
	}
	ff := desc.Key("FontFile3")
	if ff.Kind() != pdf.Stream {
		return nil
	}
	data := readStream(ff, maxFontProgram)
	if ff.Key("Subtype").Name() == "OpenType" {
		s := parseSFNT(data)
		if s == nil {
			return nil
		}
		if c, ok := s.tables["CFF "]; ok && s.unicodeCmap() == nil {
			return cffProgram(parseCFF(c))
		}
		return sfntProgram(s)
	}
	return cffProgram(parseCFF(data))
}

func sfntProgram(s *sfnt) *fontProgram {
	if s == nil {
		return nil
	}
	p := &fontProgram{sfnt: s, glyphText: s.glyphTextTable()}
	if p.glyphText == nil {
		return nil
	}
	return p
}

func cffProgram(c *cffFont) *fontProgram {
	if c == nil || c.names == nil {
		return nil // CID-keyed: glyphs have no names
	}
	return &fontProgram{cff: c, glyphText: c.glyphText}
}

// cidGlyphs returns the glyph id of a CID under a CIDFontType2's
// CIDToGIDMap (Identity when absent), and for a bare CFF program used as a
// CID font, the glyph whose charset entry is the CID.
func cidGlyphs(desc pdf.Value) func(cid int) int {
	m := desc.Key("CIDToGIDMap")
	if m.Kind() == pdf.Stream {
		data := readStream(m, 2*maxSFNTGlyphs)
		return func(cid int) int {
			if cid < 0 || 2*cid+2 > len(data) {
				return 0
			}
			return int(binary.BigEndian.Uint16(data[2*cid:]))
		}
	}
	return func(cid int) int { return cid }
}

// builtinEncoding returns the code → text table a simple font's program
// defines for itself: the built-in encoding of a Type 1 (clear-text part)
// or bare CFF program, or nil.
func builtinEncoding(desc pdf.Value) *[256]rune {
	if enc := type1Encoding(desc); enc != nil {
		return enc
	}
	ff := desc.Key("FontFile3")
	if ff.Kind() != pdf.Stream || ff.Key("Subtype").Name() != "Type1C" {
		return nil
	}
	c := parseCFF(readStream(ff, maxFontProgram))
	if c == nil || c.encoding == nil {
		return nil
	}
	var enc [256]rune
	found := false
	for code, name := range c.encoding {
		if t := []rune(glyphText(name)); len(t) == 1 {
			enc[code] = t[0]
			found = true
		}
	}
	if !found {
		return nil
	}
	return &enc
}

// symbolicTrueTypeText fills the codes of a symbolic TrueType font that has
// no /Encoding from the font program: code → glyph through the program's
// (3,0) or (1,0) cmap, glyph → text through its Unicode cmap or glyph
// names. It reports whether any code got text.
func symbolicTrueTypeText(f *font, desc pdf.Value) bool {
	p := loadFontProgram(desc)
	if p == nil || p.sfnt == nil {
		return false
	}
	gids, ok := p.sfnt.codeGlyphs()
	if !ok {
		return false
	}
	got := false
	for c, g := range gids {
		if g == 0 {
			continue
		}
		if t := p.glyphText(int(g)); t != "" {
			f.text[c] = t
			got = true
		}
	}
	return got
}

// cidProgramText returns the text of each CID of a descendant font from its
// embedded program, or nil. Results are memoised per font.
func cidProgramText(desc pdf.Value) func(cid int) string {
	p := loadFontProgram(desc.Key("FontDescriptor"))
	if p == nil {
		return nil
	}
	gid := cidGlyphs(desc)
	if p.cff != nil {
		gid = func(cid int) int { return cid } // a name-keyed CFF: CID = glyph id
	}
	memo := map[int]string{}
	return func(cid int) string {
		if t, ok := memo[cid]; ok {
			return t
		}
		t := p.glyphText(gid(cid))
		if len(memo) < maxSFNTGlyphs {
			memo[cid] = t
		}
		return t
	}
}
