package indexer

import (
	"encoding/json"
	"fmt"
)

// runState is saved with each index generation (search.Store's opaque
// state): what the run that made it knew about every file, so the next run
// can tell what changed.
type runState struct {
	Format int                   `json:"format"`
	Vocab  string                `json:"vocab"`
	Files  map[string]*fileState `json:"files"` // by path relative to the library
}

// fileState is what the live index holds for one file.
type fileState struct {
	ID      string `json:"id"`
	Content string `json:"content"` // sha256 of the bytes
	Meta    string `json:"meta"`    // hash of the normalised catalog metadata
	Size    int64  `json:"size"`
	MTime   int64  `json:"mtime"`
	CTime   int64  `json:"ctime"`
	Ino     uint64 `json:"ino"`
	// Extraction outcome and reason, pages in the file.
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason,omitempty"`
	Pages      int    `json:"pages"`
	Catalogued bool   `json:"catalogued"`
	// Added is when the document entered the library (RFC 3339, UTC);
	// empty in states written before dates were kept.
	Added string `json:"added,omitempty"`
	// OCRPending counts pages still waiting for OCR: a run with OCR on
	// extracts the file again.
	OCRPending int `json:"ocr_pending,omitempty"`
}

const stateFormat = 1

func parseState(b []byte) (*runState, error) {
	st := &runState{Format: stateFormat, Files: map[string]*fileState{}}
	if len(b) == 0 {
		return st, nil
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("index state: %w", err)
	}
	if st.Format != stateFormat {
		return nil, fmt.Errorf("index state: format %d, expected %d", st.Format, stateFormat)
	}
	if st.Files == nil {
		st.Files = map[string]*fileState{}
	}
	return st, nil
}

// sameFile reports whether f looks untouched since s was recorded, so its
// content hash can be reused without reading it: same size, inode and
// modification and change times. Anything else means reading the bytes.
func (s *fileState) sameFile(f *pdfFile) bool {
	return s != nil && s.Content != "" && s.Size == f.size && s.MTime == f.mtime &&
		s.CTime == f.ctime && s.Ino == f.ino
}
