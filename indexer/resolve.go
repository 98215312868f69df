package indexer

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// entry is one PDF of the library in a run, with its resolved metadata.
type entry struct {
	file     *pdfFile
	row      *row // catalog row merged with the sidecar; nil when uncatalogued
	meta     metadata
	metaHash string
	content  string     // sha256 of the file's bytes
	prev     *fileState // what the live index has for this path, if anything
}

// resolve matches catalog rows and sidecars to the library's PDFs,
// normalises their metadata and gives every file a unique id. Every problem
// is collected with its file and line; none stops the run.
func resolve(lib *library, v *Vocabulary) ([]*entry, []Problem) {
	var probs []Problem
	byPath := map[string]*pdfFile{}
	byFold := map[string]*pdfFile{}
	for _, f := range lib.pdfs {
		byPath[f.rel] = f
		byFold[strings.ToLower(f.rel)] = f
	}
	rows := map[string]*row{} // by file
	for _, cat := range lib.catalogs {
		data, err := os.ReadFile(filepath.Join(lib.root, filepath.FromSlash(cat)))
		if err != nil {
			probs = append(probs, Problem{File: cat, Message: "cannot read: " + errText(err)})
			continue
		}
		var rs []*row
		var ps []Problem
		if strings.EqualFold(path.Ext(cat), ".json") {
			rs, ps = parseCatalogJSON(cat, data)
		} else {
			rs, ps = parseCSV(cat, data)
		}
		probs = append(probs, ps...)
		for _, r := range rs {
			file := r.get("file")
			rel := catalogFile(cat, file)
			switch {
			case file == "":
				probs = append(probs, r.pos.problem("row has no file (ignored)"))
				continue
			case rel == "":
				probs = append(probs, r.pos.problem("file %q is outside the library (row ignored)", file))
				continue
			}
			f := byPath[rel]
			if f == nil {
				f = byFold[strings.ToLower(rel)]
			}
			if f == nil {
				probs = append(probs, r.pos.problem("file %q not found in the library (row ignored)", file))
				continue
			}
			if first, dup := rows[f.rel]; dup {
				probs = append(probs, r.pos.problem("second row for %q (the row at %s:%d is used)", file, first.pos.file, first.pos.line))
				continue
			}
			rows[f.rel] = r
		}
	}

	entries := make([]*entry, 0, len(lib.pdfs))
	for _, f := range lib.pdfs {
		e := &entry{file: f, row: rows[f.rel]}
		side := strings.TrimSuffix(f.rel, path.Ext(f.rel)) + ".json"
		if lib.sidecars[side] {
			if r, ps := readSidecar(lib.root, side); r != nil || len(ps) > 0 {
				probs = append(probs, ps...)
				e.row = mergeRows(e.row, r)
			}
		}
		if e.row != nil {
			var ps []Problem
			e.meta, ps = normalise(e.row, v)
			probs = append(probs, ps...)
		}
		entries = append(entries, e)
	}
	probs = append(probs, assignIDs(entries)...)
	probs = append(probs, assignWorks(entries)...)
	for _, e := range entries {
		e.metaHash = e.meta.hash(v.Version)
	}
	return entries, probs
}

func readSidecar(root, rel string) (*row, []Problem) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, []Problem{{File: rel, Message: "cannot read: " + errText(err)}}
	}
	return parseSidecar(rel, data)
}

// mergeRows lays the sidecar's fields over the catalog row's.
func mergeRows(cat, side *row) *row {
	if side == nil {
		return cat
	}
	if cat == nil {
		return side
	}
	m := &row{pos: cat.pos, fields: map[string]field{}}
	for k, f := range cat.fields {
		m.fields[k] = f
	}
	for k, f := range side.fields {
		if k != "file" {
			m.fields[k] = f
		}
	}
	return m
}

// assignIDs gives each entry its catalog id, or the default id derived from
// its path. An id used twice is kept by the first file (in path order) and
// the others get their default id.
func assignIDs(entries []*entry) []Problem {
	var probs []Problem
	taken := map[string]string{} // id → path
	for _, e := range entries {
		if e.row == nil {
			continue
		}
		id := e.row.get("id")
		if id == "" {
			continue
		}
		p := e.row.fields["id"].pos
		switch first, dup := taken[id]; {
		case !validID(id):
			probs = append(probs, p.problem("id %q has spaces, slashes or other characters not allowed in an id (the default id is used)", id))
		case dup:
			probs = append(probs, p.problem("duplicate id %q, already used by %s (the default id is used)", id, first))
		default:
			taken[id] = e.file.rel
			e.meta.ID = id
		}
	}
	// Default ids: the path's slug, or slug plus a hash of the path when
	// two paths share a slug or a catalog id takes it.
	count := map[string]int{}
	for _, e := range entries {
		if e.meta.ID == "" {
			count[slugID(e.file.rel)]++
		}
	}
	for _, e := range entries {
		if e.meta.ID != "" {
			continue
		}
		id := slugID(e.file.rel)
		if _, clash := taken[id]; clash || count[id] > 1 {
			id += "-" + pathHash(e.file.rel)
		}
		taken[id] = e.file.rel
		e.meta.ID = id
	}
	return probs
}

// assignWorks resolves "work" and "translation_of": documents of the same
// work (editions, translations) share a work key.
func assignWorks(entries []*entry) []Problem {
	var probs []Problem
	byID := map[string]*entry{}
	byFile := map[string]*entry{}
	for _, e := range entries {
		byID[e.meta.ID] = e
		byFile[strings.ToLower(e.file.rel)] = e
	}
	for _, e := range entries {
		if e.row != nil {
			e.meta.Work = e.row.get("work")
		}
	}
	// translation_of names another document by id or by file; follow the
	// chain (a translation of a translation) to the original's work.
	for _, e := range entries {
		if e.row == nil || e.meta.Work != "" {
			continue
		}
		of := e.row.get("translation_of")
		if of == "" {
			continue
		}
		p := e.row.fields["translation_of"].pos
		target := e
		seen := map[*entry]bool{e: true}
		for of != "" {
			next := byID[of]
			if next == nil {
				next = byFile[strings.ToLower(catalogFile(p.file, of))]
			}
			if next == nil {
				probs = append(probs, p.problem("translation_of %q names no document of the library", of))
				break
			}
			if seen[next] {
				probs = append(probs, p.problem("translation_of %q leads back to this document", of))
				break
			}
			seen[next] = true
			target = next
			of = ""
			if target.meta.Work == "" && target.row != nil {
				of = target.row.get("translation_of")
			}
		}
		if target != e {
			e.meta.Work = target.meta.Work
			if e.meta.Work == "" {
				e.meta.Work = target.meta.ID
			}
		}
	}
	return probs
}

func (e *entry) String() string { return fmt.Sprintf("%s (%s)", e.file.rel, e.meta.ID) }
