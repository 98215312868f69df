package scanpdf

import "bytes"

// encodeG4 encodes a bilevel image (true = black), rows of width w, with
// CCITT Group 4 (T.6) coding, MSB first, ending with EOFB.
func encodeG4(rows [][]bool, w int) []byte {
	bw := &bitWriter{}
	ref := make([]bool, w) // the imaginary white line above the first
	for _, cur := range rows {
		encodeRow(bw, ref, cur, w)
		ref = cur
	}
	bw.put(code{0x001, 12}) // EOFB: two EOLs
	bw.put(code{0x001, 12})
	return bw.bytes()
}

// changing returns the first changing element of line after x: the first
// position p > x whose colour differs from the pixel before it (white
// before the line); w when there is none.
func changing(line []bool, x, w int) int {
	p := x + 1
	if p < 0 {
		p = 0
	}
	for ; p < w; p++ {
		prev := false
		if p > 0 {
			prev = line[p-1]
		}
		if line[p] != prev {
			return p
		}
	}
	return w
}

func colorAt(line []bool, p int) bool { return p >= 0 && p < len(line) && line[p] }

func encodeRow(bw *bitWriter, ref, cur []bool, w int) {
	a0 := -1
	color := false // white
	for a0 < w {
		a1 := changing(cur, a0, w)
		b1 := changing(ref, a0, w)
		for b1 < w && colorAt(ref, b1) == color {
			b1 = changing(ref, b1, w)
		}
		b2 := changing(ref, b1, w)
		switch {
		case b2 < a1: // pass mode
			bw.put(modeEncodeTable[0])
			a0 = b2
		case a1-b1 >= -3 && a1-b1 <= 3: // vertical mode
			bw.put(modeEncodeTable[[7]int{8, 7, 6, 2, 3, 4, 5}[a1-b1+3]])
			a0 = a1
			color = !color
		default: // horizontal mode
			a2 := changing(cur, a1, w)
			start := max(a0, 0)
			bw.put(modeEncodeTable[1])
			bw.run(a1-start, color)
			bw.run(a2-a1, !color)
			a0 = a2
		}
	}
}

type bitWriter struct {
	buf   bytes.Buffer
	acc   uint32
	nbits uint32
}

func (b *bitWriter) put(c code) {
	for i := int(c.nBits) - 1; i >= 0; i-- {
		b.acc = b.acc<<1 | (c.bits>>uint(i))&1
		b.nbits++
		if b.nbits == 8 {
			b.buf.WriteByte(byte(b.acc))
			b.acc, b.nbits = 0, 0
		}
	}
}

// run writes a run length: makeup codes for whole multiples of 64, then a
// terminating code.
func (b *bitWriter) run(n int, black bool) {
	term, makeup := whiteEncodeTable2[:], whiteEncodeTable3[:]
	if black {
		term, makeup = blackEncodeTable2[:], blackEncodeTable3[:]
	}
	for n >= 2560+64 {
		b.put(makeup[len(makeup)-1]) // 2560
		n -= 2560
	}
	if n >= 64 {
		b.put(makeup[n/64-1])
		n %= 64
	}
	b.put(term[n])
}

func (b *bitWriter) bytes() []byte {
	if b.nbits > 0 {
		b.buf.WriteByte(byte(b.acc << (8 - b.nbits)))
		b.acc, b.nbits = 0, 0
	}
	return b.buf.Bytes()
}
