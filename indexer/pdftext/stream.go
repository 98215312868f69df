package pdftext

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// readStream returns up to limit decoded bytes of a stream. A damaged
// stream (bad filter data, truncated compression) gives the bytes decoded
// before the fault; the library's panics stop here.
func readStream(v pdf.Value, limit int) (data []byte) {
	defer func() {
		if recover() != nil {
			return // keep what was read
		}
	}()
	if v.Kind() != pdf.Stream {
		return nil
	}
	rd := v.Reader()
	defer rd.Close()
	buf := make([]byte, 0, 16<<10)
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := cap(buf)
		if end > limit {
			end = limit
		}
		n, err := rd.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		data = buf
		if err != nil {
			if err == io.EOF {
				return buf
			}
			return buf
		}
		if n == 0 {
			// guard against readers that return (0, nil) forever
			m, err := rd.Read(buf[len(buf):end])
			buf = buf[:len(buf)+m]
			data = buf
			if m == 0 || err != nil {
				return buf
			}
		}
	}
	return buf
}

// readContents returns the bytes of a page's /Contents: one stream or an
// array of streams joined by newlines.
func readContents(v pdf.Value, limit int) []byte {
	if v.Kind() == pdf.Stream {
		return readStream(v, limit)
	}
	var out []byte
	for i := 0; i < v.Len() && i < 10000 && len(out) < limit; i++ {
		out = append(out, readStream(v.Index(i), limit-len(out))...)
		out = append(out, '\n')
	}
	return out
}
