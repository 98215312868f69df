package pdftext

import (
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// A cmap is a parsed CMap stream: a ToUnicode map (code → text) or an
// encoding CMap (code → CID). Codes are at most 4 bytes long.
type cmap struct {
	space  []codeRange // codespace ranges
	text   map[uint64]string
	ranges []textRange
	cids   map[uint64]int
	cidRng []cidRange
}

// codeRange is a codespace range: per-byte bounds of codes of len(lo) bytes.
type codeRange struct{ lo, hi []byte }

type textRange struct {
	n      int
	lo, hi uint32
	dst    []uint16 // first destination, as UTF-16; the last unit increments
	arr    []string // or one destination per code
}

type cidRange struct {
	n      int
	lo, hi uint32
	cid    int
}

func codeKey(n int, v uint32) uint64 { return uint64(n)<<32 | uint64(v) }

func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// parseCMap reads a CMap stream. It is read with the content lexer rather
// than pdf.Interpret, which stops at the first "findresource ... begin"
// that only the library itself can satisfy. A malformed stream yields what
// was read before the fault.
func parseCMap(strm pdf.Value) (m *cmap) {
	m = &cmap{text: map[uint64]string{}, cids: map[uint64]int{}}
	defer func() {
		if recover() != nil {
			return
		}
	}()
	l := lexer{b: readStream(strm, 8<<20)}
	var args []operand
	for {
		var o operand
		op, isOp, ok := l.next(&o, 0)
		if !ok {
			break
		}
		if !isOp {
			if len(args) < 1<<17 {
				args = append(args, o)
			}
			continue
		}
		m.apply(op, args)
		args = args[:0]
	}
	return m
}

func (m *cmap) apply(op string, v []operand) {
	switch op {
	case "endcodespacerange":
		for i := 0; i+1 < len(v); i += 2 {
			lo, hi := v[i].s, v[i+1].s
			if len(lo) > 0 && len(lo) <= 4 && len(lo) == len(hi) {
				m.space = append(m.space, codeRange{lo, hi})
			}
		}
	case "endbfchar":
		for i := 0; i+1 < len(v); i += 2 {
			src := v[i].s
			if v[i].kind != kStr || len(src) == 0 || len(src) > 4 {
				continue
			}
			dst := v[i+1]
			var s string
			if dst.kind == kName {
				s = glyphText(string(dst.s))
			} else {
				s = utf16Text(string(dst.s))
			}
			m.text[codeKey(len(src), codeValue(src))] = s
		}
	case "endbfrange":
		for i := 0; i+2 < len(v); i += 3 {
			lo, hi := v[i].s, v[i+1].s
			if len(lo) == 0 || len(lo) > 4 || len(hi) != len(lo) {
				continue
			}
			r := textRange{n: len(lo), lo: codeValue(lo), hi: codeValue(hi)}
			if r.hi < r.lo {
				continue
			}
			dst := v[i+2]
			if dst.kind == kArr {
				for _, e := range dst.arr {
					r.arr = append(r.arr, utf16Text(string(e.s)))
				}
			} else {
				r.dst = utf16Units(string(dst.s))
				if len(r.dst) == 0 {
					continue
				}
			}
			m.ranges = append(m.ranges, r)
		}
	case "endcidchar":
		for i := 0; i+1 < len(v); i += 2 {
			src := v[i].s
			if len(src) == 0 || len(src) > 4 {
				continue
			}
			m.cids[codeKey(len(src), codeValue(src))] = int(v[i+1].num)
		}
	case "endcidrange":
		for i := 0; i+2 < len(v); i += 3 {
			lo, hi := v[i].s, v[i+1].s
			if len(lo) == 0 || len(lo) > 4 || len(hi) != len(lo) {
				continue
			}
			m.cidRng = append(m.cidRng, cidRange{len(lo), codeValue(lo), codeValue(hi), int(v[i+2].num)})
		}
	}
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, (len(s)+1)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination: take it as a code point
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

func utf16Text(s string) string { return string(utf16.Decode(utf16Units(s))) }

// lookupText returns the text of a code of n bytes.
func (m *cmap) lookupText(n int, v uint32) (string, bool) {
	k := codeKey(n, v)
	if s, ok := m.text[k]; ok {
		return s, true
	}
	for i := range m.ranges {
		r := &m.ranges[i]
		if r.n != n || v < r.lo || v > r.hi {
			continue
		}
		off := v - r.lo
		var s string
		if r.arr != nil {
			if int(off) >= len(r.arr) {
				continue
			}
			s = r.arr[off]
		} else {
			u := append([]uint16(nil), r.dst...)
			u[len(u)-1] += uint16(off)
			s = string(utf16.Decode(u))
		}
		if len(m.text) < 1<<16 {
			m.text[k] = s
		}
		return s, true
	}
	return "", false
}

// lookupCID returns the CID of a code of n bytes.
func (m *cmap) lookupCID(n int, v uint32) (int, bool) {
	if c, ok := m.cids[codeKey(n, v)]; ok {
		return c, true
	}
	for _, r := range m.cidRng {
		if r.n == n && v >= r.lo && v <= r.hi {
			return r.cid + int(v-r.lo), true
		}
	}
	return 0, false
}

// codeLen returns the length of the code at the start of b under the
// codespace ranges, or 0 if none matches.
func codeLen(space []codeRange, b []byte) int {
	for n := 1; n <= 4 && n <= len(b); n++ {
		for _, r := range space {
			if len(r.lo) != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if b[i] < r.lo[i] || b[i] > r.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	return 0
}
