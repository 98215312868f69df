package server

import (
	"os"
	"testing"

	"handbooks/indexer"
)

func TestMain(m *testing.M) {
	indexer.InitWorker() // the test binary doubles as the indexer's extraction worker
	code := m.Run()
	removeFixtureIndex()
	os.Exit(code)
}
