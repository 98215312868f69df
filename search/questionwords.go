package search

import "strings"

// questionWords are words of a question that carry no subject of their own
// ("how can I ...", "what should we do if ...", "is it ok to ..."), beyond
// the analyzers' stop words. Like stop words they are optional: they may
// rank a page higher but never exclude one, and a question of nothing but
// them still requires them.
var questionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		can could may might must shall will would should need needs needed
		ok okay please tell know want wants wanted get gets got getting
		someone somebody anyone anybody everyone everybody something anything
		thing things still also really actually now anymore else whether
		happen happens happened happening mean means meant
		go goes going went do does doing done did make makes
		say says said see saw
		way ways kind sort lot lots much many
		us he she they him her them we i you it his hers their
		`) {
		questionWords[w] = true
	}
}

// isQuestionWord reports whether w, as typed, is a word of the question
// rather than of its subject.
func isQuestionWord(w string) bool {
	return questionWords[fold(strings.Trim(w, "?!.,;:'\""))]
}
