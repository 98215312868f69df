package pdftext

import (
	"encoding/binary"
	"unicode"
)

// An sfnt is an embedded TrueType or OpenType font program (FontFile2, or
// FontFile3 of subtype OpenType), read only as far as text extraction
// needs: its character maps and the glyph names of its post table. Every
// offset is checked; a damaged table is treated as missing.
type sfnt struct {
	tables map[string][]byte
}

// maxSFNTGlyphs bounds the glyph arrays built from a font program.
const maxSFNTGlyphs = 1 << 16

// parseSFNT reads the table directory of a font program, or returns nil.
func parseSFNT(b []byte) *sfnt {
	if len(b) < 12 {
		return nil
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
	case "ttcf":
		// a collection: use its first font
		if len(b) < 16 {
			return nil
		}
		off := int(binary.BigEndian.Uint32(b[12:]))
		if off <= 0 || off+12 > len(b) {
			return nil
		}
		return parseSFNTAt(b, off)
	default:
		return nil
	}
	return parseSFNTAt(b, 0)
}

func parseSFNTAt(b []byte, at int) *sfnt {
	if at+12 > len(b) {
		return nil
	}
	n := int(binary.BigEndian.Uint16(b[at+4:]))
	s := &sfnt{tables: map[string][]byte{}}
	for i := 0; i < n && i < 256; i++ {
		r := at + 12 + 16*i
		if r+16 > len(b) {
			break
		}
		tag := string(b[r : r+4])
		off := int(binary.BigEndian.Uint32(b[r+8:]))
		length := int(binary.BigEndian.Uint32(b[r+12:]))
		if off < 0 || length < 0 || off > len(b) {
			continue
		}
		end := off + length
		if end > len(b) || end < off {
			end = len(b) // truncated subsets are common: keep what is there
		}
		s.tables[tag] = b[off:end]
	}
	if len(s.tables) == 0 {
		return nil
	}
	return s
}

// cmapSubtable returns the subtable for a platform and encoding, or nil.
func (s *sfnt) cmapSubtable(platform, encoding uint16) []byte {
	t := s.tables["cmap"]
	if len(t) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	for i := 0; i < n; i++ {
		r := 4 + 8*i
		if r+8 > len(t) {
			return nil
		}
		if binary.BigEndian.Uint16(t[r:]) != platform || binary.BigEndian.Uint16(t[r+2:]) != encoding {
			continue
		}
		off := int(binary.BigEndian.Uint32(t[r+4:]))
		if off < 0 || off+2 > len(t) {
			return nil
		}
		return t[off:]
	}
	return nil
}

// eachMapping calls fn for every code → glyph pair of a cmap subtable of
// format 0, 4, 6 or 12. It stops after maxSFNTGlyphs×4 pairs.
func eachMapping(t []byte, fn func(code uint32, gid uint16)) {
	if len(t) < 2 {
		return
	}
	budget := maxSFNTGlyphs * 4
	emit := func(c uint32, g uint16) bool {
		budget--
		if g != 0 {
			fn(c, g)
		}
		return budget > 0
	}
	u16 := func(i int) (int, bool) {
		if i < 0 || i+2 > len(t) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(t[i:])), true
	}
	switch binary.BigEndian.Uint16(t) {
	case 0:
		for c := 0; c < 256 && 6+c < len(t); c++ {
			emit(uint32(c), uint16(t[6+c]))
		}
	case 6:
		first, ok1 := u16(6)
		count, ok2 := u16(8)
		if !ok1 || !ok2 {
			return
		}
		for i := 0; i < count; i++ {
			g, ok := u16(10 + 2*i)
			if !ok || !emit(uint32(first+i), uint16(g)) {
				return
			}
		}
	case 4:
		segX2, ok := u16(6)
		if !ok {
			return
		}
		ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
		for i := 0; i < segX2/2; i++ {
			end, ok1 := u16(ends + 2*i)
			start, ok2 := u16(starts + 2*i)
			delta, ok3 := u16(deltas + 2*i)
			ro, ok4 := u16(ranges + 2*i)
			if !ok1 || !ok2 || !ok3 || !ok4 {
				return
			}
			if start > end || start == 0xffff {
				continue
			}
			for c := start; c <= end; c++ {
				var g int
				if ro == 0 {
					g = (c + delta) & 0xffff
				} else {
					gi, ok := u16(ranges + 2*i + ro + 2*(c-start))
					if !ok {
						break
					}
					g = gi
					if g != 0 {
						g = (g + delta) & 0xffff
					}
				}
				if !emit(uint32(c), uint16(g)) {
					return
				}
			}
		}
	case 12:
		if len(t) < 16 {
			return
		}
		n := int(binary.BigEndian.Uint32(t[12:]))
		for i := 0; i < n; i++ {
			r := 16 + 12*i
			if r+12 > len(t) {
				return
			}
			lo := binary.BigEndian.Uint32(t[r:])
			hi := binary.BigEndian.Uint32(t[r+4:])
			g := binary.BigEndian.Uint32(t[r+8:])
			if hi < lo || hi > unicode.MaxRune {
				continue
			}
			for c := lo; c <= hi; c++ {
				if g+(c-lo) > 0xffff || !emit(c, uint16(g+(c-lo))) {
					return
				}
			}
		}
	}
}

