package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// command is the shape of every subcommand: ParseFlags sets its fields
// from the command line (usage and flag errors go to stderr), and Run does
// the work until it is done or ctx ends.
type command interface {
	ParseFlags(args []string, stderr io.Writer) error
	Run(ctx context.Context) error
}

// exitError is an error with the exit status it gives; any other error of
// Run exits with 1.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// runCommand runs c as "handbooks name" and returns the exit status: 0 on
// success and for -h, 2 for a usage error, else the status of Run's error,
// which is written to stderr on one line.
func runCommand(ctx context.Context, name string, c command, args []string, stderr io.Writer) int {
	if err := c.ParseFlags(args, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	err := c.Run(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "handbooks %s: %v\n", name, err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}
