package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"handbooks/indexer"
	"handbooks/indexer/pdftext"
)

const extractUsage = `usage: handbooks extract [-json] [-timeout 60s] [-maxmem 3GiB] FILE.pdf

Prints the text of every page of FILE.pdf, each page followed by a form feed,
like "pdftotext FILE.pdf -". With -json it prints the extraction result:
{"pages":[{"page":1,"label":"i","text":"...","source":"..."}],"info":{...},
"outcome":"...","reason":"..."}.

Exit status: 0 when the file was read (outcome "ok", or "no_text" for a file
without a text layer); 1 when it could not be read (outcome "encrypted" or
"broken", or the deadline passed), with one line on stderr giving the reason;
2 for a usage error.
`

// runExtract is the "extract" subcommand. It returns the process exit status.
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, extractUsage) }
	asJSON := fs.Bool("json", false, "print the extraction result as JSON")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	maxMem := fs.Int64("maxmem", 3<<30, "memory cap in bytes (0: no cap)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	if *maxMem > 0 {
		indexer.LimitMemory(*maxMem)
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}

	res, err := extractWithin(ctx, path)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %v", *timeout)
	}
	if err != nil {
		res = &pdftext.Result{Outcome: pdftext.OutcomeBroken, Reason: err.Error()}
	}
	if *asJSON {
		if res.Pages == nil {
			res.Pages = []pdftext.Page{}
		}
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "handbooks extract: %s: %v\n", path, err)
			return 1
		}
	} else if res.Outcome == pdftext.OutcomeOK || res.Outcome == pdftext.OutcomeNoText {
		if err := writePlain(stdout, res.Pages); err != nil {
			fmt.Fprintf(stderr, "handbooks extract: %s: %v\n", path, err)
			return 1
		}
	}
	switch res.Outcome {
	case pdftext.OutcomeOK, pdftext.OutcomeNoText:
		return 0
	}
	reason := strings.Join(strings.Fields(res.Reason), " ")
	if reason == "" {
		reason = res.Outcome
	}
	if !strings.HasPrefix(reason, res.Outcome) {
		reason = res.Outcome + ": " + reason
	}
	fmt.Fprintf(stderr, "handbooks extract: %s: %s\n", path, reason)
	return 1
}

// extractWithin runs the extraction and gives up when ctx is done, even if
// the extraction itself is stuck inside a page; the caller is expected to
// exit soon after.
func extractWithin(ctx context.Context, path string) (*pdftext.Result, error) {
	done := make(chan *pdftext.Result, 1)
	go func() { done <- pdftext.Extract(ctx, path) }()
	select {
	case res := <-done:
		if res == nil {
			return nil, errors.New("no result")
		}
		return res, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// writePlain writes the pages like pdftotext: each page's text followed by a
// form feed.
func writePlain(w io.Writer, pages []pdftext.Page) error {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(p.Text)
		if p.Text != "" && !strings.HasSuffix(p.Text, "\n") {
			b.WriteByte('\n')
		}
		b.WriteByte('\f')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
