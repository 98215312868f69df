package opensearch

// languages with an analyzer of their own; any other language's text goes
// to the fields of otherLang (lower case, accents folded, no stemming), as
// in package search.
var languages = []string{"en", "fr", "es", "ru", "ar"}

const otherLang = "other"

func fieldLang(lang string) string {
	for _, l := range languages {
		if l == lang {
			return l
		}
	}
	return otherLang
}

func allLangs() []string { return append(append([]string(nil), languages...), otherLang) }

// facetFields are the metadata fields of the docs index, in the order of
// search.FacetNames (year apart), with the Document values they hold.
var facetFields = []string{"type", "region", "country", "tag", "publisher", "lang"}

// analysis defines analyzers that do what package search's do: stop words
// and a stemmer of the language, Latin accents folded to ASCII before
// stemming (so "protección" and "proteccion" meet), and for other languages
// lower case and folding only. The keyword normalizer hb_norm compares
// metadata values as search.Fold does.
func analysis() map[string]any {
	stop := func(lang string) map[string]any { return map[string]any{"type": "stop", "stopwords": "_" + lang + "_"} }
	stem := func(name string) map[string]any { return map[string]any{"type": "stemmer", "language": name} }
	an := func(filters ...string) map[string]any {
		return map[string]any{"type": "custom", "tokenizer": "standard", "filter": filters}
	}
	return map[string]any{
		"filter": map[string]any{
			"hb_en_stop": stop("english"), "hb_fr_stop": stop("french"), "hb_es_stop": stop("spanish"),
			"hb_ru_stop": stop("russian"), "hb_ar_stop": stop("arabic"),
			"hb_en_stem": stem("porter2"), "hb_fr_stem": stem("light_french"), "hb_es_stem": stem("light_spanish"),
			"hb_ru_stem": stem("russian"), "hb_ar_stem": stem("arabic"),
			"hb_en_possessive": stem("possessive_english"),
			"hb_fr_elision": map[string]any{"type": "elision", "articles_case": true,
				"articles": []string{"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"}},
		},
		"analyzer": map[string]any{
			"hb_en":    an("hb_en_possessive", "lowercase", "hb_en_stop", "asciifolding", "hb_en_stem"),
			"hb_fr":    an("hb_fr_elision", "lowercase", "hb_fr_stop", "asciifolding", "hb_fr_stem"),
			"hb_es":    an("lowercase", "hb_es_stop", "asciifolding", "hb_es_stem"),
			"hb_ru":    an("lowercase", "hb_ru_stop", "hb_ru_stem"),
			"hb_ar":    an("lowercase", "decimal_digit", "hb_ar_stop", "arabic_normalization", "hb_ar_stem"),
			"hb_other": an("lowercase", "asciifolding"),
			"hb_fold":  an("lowercase", "asciifolding"),
		},
		"normalizer": map[string]any{
			"hb_norm": map[string]any{"type": "custom", "filter": []string{"lowercase", "asciifolding"}},
		},
	}
}

// docsMapping: one entry per document (handbook). Metadata are keywords
// (as given, for facet labels) with a folded sub-field .f (for filters and
// type: prefixes); title, summary and body are text in the fields of the
// document's language; "words" gets a copy of all of it, folded and
// unstemmed, for prefixes and did-you-mean; "doc" keeps the Document's
// metadata as given, not indexed.
func docsMapping() map[string]any {
	props := map[string]any{
		"id":          map[string]any{"type": "keyword"},
		"work":        map[string]any{"type": "keyword"},
		"title_key":   map[string]any{"type": "keyword"},
		"year":        map[string]any{"type": "integer"},
		"pages":       map[string]any{"type": "integer"},
		"added":       map[string]any{"type": "date"},
		"tags_text":   map[string]any{"type": "text", "analyzer": "hb_en", "copy_to": []string{"words"}},
		"words":       map[string]any{"type": "text", "analyzer": "hb_fold"},
		"title_words": map[string]any{"type": "text", "analyzer": "hb_fold", "fielddata": true},
		"doc":         map[string]any{"type": "object", "enabled": false},
		// The same metadata as one JSON value in doc values: hits read it
		// without decompressing _source, which holds the whole text.
		"meta": map[string]any{"type": "keyword", "index": false, "doc_values": true, "ignore_above": maxMetaBytes},
	}
	for _, f := range facetFields {
		props[f] = map[string]any{"type": "keyword",
			"fields": map[string]any{"f": map[string]any{"type": "keyword", "normalizer": "hb_norm"}}}
	}
	for _, l := range allLangs() {
		a := "hb_" + l
		props["title_"+l] = map[string]any{"type": "text", "analyzer": a, "copy_to": []string{"words", "title_words"}}
		props["summary_"+l] = map[string]any{"type": "text", "analyzer": a, "copy_to": []string{"words"}}
		props["body_"+l] = map[string]any{"type": "text", "analyzer": a, "copy_to": []string{"words"}}
	}
	return map[string]any{"dynamic": "strict", "properties": props}
}

// maxMetaBytes bounds the metadata kept in doc values (a keyword's limit
// is 32,766 bytes); a larger one is read from _source.
const maxMetaBytes = 32000

// pagesMapping: one entry per physical page, id "DOC#N", routed by its
// document so that all the pages of a document are on one shard. The text
// is in the field of the document's language, with offsets for passages.
func pagesMapping() map[string]any {
	props := map[string]any{
		"doc":   map[string]any{"type": "keyword"},
		"page":  map[string]any{"type": "integer"},
		"label": map[string]any{"type": "keyword", "index": false},
		"lang":  map[string]any{"type": "keyword"},
	}
	for _, l := range allLangs() {
		props["text_"+l] = map[string]any{"type": "text", "analyzer": "hb_" + l, "index_options": "offsets"}
	}
	return map[string]any{"dynamic": "strict", "_routing": map[string]any{"required": true}, "properties": props}
}

// pagesPerShard: a shard of the page index is kept near 10⁷ pages (about
// 20-30 GB with text, offsets and the copy in _source), within the 10-50 GB
// per shard that OpenSearch advises. The docs index holds the same text
// once more, so it gets as many shards.
const pagesPerShard = 10_000_000

func shardsFor(pages int) int { return max(1, (pages+pagesPerShard-1)/pagesPerShard) }

// indexBody is the body that creates an index of a generation: it is
// loaded without refreshes, with its replicas from the start so that a
// node lost during the load loses no shard.
func indexBody(mapping map[string]any, shards, replicas int) map[string]any {
	return map[string]any{
		"settings": map[string]any{
			"number_of_shards":   shards,
			"number_of_replicas": replicas,
			"refresh_interval":   "-1",
			"max_result_window":  maxResultWindow,
			"analysis":           analysis(),
		},
		"mappings": mapping,
	}
}

// maxResultWindow is how deep from+size may go, in works. Paging beyond
// needs a cursor in package search; here the cursor is a position (see
// doc.go), so it is bounded by this too.
const maxResultWindow = 10_000
