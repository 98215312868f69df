package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Languages with their own analyzer (stemming and stop words). Text in any
// other language goes to the generic fields (suffix "xx"), analysed by
// foldAnalyzer: lower case and accent folding, no stemming.
var languages = []string{"en", "fr", "es", "ru", "ar"}

const otherLang = "xx"

// Field names of the document-level index.
const (
	fType      = "type"
	fRegion    = "region"
	fCountry   = "country"
	fTag       = "tag"
	fPublisher = "publisher"
	fLang      = "lang"
	fYear      = "year"   // keyword, for term facets and filters
	fYearNum   = "year_n" // number, for ranges and sorting
	fWork      = "work"
	fMeta      = "meta"  // stored only: the Document (without pages) as JSON
	fWords     = "words" // title, summary, tags and body, folded, unstemmed: suggestions and did-you-mean
	fTagsText  = "tags_text"
)

// Field names of the page-level index.
const (
	fDoc   = "doc"
	fPage  = "page"
	fLabel = "label"
	fText  = "text" // stored only: the page text
	// stored only: where the text came from ("glyphs", "ocr") and, for
	// OCR, the engine's confidence
	fSource     = "source"
	fConfidence = "confidence"
)

// Per-language text fields: title_en, summary_en, body_en (documents) and
// text_en (pages).
func titleField(lang string) string   { return "title_" + lang }
func summaryField(lang string) string { return "summary_" + lang }
func bodyField(lang string) string    { return "body_" + lang }
func pageField(lang string) string    { return "text_" + lang }
func headField(lang string) string    { return "head_" + lang }

// pairsField (documents) holds the title, summary, tags and body as pairs
// of adjacent words (shingles; a removed stop word leaves a "_"), without
// positions: phrases and the phrase boost are matched there as plain
// terms, which costs a fraction of positional phrase matching over whole
// handbooks.
func pairsField(lang string) string { return "pairs_" + lang }

// fieldLang maps a document's language to the suffix of its text fields.
func fieldLang(lang string) string {
	for _, l := range languages {
		if l == lang {
			return l
		}
	}
	return otherLang
}

// Analyzer names.
const (
	foldFilter   = "handbooks_fold"
	foldAnalyzer = "hb_fold"
	pairsFilter  = "hb_pairs"
	pairsSuffix  = "_pairs" // analyzer of a pairs field: its language's + pairsFilter
)

func analyzerFor(lang string) string {
	if lang == otherLang {
		return foldAnalyzer
	}
	return "hb_" + lang
}

func init() {
	registry.RegisterTokenFilter(foldFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{}, nil
	})
}

// foldTokens folds accented Latin letters to ASCII ("protección" →
// "proteccion") and Russian ё to е, token by token. Unlike a char filter it
// leaves token offsets pointing into the original text, so passages can be
// marked in the stored page text.
type foldTokens struct{}

var asciiFolder = asciifolding.New()

func (foldTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		tok.Term = foldTerm(tok.Term)
	}
	return input
}

func foldTerm(term []byte) []byte {
	ascii := true
	for _, b := range term {
		if b >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return term
	}
	out := asciiFolder.Filter(term)
	// ё/Ё are not folded by the ASCII folder; Russian writers often omit the diaeresis.
	rs := []rune(string(out))
	changed := false
	for i, r := range rs {
		if r == 'ё' || r == 'Ё' {
			rs[i] = 'е'
			changed = true
		}
	}
	if changed {
		return []byte(string(rs))
	}
	return out
}

