package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"nianbao/app"
	"nianbao/fonts"
	"nianbao/templates"
)

func BenchmarkFile(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "example.xlsx")
	os.WriteFile(in, templates.ExampleWorkbook(), 0o644)
	faces, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if res := app.File(in, app.Options{Fonts: faces}); res.Output == "" {
			b.Fatal(res)
		}
	}
}
