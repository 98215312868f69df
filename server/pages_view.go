package server

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"handbooks/search"
)

// filterParam describes one repeatable filter parameter of a search URL,
// shared by the page and /api/search.
type filterParam struct {
	Param string // URL parameter and facet name
	Label string // what a person reads
	field func(*search.Filters) *[]string
}

var filterParams = []filterParam{
	{"type", "Type", func(f *search.Filters) *[]string { return &f.Types }},
	{"region", "Region", func(f *search.Filters) *[]string { return &f.Regions }},
	{"country", "Country", func(f *search.Filters) *[]string { return &f.Countries }},
	{"tag", "Topic", func(f *search.Filters) *[]string { return &f.Tags }},
	{"publisher", "Publisher", func(f *search.Filters) *[]string { return &f.Publishers }},
	{"lang", "Language", func(f *search.Filters) *[]string { return &f.Languages }},
}

// stateParams are the parameters that make up a search page's state; any
// other parameter in a request is dropped from the links the page makes.
var stateParams = []string{"q", "type", "region", "country", "tag", "publisher", "lang", "year_from", "year_to", "sort", "per_page"}

// searchState is the query string of a search page, from which every link
// on the page is derived: a link is the state with one thing changed.
type searchState url.Values

func newSearchState(v url.Values) searchState {
	s := searchState{}
	for _, k := range stateParams {
		for _, x := range v[k] {
			if x = strings.TrimSpace(x); x != "" {
				s[k] = append(s[k], x)
			}
		}
	}
	return s
}

func (s searchState) clone() searchState {
	c := make(searchState, len(s))
	for k, v := range s {
		c[k] = append([]string(nil), v...)
	}
	return c
}

// URL is the page address of the state.
func (s searchState) URL() string {
	if len(s) == 0 {
		return "/"
	}
	return "/?" + url.Values(s).Encode()
}

