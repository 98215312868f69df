package search

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// Page evidence. BM25 over a page sees each word apart: a page that
// repeats two of five words outranks the page holding all five in one
// paragraph, and "in force ... labour" counts like "forced labour". The
// best pages of the documents ranked again are therefore read back with
// the positions of the query's words and scored on what a reader sees:
//
//   - coverage: the share of the query's parts on the page, each weighed
//     by its inverse page frequency (a rare word says more);
//   - proximity: parts typed next to each other found within a few words
//     of each other, and the share of the parts found together in one
//     passage of windowWords words;
//   - exact form: a part found as typed ("forced"), not only through its
//     stem ("force");
//   - place: a part in the page's opening lines, where its heading is.
//
// A page's score is its BM25 (scaled to the best candidate's) plus these,
// weighed by the evidence weights below (tuned on the tune half of the
// judged set).

// Evidence weights, relative to the page's scaled BM25 (1).
const (
	weightCoverage  = 1.0
	weightProximity = 1.0
	weightExact     = 0.3
	weightOpening   = 0.3
)

const (
	// evidencePerDoc and evidencePages bound the pages read back: the best
	// of each document by BM25, and in all.
	evidencePerDoc = 8
	evidencePages  = 200
	// windowWords is the span of one passage, in word positions.
	windowWords = 30
	// openingWords is how far into a page its opening lines reach.
	openingWords = 25
)

// evidence holds what pages are scored against: the query's parts, each
// with the terms it is found by in each language.
type evidence struct {
	g     *generation
	parts []part
	byLng map[string][]partTerms
	r     index.IndexReader // page index, for page frequencies
}

// part is a unit of the query (required or left out by soft matching).
type part struct {
	texts []string // as typed first, then its equivalents
	exact []string // the typed words, folded
}

// partTerms are a part's terms in one language: each alternative is a
// list of terms that must all be on the page.
type partTerms struct {
	alts [][]string
	idf  float64
}

func newEvidence(g *generation, c *compiled) *evidence {
	e := &evidence{g: g, byLng: map[string][]partTerms{}}
	for _, u := range c.units {
		if u.pq == nil || len(u.texts) == 0 {
			continue
		}
		p := part{texts: u.texts}
		for _, w := range strings.Fields(fold(u.texts[0])) {
			w = strings.Trim(w, "*\"")
			if w != "" {
				p.exact = append(p.exact, w)
			}
		}
		e.parts = append(e.parts, p)
	}
	return e
}

// terms returns the parts' terms in language l (a field suffix).
func (e *evidence) terms(l string) []partTerms {
	if ts, ok := e.byLng[l]; ok {
		return ts
	}
	a := e.g.ix.pages.Mapping().AnalyzerNamed(analyzerFor(l))
	ts := make([]partTerms, len(e.parts))
	for i, p := range e.parts {
		for _, t := range p.texts {
			var terms []string
			if a != nil {
				for _, tok := range a.Analyze([]byte(strings.Trim(t, "*"))) {
					terms = append(terms, string(tok.Term))
				}
			}
			if len(terms) > 0 {
				ts[i].alts = append(ts[i].alts, terms)
			}
		}
		ts[i].idf = e.idf(l, ts[i].alts)
	}
	e.byLng[l] = ts
	return ts
}

// idf is the inverse page frequency of a part: that of its rarest term
// as typed (its first alternative).
func (e *evidence) idf(l string, alts [][]string) float64 {
	if len(alts) == 0 || e.r == nil {
		return 1
	}
	n := float64(max(e.g.pages, 1))
	df := n
	for _, t := range alts[0] {
		tfr, err := e.r.TermFieldReader(context.Background(), []byte(t), pageField(l), false, false, false)
		if err != nil {
			continue
		}
		df = min(df, float64(tfr.Count()))
		tfr.Close()
	}
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// pageWords is what a page holds of the query: each term's positions and
// the folded forms found in the text.
type pageWords struct {
	pos   map[string][]int
	forms map[string]bool
}

// score is the evidence score of a page in language l, 0 to
// weightCoverage+weightProximity+weightExact+weightOpening.
func (e *evidence) score(l string, pw pageWords) float64 {
	ts := e.terms(l)
	total := 0.0
	for _, t := range ts {
		total += t.idf
	}
	if total == 0 {
		return 0
	}
	var cov, exact, opening, pairs float64
	npairs := 0
	first := make([][]int, len(ts)) // positions of each part found, sorted
	for i, t := range ts {
		ps := partPositions(t, pw)
		if len(ps) == 0 {
			continue
		}
		first[i] = ps
		cov += t.idf
		if ps[0] <= openingWords {
			opening += t.idf
		}
		all := len(e.parts[i].exact) > 0
		for _, w := range e.parts[i].exact {
			all = all && pw.forms[w]
		}
		if all {
			exact += t.idf
		}
	}
	for i := 0; i+1 < len(ts); i++ {
		npairs++
		if d := minDistance(first[i], first[i+1]); d > 0 {
			switch {
			case d <= 2:
				pairs++
			case d <= 5:
				pairs += 0.5
			case d <= 15:
				pairs += 0.2
			}
		}
	}
	prox := 0.0
	if npairs > 0 {
		prox = 0.5*pairs/float64(npairs) + 0.5*bestWindow(ts, first)/total
	}
	return weightCoverage*cov/total + weightProximity*prox + weightExact*exact/total + weightOpening*opening/total
}

// partPositions returns the sorted positions where a part is found: the
// first term of each alternative whose terms are all on the page.
func partPositions(t partTerms, pw pageWords) []int {
	var out []int
	for _, alt := range t.alts {
		ok := true
		for _, term := range alt {
			ok = ok && len(pw.pos[term]) > 0
		}
		if ok {
			out = append(out, pw.pos[alt[0]]...)
		}
	}
	sort.Ints(out)
	return out
}

// minDistance is the least distance between a position of a and one of
// b (0 when either is empty).
func minDistance(a, b []int) int {
	best := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		d := a[i] - b[j]
		if d < 0 {
			d = -d
		}
		if best == 0 || d < best {
			best = d
		}
		if a[i] < b[j] {
			i++
		} else {
			j++
		}
	}
	return best
}

