package xlsx

import (
	"io"

	"nianbao/report"
)

// WriteNextYear writes next year's workbook started from last year's
// report (see report.NextYear): 基本信息 and the headings as they were, the
// carried figures filled, the other figures blank for staff to fill, and
// last year's paragraphs in grey, to be rewritten.
func WriteNextYear(w io.Writer, last *report.Report) error {
	next, carried := report.NextYear(last)
	only := map[report.Field]bool{}
	for _, f := range carried {
		only[f] = true
	}
	return writeWorkbook(w, next, fill{only: only, draftText: true})
}
