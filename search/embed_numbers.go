package search

import "strings"

// numberWords are English number words. Their vectors sit next to each
// other ("six" next to "five" and "seven") although one never stands for
// another: the bridge neither expands them nor offers them.
var numberWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`zero one two three four five six seven eight nine ten
		eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
		thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
		first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
		dozen half quarter twice once thrice single double triple`) {
		m[w] = true
	}
	return m
}()
