package search

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// A cursor continues a result after its last hit: it holds that hit's sort
// keys (not an offset), so it stays correct when the index changes between
// pages and costs no more on page 1,000 than on page 2.
type cursor struct {
	Sort  string  `json:"s"`
	Score float64 `json:"sc,omitempty"`
	Year  int     `json:"y,omitempty"`
	Title string  `json:"t,omitempty"`
	Added int64   `json:"a,omitempty"` // Unix nanoseconds; 0: unknown
	ID    string  `json:"id"`
}

func encodeCursor(last scored, sortBy string) string {
	c := cursor{Sort: sortBy, Score: last.score, Year: last.d.Year, Title: last.d.titleKey, ID: last.d.ID}
	if !last.d.Added.IsZero() {
		c.Added = last.d.Added.UnixNano()
	}
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sortBy string) (*cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return nil, invalid("cursor", "not a cursor from next_cursor")
	}
	if c.Sort != sortBy {
		return nil, invalid("cursor", "the cursor belongs to a search sorted by %s", c.Sort)
	}
	return &c, nil
}

// before reports whether the cursor's hit sorts before h.
func (c *cursor) before(h scored, sortBy string) bool {
	d := &docMeta{Document: Document{ID: c.ID, Year: c.Year}, titleKey: c.Title}
	if c.Added != 0 {
		d.Added = time.Unix(0, c.Added).UTC()
	}
	return less(scored{d: d, score: c.Score}, h, sortBy)
}