func (s searchState) get(k string) string {
	if v := s[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (s searchState) has(k, v string) bool {
	for _, x := range s[k] {
		if x == v {
			return true
		}
	}
	return false
}

// without removes one value of a parameter (every value when v is "").
func (s searchState) without(k, v string) searchState {
	c := s.clone()
	if v == "" {
		delete(c, k)
		return c
	}
	var keep []string
	for _, x := range c[k] {
		if x != v {
			keep = append(keep, x)
		}
	}
	if len(keep) == 0 {
		delete(c, k)
	} else {
		c[k] = keep
	}
	return c
}

func (s searchState) with(k, v string) searchState {
	c := s.clone()
	c[k] = []string{v}
	return c
}

func (s searchState) filtered() bool {
	for _, k := range stateParams {
		if k != "q" && k != "sort" && k != "per_page" && len(s[k]) > 0 {
			return true
		}
	}
	return false
}

// chip is an active filter shown above the results, removable by its link.
type chip struct {
	Label  string // "Region"
	Value  string // "Europe"
	Remove string // the page without this filter
	param  string
	value  string // "" for the year range, which goes as a whole
}

func (s searchState) chips() []chip {
	var cs []chip
	for _, f := range filterParams {
		for _, v := range s[f.Param] {
			shown := v
			if f.Param == "lang" {
				shown = langName(v)
			}
			cs = append(cs, chip{Label: f.Label, Value: shown, Remove: s.without(f.Param, v).URL(), param: f.Param, value: v})
		}
	}
	from, to := s.get("year_from"), s.get("year_to")
	if from != "" || to != "" {
		var v string
		switch {
		case from == to:
			v = from
		case from == "":
			v = "up to " + to
		case to == "":
			v = from + " or later"
		default:
			v = from + "–" + to
		}
		cs = append(cs, chip{Label: "Year", Value: v, Remove: s.without("year_from", "").without("year_to", "").URL(), param: "year"})
	}
	return cs
}

// facetItem is one selectable facet value, with nested values under it
// (countries and sub-regions under their region).
type facetItem struct {
	Param    string
	Value    string
	Label    string
	Count    int
	Selected bool
	ID       string // of its checkbox
	Children []facetItem
}

// facetGroup is one fieldset of the filter sidebar.
type facetGroup struct {
	Param string
	Label string
	Items []facetItem // shown
	More  []facetItem // behind "more"
}

// shownValues is how many values of a facet are listed before "more".
const shownValues = 8

// facetGroups arranges a result's facets for the sidebar. Selected values
// the result does not count are added with a zero count, so that they can be
// unticked.
func (s searchState) facetGroups(facets map[string][]search.Facet) []facetGroup {
	var gs []facetGroup
	for _, f := range filterParams {
		if f.Param == "country" {
			continue // nested under regions
		}
		var items []facetItem
		if f.Param == "region" {
			items = regionTree(s.items("region", facets["region"]), s.items("country", facets["country"]), facets)
		} else {
			items = s.items(f.Param, facets[f.Param])
		}
		if len(items) == 0 {
			continue
		}
		g := facetGroup{Param: f.Param, Label: f.Label}
		for i, it := range items {
			if i < shownValues || it.Selected || anySelected(it.Children) {
				g.Items = append(g.Items, it)
			} else {
				g.More = append(g.More, it)
			}
		}
		gs = append(gs, g)
	}
	return gs
}

func anySelected(items []facetItem) bool {
	for _, it := range items {
		if it.Selected || anySelected(it.Children) {
			return true
		}
	}
	return false
}

// items converts one facet's values, adding selected values it lacks. The
// index matches filter values without regard to case and may answer with
// its own spelling; a value the reader chose keeps the reader's spelling, so
// that its box and its chip name the same value.
func (s searchState) items(param string, values []search.Facet) []facetItem {
	chosen := map[string]string{} // folded → as in the URL
	for _, v := range s[param] {
		chosen[strings.ToLower(v)] = v
	}
	seen := map[string]bool{}
	var items []facetItem
	for _, v := range values {
		key := strings.ToLower(v.Value)
		if seen[key] {
			continue
		}
		seen[key] = true
		value, selected := v.Value, v.Selected
		if c, ok := chosen[key]; ok {
			value, selected = c, true
		}
		items = append(items, s.item(param, value, v.Count, selected, len(items)))
	}
	for _, v := range s[param] {
		if key := strings.ToLower(v); !seen[key] {
			seen[key] = true
			items = append(items, s.item(param, v, 0, true, len(items)))
		}
	}
	return items
}

func (s searchState) item(param, value string, count int, selected bool, i int) facetItem {
	label := value
	if param == "lang" {
		label = langName(value)
	}
	return facetItem{Param: param, Value: value, Label: label, Count: count, Selected: selected,
		ID: "f-" + param + "-" + strconv.Itoa(i)}
}

// regionTree nests sub-regions and countries under their parent region. A
// value whose parent is not among the regions stays at the top level.
func regionTree(regions, countries []facetItem, facets map[string][]search.Facet) []facetItem {
	// Keys are folded: "region\x00value" / "country\x00value" → parent region.
	parent := map[string]string{}
	for _, k := range []string{"region", "country"} {
		for _, f := range facets[k] {
			if f.Parent != "" {
				parent[k+"\x00"+strings.ToLower(f.Value)] = strings.ToLower(f.Parent)
			}
		}
	}
	isRegion := map[string]bool{}
	for _, r := range regions {
		isRegion[strings.ToLower(r.Value)] = true
	}
	children := map[string][]facetItem{}
	var top []facetItem
	for _, list := range [][]facetItem{regions, countries} {
		for _, it := range list {
			p := parent[it.Param+"\x00"+strings.ToLower(it.Value)]
			if p != "" && p != strings.ToLower(it.Value) && isRegion[p] {
				children[p] = append(children[p], it)
			} else {
				top = append(top, it)
			}
		}
	}
	var attach func(it facetItem, depth int) facetItem
	attach = func(it facetItem, depth int) facetItem {
		if it.Param == "region" && depth < 4 {
			for _, c := range children[strings.ToLower(it.Value)] {
				it.Children = append(it.Children, attach(c, depth+1))
			}
		}
		return it
	}
	for i := range top {
		top[i] = attach(top[i], 0)
	}
	return top
}

// yearRange is the year filter of the sidebar.
type yearRange struct {
	From, To string // as given
	Min, Max int    // of the years counted, 0 when none
}

func (s searchState) yearRange(years []search.Facet) yearRange {
	y := yearRange{From: s.get("year_from"), To: s.get("year_to")}
	var ns []int
	for _, f := range years {
		if n, err := strconv.Atoi(f.Value); err == nil && n > 0 && f.Count > 0 {
			ns = append(ns, n)
		}
	}
	if len(ns) > 0 {
		sort.Ints(ns)
		y.Min, y.Max = ns[0], ns[len(ns)-1]
	}
	return y
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// sortOptions are the choices of the sort box, the order the result was
// given in (applied; "" before a search) selected. Without words to rank
// by, a result is newest first whatever was asked: "Best match" is then not
// offered, and the order shown as chosen is that default, with the value ""
// so that a query typed next is ranked by relevance, not sent with
// sort=newest.
func (s searchState) sortOptions(applied string) []option {
	asked := s.get("sort")
	opts := []option{{"relevance", "Best match", false}, {"newest", "Newest first", false}, {"oldest", "Oldest first", false}, {"title", "Title A–Z", false}, {"added", "Recently added", false}}
	if applied != "" && applied != "relevance" && (asked == "" || asked == "relevance") {
		var out []option
		for _, o := range opts {
			switch o.Value {
			case "relevance":
			case applied:
				out = append([]option{{"", o.Label, true}}, out...)
			default:
				out = append(out, o)
			}
		}
		return out
	}
	cur := applied
	if cur == "" {
		cur = asked
	}
	if cur == "" {
		cur = "relevance"
	}
	for i := range opts {
		opts[i].Selected = opts[i].Value == cur
	}
	return opts
}
