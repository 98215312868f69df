package pdftext

import "encoding/binary"

// A cffFont is an embedded Compact Font Format program (FontFile3 of
// subtype Type1C or CIDFontType0C), read only as far as text extraction
// needs: the name of each glyph (its charset) and the built-in encoding.
// Every offset is checked; a damaged structure gives what was read.
type cffFont struct {
	names    []string     // glyph id → name; nil for CID-keyed fonts
	cids     []int        // glyph id → CID, for CID-keyed fonts
	encoding *[256]string // code → glyph name, from a custom built-in encoding
}

// cffIndex reads an INDEX at off: its items and the offset after it.
func cffIndex(b []byte, off int) (items [][]byte, next int, ok bool) {
	if off < 0 || off+2 > len(b) {
		return nil, 0, false
	}
	count := int(binary.BigEndian.Uint16(b[off:]))
	if count == 0 {
		return nil, off + 2, true
	}
	if off+3 > len(b) {
		return nil, 0, false
	}
	osz := int(b[off+2])
	if osz < 1 || osz > 4 {
		return nil, 0, false
	}
	base := off + 3 + (count+1)*osz - 1 // offsets count from the byte before the data
	if off+3+(count+1)*osz > len(b) {
		return nil, 0, false
	}
	read := func(i int) int {
		v := 0
		for _, c := range b[off+3+i*osz : off+3+(i+1)*osz] {
			v = v<<8 | int(c)
		}
		return v
	}
	items = make([][]byte, 0, min(count, maxSFNTGlyphs))
	prev := read(0)
	for i := 1; i <= count && i <= maxSFNTGlyphs; i++ {
		cur := read(i)
		if prev < 1 || cur < prev || base+cur > len(b) {
			return items, 0, false
		}
		items = append(items, b[base+prev:base+cur])
		prev = cur
	}
	return items, base + prev, true
}

// cffTopDict reads the operators of a DICT that take one integer operand
// and are of interest here: charset (15), Encoding (16), CharStrings (17)
// and ROS (12 30, which marks a CID-keyed font).
func cffTopDict(d []byte) (ops map[int]int) {
	ops = map[int]int{}
	var stack []int
	for i := 0; i < len(d); {
		c := int(d[i])
		switch {
		case c <= 21: // operator
			op := c
			i++
			if c == 12 && i < len(d) {
				op = 1200 + int(d[i])
				i++
			}
			if len(stack) > 0 {
				ops[op] = stack[len(stack)-1]
			} else {
				ops[op] = 0
			}
			stack = stack[:0]
		case c == 28:
			if i+3 > len(d) {
				return ops
			}
			stack = append(stack, int(int16(binary.BigEndian.Uint16(d[i+1:]))))
			i += 3
		case c == 29:
			if i+5 > len(d) {
				return ops
			}
			stack = append(stack, int(int32(binary.BigEndian.Uint32(d[i+1:]))))
			i += 5
		case c == 30: // real: skip its nibbles
			i++
			for i < len(d) {
				b := d[i]
				i++
				if b&0x0f == 0x0f || b>>4 == 0x0f {
					break
				}
			}
			stack = append(stack, 0)
		case c >= 32 && c <= 246:
			stack = append(stack, c-139)
			i++
		case c >= 247 && c <= 250:
			if i+2 > len(d) {
				return ops
			}
			stack = append(stack, (c-247)*256+int(d[i+1])+108)
			i += 2
		case c >= 251 && c <= 254:
			if i+2 > len(d) {
				return ops
			}
			stack = append(stack, -(c-251)*256-int(d[i+1])-108)
			i += 2
		default:
			i++
		}
		if len(stack) > 48 {
			stack = stack[:0]
		}
	}
	return ops
}

