package rollup_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"nianbao/app"
	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/internal/testtool/testbook"
	"nianbao/rollup"
)

// BenchmarkSum rolls up 100 units' workbooks (the example's narrative with
// figures of their own) with 2 workers: read, check, sum, and write the
// workbook, CSV and PDF (sum), against reading and checking them alone
// (check).
func BenchmarkSum(b *testing.B) {
	dir := b.TempDir()
	var inputs []string
	for i := range 100 {
		r := testtool.Unit(fmt.Sprintf("测试县第%d局", i+1), 2024, uint64(i))
		r.Paragraphs = sample.Example().Paragraphs
		p := filepath.Join(dir, r.Agency+".xlsx")
		testbook.Write(b, p, r)
		inputs = append(inputs, p)
	}
	faces, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	// The baseline: reading and checking the same workbooks on 2 goroutines,
	// as any folder run must.
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			var wg sync.WaitGroup
			for w := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < len(inputs); i += 2 {
						app.Check(inputs[i])
					}
				}()
			}
			wg.Wait()
		}
	})
	b.Run("sum", func(b *testing.B) {
		for b.Loop() {
			ro, err := rollup.Sum(inputs, rollup.Options{Jobs: 2})
			if err != nil {
				b.Fatal(err)
			}
			if _, probs, err := ro.Write(out, dir, faces); err != nil || len(probs) > 0 {
				b.Fatal(err, probs)
			}
		}
	})
}