// addAnalyzers defines the custom analyzers. Folding comes before stemming
// so that accented and unaccented spellings stem alike; stop words are
// removed before folding because the stop lists are accented.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomTokenFilter("hb_nfkc", map[string]interface{}{
		"type": unicodenorm.Name, "form": unicodenorm.NFKC,
	}); err != nil {
		return err
	}
	chains := map[string][]string{
		foldAnalyzer: {lowercase.Name, foldFilter},
		"hb_en":      {en.PossessiveName, lowercase.Name, en.StopName, foldFilter, en.SnowballStemmerName},
		"hb_fr":      {lowercase.Name, fr.ElisionName, fr.StopName, foldFilter, fr.LightStemmerName},
		"hb_es":      {lowercase.Name, es.StopName, foldFilter, es.LightStemmerName},
		"hb_ru":      {lowercase.Name, ru.StopName, foldFilter, ru.SnowballStemmerName},
		"hb_ar":      {lowercase.Name, "hb_nfkc", ar.StopName, ar.NormalizeName, ar.StemmerName, foldFilter},
	}
	if err := m.AddCustomTokenFilter(pairsFilter, map[string]interface{}{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false,
	}); err != nil {
		return err
	}
	for name, filters := range chains {
		for _, pairs := range []bool{false, true} {
			fs := make([]interface{}, 0, len(filters)+1)
			for _, f := range filters {
				fs = append(fs, f)
			}
			n := name
			if pairs {
				fs = append(fs, pairsFilter)
				n += pairsSuffix
			}
			if err := m.AddCustomAnalyzer(n, map[string]interface{}{
				"type":          custom.Name,
				"tokenizer":     unicode.Name,
				"token_filters": fs,
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

func textField(analyzer string, store, vectors bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = store
	f.IncludeTermVectors = vectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField() *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = true
	return f
}

func storedOnly() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = keyword.Name
	f.Index = false
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func newMapping() (*mapping.IndexMappingImpl, *mapping.DocumentMapping) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = foldAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	dm := bleve.NewDocumentStaticMapping()
	m.DefaultMapping = dm
	return m, dm
}

// docsMapping is the document-level index: one Bleve document per handbook,
// for ranking, filters and facets.
func docsMapping() (*mapping.IndexMappingImpl, error) {
	m, dm := newMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	for _, f := range []string{fType, fRegion, fCountry, fTag, fPublisher, fLang, fYear, fWork} {
		dm.AddFieldMappingsAt(f, keywordField())
	}
	year := bleve.NewNumericFieldMapping()
	year.IncludeInAll = false
	year.Store = false
	year.DocValues = true
	dm.AddFieldMappingsAt(fYearNum, year)
	dm.AddFieldMappingsAt(fMeta, storedOnly())
	dm.AddFieldMappingsAt(fWords, textField(foldAnalyzer, false, false))
	phrases := keywordField()
	phrases.DocValues = false
	dm.AddFieldMappingsAt(fPhrases, phrases)
	dm.AddFieldMappingsAt(fTagsText, textField("hb_en", false, false))
	for _, l := range append(languages[:len(languages):len(languages)], otherLang) {
		a := analyzerFor(l)
		// Nothing stored; positions only in titles (title:"..." phrases).
		// Phrases elsewhere are matched on the word pairs.
		dm.AddFieldMappingsAt(titleField(l), textField(a, false, true))
		dm.AddFieldMappingsAt(summaryField(l), textField(a, false, false))
		dm.AddFieldMappingsAt(bodyField(l), textField(a, false, false))
		dm.AddFieldMappingsAt(pairsField(l), textField(a+pairsSuffix, false, false))
	}
	return m, m.Validate()
}

// pagesMapping is the page-level index: one Bleve document per page, with
// the text stored and its terms' positions kept, for passages. Phrases are
// not matched by position at query time on pages either: a positional
// phrase searcher scans every page of the index holding the phrase's words,
// whatever else restricts the query; a phrase's words must all be on the
// page instead.
func pagesMapping() (*mapping.IndexMappingImpl, error) {
	m, dm := newMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	doc := keywordField()
	doc.DocValues = false
	dm.AddFieldMappingsAt(fDoc, doc)
	dm.AddFieldMappingsAt(fLabel, storedOnly())
	dm.AddFieldMappingsAt(fText, storedOnly())
	dm.AddFieldMappingsAt(fSource, storedOnly())
	dm.AddFieldMappingsAt(fConfidence, storedOnly())
	for _, l := range append(languages[:len(languages):len(languages)], otherLang) {
		dm.AddFieldMappingsAt(pageField(l), textField(analyzerFor(l), false, true))
		dm.AddFieldMappingsAt(headField(l), textField(analyzerFor(l), false, false))
	}
	return m, m.Validate()
}