// parseCFF reads the first font of a CFF program, or returns nil.
func parseCFF(b []byte) *cffFont {
	if len(b) < 4 || b[0] != 1 {
		return nil
	}
	_, next, ok := cffIndex(b, int(b[2])) // Name INDEX
	if !ok {
		return nil
	}
	tops, next, ok := cffIndex(b, next)
	if !ok || len(tops) == 0 {
		return nil
	}
	strs, _, ok := cffIndex(b, next)
	if !ok {
		return nil
	}
	top := cffTopDict(tops[0])
	chars, _, ok := cffIndex(b, top[17])
	if _, has := top[17]; !has || !ok || len(chars) == 0 {
		return nil
	}
	n := len(chars)
	std := cffStandardStrings()
	sidName := func(sid int) string {
		switch {
		case sid < len(std):
			return std[sid]
		case sid-len(std) < len(strs):
			return string(strs[sid-len(std)])
		}
		return ""
	}
	sids := cffCharset(b, top, n)
	f := &cffFont{}
	if _, cid := top[1230]; cid {
		f.cids = sids
		return f
	}
	f.names = make([]string, n)
	for g, sid := range sids {
		f.names[g] = sidName(sid)
	}
	if off, has := top[16]; has && off > 1 {
		f.encoding = cffEncoding(b, off, f.names, sidName)
	}
	return f
}

// cffCharset returns the string id (or CID) of each glyph.
func cffCharset(b []byte, top map[int]int, n int) []int {
	sids := make([]int, n)
	off, has := top[15]
	if !has || off == 0 { // ISOAdobe: glyph i is string i
		for g := range sids {
			if g <= 228 {
				sids[g] = g
			}
		}
		return sids
	}
	if off <= 2 || off >= len(b) { // Expert charsets: names unknown here
		return sids
	}
	p := off + 1
	switch b[off] {
	case 0:
		for g := 1; g < n && p+2 <= len(b); g++ {
			sids[g] = int(binary.BigEndian.Uint16(b[p:]))
			p += 2
		}
	case 1, 2:
		wide := b[off] == 2
		for g := 1; g < n; {
			if p+3 > len(b) || wide && p+4 > len(b) {
				break
			}
			first := int(binary.BigEndian.Uint16(b[p:]))
			left := int(b[p+2])
			p += 3
			if wide {
				left = int(binary.BigEndian.Uint16(b[p-1:]))
				p++
			}
			for k := 0; k <= left && g < n; k++ {
				sids[g] = first + k
				g++
			}
		}
	}
	return sids
}

// cffEncoding reads a custom built-in encoding at off.
func cffEncoding(b []byte, off int, names []string, sidName func(int) string) *[256]string {
	if off >= len(b) {
		return nil
	}
	var enc [256]string
	format := b[off]
	p := off + 1
	g := 1
	switch format & 0x7f {
	case 0:
		if p >= len(b) {
			return nil
		}
		nc := int(b[p])
		p++
		for i := 0; i < nc && p < len(b); i++ {
			if g < len(names) {
				enc[b[p]] = names[g]
			}
			g++
			p++
		}
	case 1:
		if p >= len(b) {
			return nil
		}
		nr := int(b[p])
		p++
		for i := 0; i < nr && p+2 <= len(b); i++ {
			first, left := int(b[p]), int(b[p+1])
			p += 2
			for k := 0; k <= left && first+k < 256; k++ {
				if g < len(names) {
					enc[first+k] = names[g]
				}
				g++
			}
		}
	default:
		return nil
	}
	if format&0x80 != 0 && p < len(b) {
		ns := int(b[p])
		p++
		for i := 0; i < ns && p+3 <= len(b); i++ {
			enc[b[p]] = sidName(int(binary.BigEndian.Uint16(b[p+1:])))
			p += 3
		}
	}
	return &enc
}

// glyphText returns the text of a glyph id from its name.
func (f *cffFont) glyphText(gid int) string {
	if gid <= 0 || gid >= len(f.names) {
		return ""
	}
	return glyphText(f.names[gid])
}
