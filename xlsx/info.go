package xlsx

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Info is what names a workbook's report: its agency and year.
type Info struct {
	Agency string
	Year   int
}

// ReadInfo reads only the 机关名称 and 报告年度 of a filled workbook, without
// checking it: a folder run uses it to pair each workbook with last year's
// of the same agency. ok is false when the workbook cannot be read or does
// not give both.
func ReadInfo(path string) (info Info, ok bool) {
	defer func() {
		if recover() != nil {
			info, ok = Info{}, false
		}
	}()
	if IsLockFile(path) {
		return Info{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil || sniff(path, data) != nil {
		return Info{}, false
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return Info{}, false
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		if key(s) != key(SheetInfo) {
			continue
		}
		rows, err := f.GetRows(s)
		if err != nil {
			return Info{}, false
		}
		for _, row := range rows {
			for c := 0; c+1 < len(row); c++ {
				value := strings.TrimSpace(row[c+1])
				switch key(row[c]) {
				case key("机关名称"):
					info.Agency = value
				case key("报告年度"):
					y, err := strconv.Atoi(strings.TrimSuffix(width.Fold.String(strings.ReplaceAll(value, " ", "")), "年"))
					if err == nil {
						info.Year = y
					}
				}
			}
		}
	}
	return info, info.Agency != "" && info.Year != 0
}
