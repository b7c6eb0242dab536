package fonts

import (
	"bytes"
	"testing"
)

// FuzzFontFile feeds any bytes to what reads font files a workbook's
// folder may hold: the scan, parsing and subsetting must answer with an error, never a panic.
func FuzzFontFile(f *testing.F) {
	set, err := Embedded()
	if err != nil {
		f.Fatal(err)
	}
	seed, err := set.chains[Body].First().Subset([]rune("仿宋0"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Data)
	f.Add(append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), seed.Data...))
	f.Fuzz(func(t *testing.T, data []byte) {
		readInfo(bytes.NewReader(data), int64(len(data)))
		face := &Face{data: data}
		if face.load() == nil {
			face.Has('仿')
			face.Subset([]rune("仿宋0"))
			face.Metrics()
		}
	})
}
