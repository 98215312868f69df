package search

import (
	"context"
	"encoding/json"
	"testing"
)

func TestSmoke(t *testing.T) {
	x := openFixture(t)
	for _, q := range []string{"duty to notify", "protección", "THB", "trafficing", "type:guidance victims", "торговля", "الاتجار", ""} {
		res, err := x.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(q, err)
		}
		b, _ := json.MarshalIndent(res, "", " ")
		t.Logf("%s", b)
	}
}
