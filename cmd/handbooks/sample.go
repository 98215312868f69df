package main

import "handbooks"

// The binary carries the sample library, so `handbooks` with no flags works
// outside the repository too.
func init() { extractSampleLibrary = handbooks.SampleLibrary }