// bestWindow is the largest idf-weighted sum of distinct parts found
// within windowWords positions of each other.
func bestWindow(ts []partTerms, pos [][]int) float64 {
	type hit struct{ pos, part int }
	var hits []hit
	for i, ps := range pos {
		for _, p := range ps {
			hits = append(hits, hit{p, i})
		}
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].pos < hits[b].pos })
	count := make([]int, len(ts))
	best, cur := 0.0, 0.0
	lo := 0
	for _, h := range hits {
		if count[h.part] == 0 {
			cur += ts[h.part].idf
		}
		count[h.part]++
		for hits[lo].pos < h.pos-windowWords {
			count[hits[lo].part]--
			if count[hits[lo].part] == 0 {
				cur -= ts[hits[lo].part].idf
			}
			lo++
		}
		best = max(best, cur)
	}
	return best
}

// rescorePages adds the evidence score to the best pages of each
// document in found (their BM25 scaled to the best one's) and sorts each
// document's pages again. Pages beyond the ones read keep their BM25
// alone, below the others.
func rescorePages(ctx context.Context, g *generation, c *compiled, found map[string][]pageScore) error {
	e := newEvidence(g, c)
	if len(e.parts) == 0 || c.marks == nil {
		return nil
	}
	type cand struct {
		doc string
		i   int
	}
	var cands []cand
	maxScore := 0.0
	for doc, ps := range found {
		for i := range ps[:min(evidencePerDoc, len(ps))] {
			cands = append(cands, cand{doc, i})
			maxScore = max(maxScore, ps[i].score)
		}
	}
	if len(cands) == 0 || maxScore == 0 {
		return nil
	}
	sort.Slice(cands, func(a, b int) bool {
		return found[cands[a].doc][cands[a].i].score > found[cands[b].doc][cands[b].i].score
	})
	cands = cands[:min(len(cands), evidencePages)]
	ids := make([]string, len(cands))
	for i, cd := range cands {
		ids[i] = pageID(cd.doc, found[cd.doc][cd.i].n)
	}
	words, err := readPageWords(ctx, g, c, ids)
	if err != nil {
		return err
	}
	if adv, err := g.ix.pages.Advanced(); err == nil {
		if r, err := adv.Reader(); err == nil {
			e.r = r
			defer r.Close()
		}
	}
	read := map[string]bool{}
	for _, cd := range cands {
		p := &found[cd.doc][cd.i]
		read[pageID(cd.doc, p.n)] = true
		s := p.score / maxScore
		if pw, ok := words[pageID(cd.doc, p.n)]; ok {
			d := g.byID[cd.doc]
			l := otherLang
			if d != nil {
				l = fieldLang(d.Language)
			}
			ev := e.score(l, pw)
			if d != nil && d.contents[p.n] {
				ev *= contentsWeight
			}
			s += ev
		}
		p.score = s
	}
	for doc, ps := range found {
		for i := range ps {
			if !read[pageID(doc, ps[i].n)] {
				ps[i].score /= maxScore
			}
		}
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].score != ps[j].score {
				return ps[i].score > ps[j].score
			}
			return ps[i].n < ps[j].n
		})
	}
	return nil
}

// readPageWords reads the given pages back with the positions of the
// query's words and the forms they have in the text.
func readPageWords(ctx context.Context, g *generation, c *compiled, ids []string) (map[string]pageWords, error) {
	q := bleve.NewConjunctionQuery(&numbersQuery{nums: g.pageNumbers(ids)}, c.marks)
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Fields = []string{fText, fLabel, fSource, fConfidence}
	req.IncludeLocations = true
	req.Score = "none"
	res, err := g.ix.pages.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(map[string]pageWords, len(res.Hits))
	for _, h := range res.Hits {
		text, _ := h.Fields[fText].(string)
		pw := pageWords{pos: map[string][]int{}, forms: map[string]bool{}}
		for field, tlm := range h.Locations {
			if !strings.HasPrefix(field, "text_") {
				continue
			}
			for term, locs := range tlm {
				for _, l := range locs {
					pw.pos[term] = append(pw.pos[term], int(l.Pos))
					if int(l.End) <= len(text) && l.Start < l.End {
						pw.forms[fold(text[l.Start:l.End])] = true
					}
				}
			}
		}
		out[h.ID] = pw
		label, _ := h.Fields[fLabel].(string)
		keepPage(ctx, h.ID, withSource(pageRead{text: text, label: label, spans: textSpans(h.Locations)}, h.Fields)) // for passages
	}
	return out, nil
}
