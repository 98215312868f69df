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

const extractUsage = `usage: handbooks extract [-json] [-timeout 60s] [-maxmem 2GiB] FILE.pdf

Prints the text of every page of FILE.pdf, each page followed by a form feed,
like "pdftotext FILE.pdf -". With -json it prints the extraction result:
{"pages":[{"page":1,"label":"i","text":"...","source":"..."}],"info":{...},
"outcome":"...","reason":"..."}.

Exit status: 0 when the file was read (outcome "ok", or "no_text" for a file
without a text layer); 1 when it could not be read (outcome "encrypted" or
"broken", or the deadline passed), with one line on stderr giving the reason;
2 for a usage error.
`

// extractMain is "handbooks extract": its flags, and Run, which prints the
// text of one PDF. Its deadline and memory cap default to the indexer's
// for one file.
type extractMain struct {
	JSON      bool
	Timeout   time.Duration
	MaxMemory int64
	Path      string

	Stdout io.Writer
}

// runExtract is the "extract" subcommand. It returns the process exit status.
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runCommand(ctx, "extract", &extractMain{Stdout: stdout}, args, stderr)
}

// ParseFlags sets m from the command line; usage and errors go to stderr.
func (m *extractMain) ParseFlags(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, extractUsage) }
	fs.BoolVar(&m.JSON, "json", false, "print the extraction result as JSON")
	fs.DurationVar(&m.Timeout, "timeout", indexer.DefaultTimeout, "give up after this long")
	fs.Int64Var(&m.MaxMemory, "maxmem", indexer.DefaultMaxMemory, "memory cap in bytes (0: no cap)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("usage")
	}
	m.Path = fs.Arg(0)
	return nil
}

// Run extracts the file and prints its text; a file that could not be read
// is an error giving the reason.
func (m *extractMain) Run(ctx context.Context) error {
	if m.Stdout == nil {
		m.Stdout = io.Discard
	}
	path := m.Path
	if m.MaxMemory > 0 {
		indexer.LimitMemory(m.MaxMemory)
	}
	if m.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, m.Timeout)
		defer cancel()
	}
	res, err := extractWithin(ctx, path)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %v", m.Timeout)
	}
	if err != nil {
		res = &pdftext.Result{Outcome: pdftext.OutcomeBroken, Reason: err.Error()}
	}
	if m.JSON {
		if res.Pages == nil {
			res.Pages = []pdftext.Page{}
		}
		if err := json.NewEncoder(m.Stdout).Encode(res); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	} else if res.Outcome == pdftext.OutcomeOK || res.Outcome == pdftext.OutcomeNoText {
		if err := writePlain(m.Stdout, res.Pages); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	switch res.Outcome {
	case pdftext.OutcomeOK, pdftext.OutcomeNoText:
		return nil
	}
	reason := strings.Join(strings.Fields(res.Reason), " ")
	if reason == "" {
		reason = res.Outcome
	}
	if !strings.HasPrefix(reason, res.Outcome) {
		reason = res.Outcome + ": " + reason
	}
	return fmt.Errorf("%s: %s", path, reason)
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
