package indexer

import "time"

// The date a document entered the library is kept in the index state from
// run to run, by document id: a re-index, a full rebuild, a changed file or
// a moved one keeps it, and only an id the library has not had before gets
// the time of the run that first indexes it. Documents of a state written
// before dates were kept are re-indexed once (from the extraction cache)
// and dated by their file's modification time, the best evidence there is.

// addedFor is when the document id entered the library.
func (r *runner) addedFor(id string) time.Time {
	if r.added == nil {
		r.added = make(map[string]time.Time, len(r.prev.Files))
		for _, f := range r.prev.Files {
			t, err := time.Parse(time.RFC3339, f.Added)
			if err != nil || f.Added == "" {
				t = time.Unix(0, f.MTime).UTC().Truncate(time.Second)
				if f.MTime <= 0 || t.After(r.rep.Started) {
					continue // no evidence: dated by this run
				}
			}
			if old, ok := r.added[f.ID]; !ok || t.Before(old) {
				r.added[f.ID] = t
			}
		}
	}
	if t, ok := r.added[id]; ok {
		return t
	}
	return r.rep.Started.UTC().Truncate(time.Second)
}
