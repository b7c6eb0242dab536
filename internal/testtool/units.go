package testtool

import (
	"math/rand/v2"

	"nianbao/report"
)

// Unit returns the report of a unit with figures of its own, drawn from
// seed, that agree with each other (every total the sum of its parts, 一+二 =
// （七）总计+四 in every column of 表三), and a fee with up to four decimals.
func Unit(agency string, year int, seed uint64) *report.Report {
	rng := rand.New(rand.NewPCG(seed, seed*7+1))
	n := func(max int) int64 { return int64(rng.IntN(max)) }
	r := &report.Report{Agency: agency, Year: year}
	r.Paragraphs = []report.Paragraph{{Text: "本单位按规定做好政府信息公开工作。"}}
	for row := report.ActiveNormative; row < report.ActiveFee; row++ {
		r.Active[row][0] = n(300)
		if row == report.ActiveNormative {
			r.Active[row][1] = n(5)
			r.Active[row][2] = n(80)
		}
	}
	r.Fee = report.Decimal{Units: n(200000), Scale: 4}
	for c := 0; c < report.RequestTotal; c++ {
		var sum int64
		for row := report.ReqFirstResult; row < report.ReqTotal; row++ {
			if rng.IntN(3) == 0 {
				r.Requests[row][c] = n(20)
				sum += r.Requests[row][c]
			}
		}
		r.Requests[report.ReqTotal][c] = sum
		in := n(4)
		out := n(4)
		if sum+out < in {
			out = in - sum
		}
		r.Requests[report.ReqCarriedIn][c] = in
		r.Requests[report.ReqCarriedOut][c] = out
		r.Requests[report.ReqNew][c] = sum + out - in
	}
	rowTotals(r)
	for g := 0; g < report.AppealGroups; g++ {
		for c := 0; c < report.AppealTotal; c++ {
			r.Appeals[g][c] = n(3)
			r.Appeals[g][report.AppealTotal] += r.Appeals[g][c]
		}
	}
	return r
}