// unicodeCmap returns the font's Unicode subtable: (3,10), (0,x), (3,1).
func (s *sfnt) unicodeCmap() []byte {
	for _, pe := range [][2]uint16{{3, 10}, {0, 4}, {0, 3}, {0, 6}, {0, 2}, {0, 1}, {0, 0}, {3, 1}} {
		if t := s.cmapSubtable(pe[0], pe[1]); t != nil {
			return t
		}
	}
	return nil
}

// glyphRunes inverts the Unicode cmap: the text of each glyph id, the
// smallest code that maps to it, preferring codes outside the private use
// area.
func (s *sfnt) glyphRunes() map[uint16]rune {
	t := s.unicodeCmap()
	if t == nil {
		return nil
	}
	m := map[uint16]rune{}
	eachMapping(t, func(c uint32, g uint16) {
		r := rune(c)
		if old, ok := m[g]; ok && !(isPUA(old) && !isPUA(r)) {
			return
		}
		if r < 0x20 || r >= 0xD800 && r < 0xE000 {
			return
		}
		m[g] = r
	})
	return m
}

func isPUA(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

// glyphNames returns the names of the post table (format 1 or 2), indexed
// by glyph id, or nil.
func (s *sfnt) glyphNames() []string {
	t := s.tables["post"]
	if len(t) < 32 {
		return nil
	}
	switch binary.BigEndian.Uint32(t) {
	case 0x00010000:
		return macGlyphNames[:]
	case 0x00020000:
	default:
		return nil
	}
	if len(t) < 34 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(t[32:]))
	if 34+2*n > len(t) {
		return nil
	}
	// the Pascal strings after the index array
	var extra []string
	for p := 34 + 2*n; p < len(t) && len(extra) < maxSFNTGlyphs; {
		l := int(t[p])
		if p+1+l > len(t) {
			break
		}
		extra = append(extra, string(t[p+1:p+1+l]))
		p += 1 + l
	}
	names := make([]string, n)
	for g := 0; g < n; g++ {
		i := int(binary.BigEndian.Uint16(t[34+2*g:]))
		switch {
		case i < len(macGlyphNames):
			names[g] = macGlyphNames[i]
		case i-len(macGlyphNames) < len(extra):
			names[g] = extra[i-len(macGlyphNames)]
		}
	}
	return names
}

// glyphTextTable returns the text of each glyph of the font program: from
// its Unicode cmap, else from its glyph names.
func (s *sfnt) glyphTextTable() func(gid int) string {
	runes := s.glyphRunes()
	names := s.glyphNames()
	if len(runes) == 0 && len(names) == 0 {
		return nil
	}
	return func(gid int) string {
		if gid <= 0 || gid >= maxSFNTGlyphs {
			return ""
		}
		if r, ok := runes[uint16(gid)]; ok && !isPUA(r) {
			return string(r)
		}
		if gid < len(names) {
			if t := glyphText(names[gid]); t != "" {
				return t
			}
		}
		if r, ok := runes[uint16(gid)]; ok {
			return string(r)
		}
		return ""
	}
}

// codeGlyphs maps the one-byte codes of a simple TrueType font to glyph
// ids through the font's own cmap: a symbolic (3,0) table (codes at
// 0xF000+c or c), else the Macintosh (1,0) table.
func (s *sfnt) codeGlyphs() (gids [256]uint16, ok bool) {
	if t := s.cmapSubtable(3, 0); t != nil {
		eachMapping(t, func(c uint32, g uint16) {
			switch {
			case c >= 0xF000 && c <= 0xF0FF:
				gids[c-0xF000] = g
				ok = true
			case c < 256 && gids[c] == 0:
				gids[c] = g
				ok = true
			}
		})
		if ok {
			return gids, true
		}
	}
	if t := s.cmapSubtable(1, 0); t != nil {
		eachMapping(t, func(c uint32, g uint16) {
			if c < 256 {
				gids[c] = g
				ok = true
			}
		})
	}
	return gids, ok
}
