package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	w := func(s string) Node { return &Word{Text: s} }
	tests := []struct {
		in   string
		want []Node
	}{
		{"", nil},
		{"   ", nil},
		{"duty", []Node{w("duty")}},
		{"duty to notify", []Node{w("duty"), w("to"), w("notify")}},
		{`"duty to notify"`, []Node{&Phrase{Text: "duty to notify"}}},
		{`"  duty   to notify "`, []Node{&Phrase{Text: "duty to notify"}}},
		{"-smuggling", []Node{&Not{Child: w("smuggling")}}},
		{`-"forced marriage"`, []Node{&Not{Child: &Phrase{Text: "forced marriage"}}}},
		{"labour OR labor", []Node{&Or{Children: []Node{w("labour"), w("labor")}}}},
		{"a OR b OR c d", []Node{&Or{Children: []Node{w("a"), w("b"), w("c")}}, w("d")}},
		{"traffick*", []Node{&Prefix{Text: "traffick"}}},
		{"title:guide", []Node{&Word{Text: "guide", Field: "title"}}},
		{`title:"first responder"`, []Node{&Phrase{Text: "first responder", Field: "title"}}},
		{"TITLE:guide", []Node{&Word{Text: "guide", Field: "title"}}},
		{"type:Guidance", []Node{&FieldValue{Field: "type", Value: "Guidance"}}},
		{`region:"South Asia"`, []Node{&FieldValue{Field: "region", Value: "South Asia"}}},
		{"country:Kenya", []Node{&FieldValue{Field: "country", Value: "Kenya"}}},
		{"tag:referral", []Node{&FieldValue{Field: "tag", Value: "referral"}}},
		{"publisher:ILO", []Node{&FieldValue{Field: "publisher", Value: "ILO"}}},
		{"lang:fr", []Node{&FieldValue{Field: "lang", Value: "fr"}}},
		{"-type:leaflet", []Node{&Not{Child: &FieldValue{Field: "type", Value: "leaflet"}}}},
		{"year:2018", []Node{&YearRange{From: 2018, To: 2018}}},
		{"year:2015..2020", []Node{&YearRange{From: 2015, To: 2020}}},
		{"year:2015..", []Node{&YearRange{From: 2015}}},
		{"year:..2020", []Node{&YearRange{To: 2020}}},
		{"year:>=2018", []Node{&YearRange{From: 2018}}},
		{"year:>2018", []Node{&YearRange{From: 2019}}},
		{"year:<=2018", []Node{&YearRange{To: 2018}}},
		{"year:<2018", []Node{&YearRange{To: 2017}}},
		{"type:guidance OR type:toolkit", []Node{&Or{Children: []Node{&FieldValue{Field: "type", Value: "guidance"}, &FieldValue{Field: "type", Value: "toolkit"}}}}},
		{"child type:guidance year:>=2018", []Node{w("child"), &FieldValue{Field: "type", Value: "guidance"}, &YearRange{From: 2018}}},
		// Malformed input: searched as plain words.
		{"year:abc", []Node{w("year:abc")}},
		{"year:2020..2015", []Node{w("year:2020..2015")}},
		{"year:20", []Node{w("year:20")}},
		{"year:..", []Node{w("year:..")}},
		{"foo:bar", []Node{w("foo:bar")}},
		{"type:", []Node{w("type:")}},
		{`"unclosed phrase`, []Node{w("unclosed"), w("phrase")}},
		{`title:"unclosed`, []Node{w("title:"), w("unclosed")}},
		{`-"unclosed`, []Node{w("unclosed")}},
		{`""`, nil},
		{"NOT child", []Node{&Not{Child: w("child")}}},
		{"referral NOT child", []Node{w("referral"), &Not{Child: w("child")}}},
		{"referral AND child", []Node{w("referral"), w("child")}},
		{"not and or", []Node{w("not"), w("and"), w("or")}},
		{"NOT -child", []Node{w("child")}},
		{"NOT", nil},
		{"referral NOT", []Node{w("referral")}},
		{"(forced labour) OR trafficking", []Node{&Or{Children: []Node{&And{Children: []Node{w("forced"), w("labour")}}, w("trafficking")}}}},
		{"(labour OR labor) exploitation", []Node{&Or{Children: []Node{w("labour"), w("labor")}}, w("exploitation")}},
		{"referral -(child OR minor)", []Node{w("referral"), &Not{Child: &Or{Children: []Node{w("child"), w("minor")}}}}},
		{"referral NOT (child minor)", []Node{w("referral"), &Not{Child: &And{Children: []Node{w("child"), w("minor")}}}}},
		{`("duty to notify")`, []Node{&Phrase{Text: "duty to notify"}}},
		{"(a b", []Node{w("a"), w("b")}},
		{"a b)", []Node{w("a"), w("b")}},
		{"section(1) form", []Node{w("section(1)"), w("form")}},
		{"()", nil},
		{"OR", nil},
		{"OR duty", []Node{w("duty")}},
		{"duty OR", []Node{w("duty")}},
		{"duty OR OR notify", []Node{w("duty"), w("notify")}},
		{"or", []Node{w("or")}},
		{"-", nil},
		{"--", nil},
		{"*", nil},
		{"a*b", []Node{w("a*b")}},
		{"***", nil},
		{"!!! ???", nil},
		{"\xff\xfe bad utf8", []Node{w("bad"), w("utf8")}},
	}
	for _, tt := range tests {
		got := ParseQuery(tt.in)
		if !reflect.DeepEqual(got.Children, tt.want) {
			t.Errorf("ParseQuery(%q) = %v, want %v", tt.in, got, (&And{Children: tt.want}))
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"duty to notify", `"a b" -c OR d`, "year:2015..2020 type:x", `title:"x`, "a* -type:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		tree := ParseQuery(q)
		var check func(n Node, depth int)
		check = func(n Node, depth int) {
			if depth > 3 {
				t.Fatalf("tree too deep: %v", tree)
			}
			switch n := n.(type) {
			case *Word:
				if n.Text == "" || !utf8.ValidString(n.Text) || strings.ContainsFunc(n.Text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
					t.Fatalf("bad word %q from %q", n.Text, q)
				}
			case *Phrase:
				if n.Text == "" || !utf8.ValidString(n.Text) {
					t.Fatalf("bad phrase %q from %q", n.Text, q)
				}
			case *Prefix:
				if n.Text == "" {
					t.Fatalf("empty prefix from %q", q)
				}
			case *YearRange:
				if n.From != 0 && n.To != 0 && n.From > n.To {
					t.Fatalf("empty year range %v from %q", n, q)
				}
			case *Or:
				if len(n.Children) < 2 {
					t.Fatalf("OR with %d children from %q", len(n.Children), q)
				}
				for _, c := range n.Children {
					check(c, depth+1)
				}
			case *Not:
				check(n.Child, depth+1)
			}
			_ = n.String()
		}
		for _, n := range tree.Children {
			check(n, 1)
		}
		// Parsing the printed form again must not panic either.
		ParseQuery(tree.String())
	})
}

func TestParseQuerySentencePunctuation(t *testing.T) {
	for q, want := range map[string]string{
		"no ID, can I still refer her?": "(and no ID can I still refer her)",
		"U.K. guidance":                 "(and U.K guidance)",
		"section(1) form":               "(and section(1) form)",
	} {
		if got := ParseQuery(q).String(); got != want {
			t.Errorf("ParseQuery(%q) = %s, want %s", q, got, want)
		}
	}
}
