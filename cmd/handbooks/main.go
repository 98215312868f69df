// Command handbooks indexes a library of PDF handbooks and serves a faceted
// search over it, as a JSON API and as a web page.
//
// Usage:
//
//	handbooks                     serve the bundled sample library (index built on first start)
//	handbooks serve   [-library DIR] [-index DIR] [-addr HOST:PORT] [-watch]
//	handbooks index   -library DIR -index DIR [-full] [-report FILE]
//	handbooks extract [-json] FILE.pdf
//
// Run "handbooks COMMAND -h" for the flags of a command.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"handbooks/indexer"
)

func main() {
	indexer.InitWorker() // when started by the indexer as an extraction worker, be one
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && !isHelp(args[0])) {
		return runServe(ctx, args, stdout, stderr) // flags alone: serve
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "index":
		return runIndex(ctx, args[1:], stdout, stderr)
	case "extract":
		return runExtract(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help", "-?":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "handbooks: unknown command %q\n%s", args[0], usage)
		return 2
	}
}

func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "-?":
		return true
	}
	return false
}

const usage = `Usage:
  handbooks                     serve the bundled sample library on http://127.0.0.1:8080
  handbooks serve   [-library DIR] [-index DIR] [-addr HOST:PORT] [-watch]
  handbooks index   -library DIR -index DIR [-full] [-report FILE]
  handbooks extract [-json] FILE.pdf
Run "handbooks COMMAND -h" for the flags of a command.
`
