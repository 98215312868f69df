package server

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAtomSchemaCatches checks that the schema the feed test validates
// against rejects what it should: the test can fail.
func TestAtomSchemaCatches(t *testing.T) {
	path, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian: libxml2-utils)")
	}
	s := newIndexServer(t, datedDocs(), Limits{})
	good := get(s, "GET", "/feed?q=duty+notify").Body.String()
	for name, bad := range map[string]string{
		"date without a time zone": strings.Replace(good, "T09:00:00Z</updated>", "T09:00:00</updated>", 1),
		"relative id":              strings.Replace(good, "<id>urn:uuid:", "<id>/feeds/", 1),
		"entry without a title":    strings.Replace(good, "<title>First Responder Toolkit</title>", "", 1),
		"two ids":                  strings.Replace(good, "</id>", "</id><id>urn:x:y</id>", 1),
		"unknown text type":        strings.Replace(good, `<content type="html">`, `<content type="markdown">`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the change did not apply", name)
		}
		f := filepath.Join(t.TempDir(), "feed.xml")
		os.WriteFile(f, []byte(bad), 0o644)
		if out, err := exec.Command(path, "--noout", "--nonet", "--relaxng", filepath.Join("testdata", "atom", "atom.rng"), f).CombinedOutput(); err == nil {
			t.Errorf("%s: the schema accepts it\n%s", name, out)
		}
	}
}
