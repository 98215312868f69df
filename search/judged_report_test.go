package search_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// judgedTable prints S@1, S@3, MRR and empty results per engine, split
// and query type.
func judgedTable(engines []judgedEngine, qs []judgedQuery, out map[string][]judgedOutcome) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s %-9s %-10s %4s %5s %5s %5s %5s\n", "engine", "split", "type", "n", "S@1", "S@3", "MRR", "empty")
	for _, split := range []string{"held-out", "tune", "all"} {
		for _, typ := range append([]string{"all"}, judgedTypes...) {
			for _, e := range engines {
				s := scoreOf(qs, out[e.Name()], split, typ)
				if s.N == 0 {
					continue
				}
				fmt.Fprintf(&b, "%-10s %-9s %-10s %4d %5.2f %5.2f %5.2f %5d\n", e.Name(), split, typ, s.N, s.at1(), s.at3(), s.mrr(), s.Empty)
			}
		}
	}
	return b.String()
}

func scoreOf(qs []judgedQuery, out []judgedOutcome, split, typ string) judgedScore {
	var s judgedScore
	for i, q := range qs {
		if (split == "all" || q.Split == split) && (typ == "all" || q.Type == typ) {
			s.add(out[i])
		}
	}
	return s
}

// judgedMisses lists the queries whose answer is not first in our
// engine's list, with what came first instead and the baselines' ranks.
func judgedMisses(engines []judgedEngine, qs []judgedQuery, out map[string][]judgedOutcome, heldOut bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "queries whose answer is not first (rank 0: not in the list; baselines' ranks in brackets)\n")
	ours := out[engines[0].Name()]
	for i, q := range qs {
		if ours[i].Rank == 1 || (q.Split == "held-out" && !heldOut) {
			continue
		}
		var base, top []string
		for _, e := range engines[1:] {
			base = append(base, fmt.Sprintf("%s %d", e.Name(), out[e.Name()][i].Rank))
		}
		for _, p := range ours[i].Top {
			top = append(top, fmt.Sprintf("%s p%d", p.Doc, p.Page))
		}
		fmt.Fprintf(&b, "%-5s %-8s %-9s rank %d (%s)  %q  first: %s\n", q.ID, q.Split, q.Type, ours[i].Rank, strings.Join(base, ", "), q.Query, strings.Join(top, "; "))
	}
	if !heldOut {
		fmt.Fprintf(&b, "(held-out misses are listed with -judged.heldout)\n")
	}
	return b.String()
}

// A floor is a figure our engine must not fall below:
// "SPLIT TYPE METRIC VALUE", metric one of s@1 s@3 mrr, or "empty" with
// the most empty results allowed.
type floor struct {
	Split, Type, Metric string
	Value               float64
	line                int
}

func loadFloors(path string) ([]floor, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []floor
	for i, line := range strings.Split(string(b), "\n") {
		if j := strings.Index(line, "#"); j >= 0 {
			line = line[:j]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want SPLIT TYPE METRIC VALUE", path, i+1)
		}
		v, err := strconv.ParseFloat(f[3], 64)
		if err != nil || !contains([]string{"s@1", "s@3", "mrr", "empty"}, f[2]) {
			return nil, fmt.Errorf("%s:%d: want METRIC s@1, s@3, mrr or empty and a number", path, i+1)
		}
		out = append(out, floor{f[0], f[1], f[2], v, i + 1})
	}
	return out, nil
}

// checkFloors fails the test on a clear regression below a floor.
func checkFloors(t *testing.T, floors []floor, qs []judgedQuery, out []judgedOutcome) {
	t.Helper()
	for _, f := range floors {
		s := scoreOf(qs, out, f.Split, f.Type)
		var got float64
		switch f.Metric {
		case "s@1":
			got = s.at1()
		case "s@3":
			got = s.at3()
		case "mrr":
			got = s.mrr()
		case "empty":
			if float64(s.Empty) > f.Value {
				t.Errorf("%s/%s: %d empty results, at most %v allowed (floors.txt:%d)", f.Split, f.Type, s.Empty, f.Value, f.line)
			}
			continue
		}
		if got < f.Value {
			t.Errorf("%s/%s %s = %.2f, below the floor %.2f (floors.txt:%d)", f.Split, f.Type, f.Metric, got, f.Value, f.line)
		}
	}
}

// judgedGoals says, without failing, where our engine stands against the
// goals of the issue that asked for the judged set: on held-out queries
// S@1 >= 0.80, S@3 >= 0.92, MRR >= 0.85 and above each baseline; no query
// type below 0.70 S@3; no empty result (every judged query has an answer
// in its library).
func judgedGoals(engines []judgedEngine, qs []judgedQuery, out map[string][]judgedOutcome) string {
	var b strings.Builder
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	ours := scoreOf(qs, out["handbooks"], "held-out", "all")
	fmt.Fprintf(&b, "goals on held-out queries (reported, not enforced; floors.txt is):\n")
	fmt.Fprintf(&b, "  S@1 %.2f >= 0.80: %s\n", ours.at1(), mark(ours.at1() >= 0.80))
	fmt.Fprintf(&b, "  S@3 %.2f >= 0.92: %s\n", ours.at3(), mark(ours.at3() >= 0.92))
	fmt.Fprintf(&b, "  MRR %.2f >= 0.85: %s\n", ours.mrr(), mark(ours.mrr() >= 0.85))
	for _, e := range engines[1:] {
		base := scoreOf(qs, out[e.Name()], "held-out", "all")
		above := ours.at1() > base.at1() && ours.at3() > base.at3() && ours.mrr() > base.mrr()
		fmt.Fprintf(&b, "  above %s on S@1, S@3 and MRR (%.2f %.2f %.2f): %s\n", e.Name(), base.at1(), base.at3(), base.mrr(), mark(above))
	}
	for _, typ := range judgedTypes {
		s := scoreOf(qs, out["handbooks"], "held-out", typ)
		if s.N > 0 && s.at3() < 0.70 {
			fmt.Fprintf(&b, "  type %s S@3 %.2f < 0.70: NOT met\n", typ, s.at3())
		}
	}
	all := scoreOf(qs, out["handbooks"], "all", "all")
	fmt.Fprintf(&b, "  empty results %d of %d (both splits) = 0: %s\n", all.Empty, all.N, mark(all.Empty == 0))
	return b.String()
}
