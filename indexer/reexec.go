package indexer

import (
	"context"
	"fmt"
	"os"
)

// WorkerArg is the first argument with which Run starts this program again
// as an isolated extraction worker ("handbooks extract-worker -maxmem N").
const WorkerArg = "extract-worker"

// InitWorker is the one entry point of extraction workers. Call it first
// in main, and first in the TestMain of every package whose tests index a
// library: when this process was started as a worker (by Run, which
// re-executes this program with WorkerArg), it runs the worker and exits;
// otherwise it returns at once and the program goes on.
func InitWorker() {
	if len(os.Args) < 2 || os.Args[1] != WorkerArg {
		return
	}
	os.Exit(workerMain(context.Background(), os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
}

// selfWorker is the command that starts a worker: this program with
// WorkerArg, caught by InitWorker.
func selfWorker() ([]string, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find this program to start workers: %w", err)
	}
	return []string{exe, WorkerArg}, nil
}
