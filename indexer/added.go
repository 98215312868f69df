package indexer

import "time"

// The date a document entered the library is kept in the index state from
// run to run: a re-index, a full rebuild, a changed file or a moved one
// keeps it (found by document id), and so does a file whose catalog row
// gives it a new id (found by its content). Only a document the library
// has not had before gets the time of the run that first indexes it.
// Documents of a state written before dates were kept are re-indexed once
// (from the extraction cache) and dated by their file's modification time,
// the best evidence there is.

// addedFor is when the document id, whose file has the content hash
// content, entered the library.
func (r *runner) addedFor(id, content string) time.Time {
	if r.added == nil {
		r.added = make(map[string]time.Time, 2*len(r.prev.Files))
		keep := func(k string, t time.Time) {
			if old, ok := r.added[k]; !ok || t.Before(old) {
				r.added[k] = t
			}
		}
		for _, f := range r.prev.Files {
			t, err := time.Parse(time.RFC3339, f.Added)
			if err != nil || f.Added == "" {
				t = time.Unix(0, f.MTime).UTC().Truncate(time.Second)
				if f.MTime <= 0 || t.After(r.rep.Started) {
					continue // no evidence: dated by this run
				}
			}
			keep("id:"+f.ID, t)
			if f.Content != "" {
				keep("content:"+f.Content, t)
			}
		}
	}
	if t, ok := r.added["id:"+id]; ok {
		return t
	}
	if t, ok := r.added["content:"+content]; ok && content != "" {
		return t
	}
	return r.rep.Started.UTC().Truncate(time.Second)
}
