package server

import "handbooks/search"

// editionsView is what the "editions" template shows of a work: whether the
// edition on screen is current, what supersedes it, and its other editions
// and translations, each labelled.
type editionsView struct {
	Q            string
	Current      bool          // the edition shown is current and has others
	SupersededBy *editionLink  // the newest edition in its language, when the one shown is older
	Others       []editionLink // newest first
}

// editionLink is an edition with what the reader needs to choose it.
type editionLink struct {
	ID, Title, Name string
	// Note is "current edition" or "superseded by NAME"; empty for the
	// edition shown.
	Note string
}

// newEditionsView labels the editions of a work, given the one shown and
// the others.
func newEditionsView(q string, self search.Edition, others []search.Edition) editionsView {
	v := editionsView{Q: q}
	if len(others) == 0 {
		return v
	}
	byID := map[string]search.Edition{self.ID: self}
	for _, e := range others {
		byID[e.ID] = e
	}
	name := func(id string) string {
		if e, ok := byID[id]; ok {
			return editionName(e)
		}
		return id
	}
	if self.SupersededBy != "" {
		v.SupersededBy = &editionLink{ID: self.SupersededBy, Name: name(self.SupersededBy)}
	} else {
		v.Current = self.Current
	}
	for _, e := range others {
		l := editionLink{ID: e.ID, Title: e.Title, Name: editionName(e)}
		switch {
		case e.SupersededBy == self.ID:
			l.Note = "superseded by this edition"
		case e.SupersededBy != "":
			l.Note = "superseded by " + name(e.SupersededBy)
		case e.Current:
			l.Note = "current edition"
			if e.Language != self.Language {
				l.Note = "current " + langName(e.Language) + " edition"
			}
		}
		v.Others = append(v.Others, l)
	}
	return v
}

// hitEditions is the editions view of a result.
func hitEditions(q string, h search.Hit) editionsView {
	return newEditionsView(q, search.Edition{ID: h.ID, Title: h.Title, Year: h.Year, Edition: h.Edition,
		Language: h.Language, Current: h.Current, SupersededBy: h.SupersededBy}, h.OtherEditions)
}

// docEditions is the editions view of a document page.
func docEditions(q string, d *search.DocumentInfo) editionsView {
	return newEditionsView(q, search.Edition{ID: d.ID, Title: d.Title, Year: d.Year, Edition: d.Edition,
		Language: d.Language, Current: d.Current, SupersededBy: d.SupersededBy}, d.OtherEditions)
}
