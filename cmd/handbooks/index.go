package main

import (
	"context"
	"fmt"
	"io"
)

// workerCommand is the hidden subcommand that runs an isolated extraction worker.
const workerCommand = "extract-worker"

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "handbooks index: not built yet")
	return 1
}

func runWorker(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "handbooks extract-worker: not built yet")
	return 1
}
