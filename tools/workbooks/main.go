// Command workbooks writes N filled workbooks (the example under N agency
// names) into a folder, for the batch benchmarks.
//
//	go run ./tools/workbooks -n 1000 DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"nianbao/internal/sample"
	"nianbao/xlsx"
)

func main() {
	n := flag.Int("n", 100, "how many workbooks")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: workbooks [-n N] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := 0; i < *n; i++ {
		r := sample.Example()
		r.Agency = fmt.Sprintf("测试县第%d局", i+1)
		var b bytes.Buffer
		if err := xlsx.WriteTemplate(&b, r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(filepath.Join(dir, r.Agency+".xlsx"), b.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
