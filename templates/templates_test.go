package templates

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"nianbao/report"
	"nianbao/xlsx"
)

var update = flag.Bool("update", false, "write the generated workbooks over the committed ones")

// TestCommittedUpToDate fails when the committed workbooks differ from what
// the format data generates; go test ./templates -update (make templates)
// writes them anew.
func TestCommittedUpToDate(t *testing.T) {
	b, e, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name      string
		generated []byte
		committed []byte
	}{{BlankName, b, Blank()}, {ExampleName, e, ExampleWorkbook()}} {
		if *update {
			if err := os.WriteFile(f.name, f.generated, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(f.generated, f.committed) {
			t.Errorf("%s is stale: run make templates", f.name)
		}
	}
}

// TestExampleHasNoErrors reads the committed example back and checks it.
func TestExampleHasNoErrors(t *testing.T) {
	r, probs, err := xlsx.ReadBytes(ExampleName, ExampleWorkbook())
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, report.Check(r)...)
	for _, p := range probs {
		t.Errorf("%s %s", p.Rule, p)
	}
}
