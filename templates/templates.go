// Package templates holds the workbooks staff receive: the blank template
// and the filled example. Both are generated from the format data by
// xlsx.WriteTemplate (make templates); a test fails when the committed files
// are stale.
package templates

import (
	"bytes"
	_ "embed"

	"nianbao/internal/sample"
	"nianbao/xlsx"
)

// File names of the two workbooks.
const (
	BlankName   = "年报模板.xlsx"
	ExampleName = "示例-平罗县自然资源局-2024.xlsx"
)

//go:embed 年报模板.xlsx
var blank []byte

//go:embed 示例-平罗县自然资源局-2024.xlsx
var example []byte

// Blank returns the committed blank template.
func Blank() []byte { return blank }

// ExampleWorkbook returns the committed example workbook.
func ExampleWorkbook() []byte { return example }

// Generate makes the two workbooks anew from the format data: the blank
// template, and the example filled with sample.Example().
func Generate() (blankFile, exampleFile []byte, err error) {
	var b, e bytes.Buffer
	if err := xlsx.WriteTemplate(&b, nil); err != nil {
		return nil, nil, err
	}
	if err := xlsx.WriteTemplate(&e, sample.Example()); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), e.Bytes(), nil
}
