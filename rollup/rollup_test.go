package rollup_test

import (
	"bytes"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	unicodeenc "golang.org/x/text/encoding/unicode"

	"nianbao/fonts"
	"nianbao/internal/testtool"
	"nianbao/internal/testtool/testbook"
	"nianbao/report"
	"nianbao/rollup"
	"nianbao/xlsx"
)

// folder writes units' workbooks into a new folder: three good ones, one
// with an error, two of the same name, and a file that is no workbook. It
// returns the folder and the reports that must be summed.
func folder(t *testing.T) (string, []*report.Report) {
	dir := t.TempDir()
	return dir, testbook.Units(t, dir, 0)
}

var list = []string{"平罗县自然资源局", "平罗县教育局", "平罗县 公安局", "平罗县财政局", "平罗县卫生健康局", "平罗县民政局"}

func inputs(t *testing.T, dir string) []string {
	files, err := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// independentSum adds the reports up field by field, the fee as a big.Rat.
func independentSum(rs []*report.Report) (counts map[report.Field]int64, fee *big.Rat) {
	counts = map[report.Field]int64{}
	fee = new(big.Rat)
	for _, r := range rs {
		for _, tb := range report.Tables() {
			for _, f := range tb.Fields() {
				if f.IsFee() {
					x, ok := new(big.Rat).SetString(r.Fee.String())
					if !ok {
						panic(r.Fee.String())
					}
					fee.Add(fee, x)
					continue
				}
				counts[f] += r.Count(f)
			}
		}
	}
	return counts, fee
}

func TestSum(t *testing.T) {
	dir, good := folder(t)
	ro, err := rollup.Sum(inputs(t, dir), rollup.Options{Units: list, Jobs: 2, MarkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if ro.Year != 2024 || ro.Summed != 3 || ro.WithErrors {
		t.Fatalf("year %d, summed %d, with errors %v", ro.Year, ro.Summed, ro.WithErrors)
	}
	if ro.Report.Agency != "平罗县汇总（3 个单位）" {
		t.Errorf("agency %q", ro.Report.Agency)
	}
	// The workbook of the roll-up holds the sums, and passes the checks.
	var b bytes.Buffer
	rows := ro.Rows(dir)
	if err := xlsx.WriteRollup(&b, ro.Report, xlsx.UnitList{Heading: "汇总", Columns: rollup.Columns, Numeric: rollup.Numeric, Rows: rows, Total: ro.TotalRow()}); err != nil {
		t.Fatal(err)
	}
	back, probs, err := xlsx.ReadBytes("汇总-2024.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, report.Check(back)...)
	for _, p := range probs {
		if p.Severity == report.Error {
			t.Errorf("the roll-up workbook has an error: %s", p)
		}
		if p.Rule == "R6" {
			t.Errorf("the generated paragraph quotes a wrong figure: %s", p)
		}
	}
	counts, fee := independentSum(good)
	for _, tb := range report.Tables() {
		for _, f := range tb.Fields() {
			if f.IsFee() {
				got, _ := new(big.Rat).SetString(back.Fee.String())
				if got.Cmp(fee) != 0 {
					t.Errorf("fee %s, want %s", back.Fee, fee.FloatString(4))
				}
				continue
			}
			if got := back.Count(f); got != counts[f] {
				t.Errorf("%s %s: %d, want %d", tb.Sheet, report.FieldLabel(f), got, counts[f])
			}
		}
	}

	want := map[string]struct {
		status rollup.Status
		note   string
	}{
		"平罗县自然资源局.xlsx": {rollup.Summed, ""},
		"平罗县教育体育局.xlsx": {rollup.Summed, "名称不一致？单位名单上是「平罗县教育局」"},
		"平罗县公安局.xlsx":   {rollup.Summed, ""},
		"财政局.xlsx":      {rollup.NotSummed, "[R1]"},
		"卫健局.xlsx":      {rollup.Duplicate, "「卫健局（新）.xlsx」"},
		"卫健局（新）.xlsx":   {rollup.Duplicate, "「卫健局.xlsx」"},
		"损坏.xlsx":       {rollup.Unreadable, ""},
		"":              {rollup.Missing, "没有收到"},
	}
	seen := 0
	for i, u := range ro.Units {
		w, ok := want[filepath.Base(u.File)]
		if u.File == "" {
			w, ok = want[""]
			if u.Name != "平罗县民政局" {
				t.Errorf("missing unit %q, want 平罗县民政局", u.Name)
			}
		}
		if !ok {
			t.Errorf("unexpected unit %s", u.File)
			continue
		}
		seen++
		if u.Status != w.status {
			t.Errorf("%s: status %s, want %s", u.File, u.Status, w.status)
		}
		if note := rows[i][rollup.ColNote]; !strings.Contains(note, w.note) {
			t.Errorf("%s: note %q lacks %q", u.File, note, w.note)
		}
		if u.Status == rollup.NotSummed && u.Marked == "" {
			t.Errorf("%s: no marked copy", u.File)
		}
	}
	if seen != len(want) {
		t.Errorf("%d units, want %d", seen, len(want))
	}
	s := ro.Summary()
	for _, part := range []string{"共 7 个工作簿", "已汇总 3 个", "有错误未汇总 1 个", "名称重复未汇总 2 个", "无法读取 1 个", "未提交 1 个", "名称不一致 1 个"} {
		if !strings.Contains(s, part) {
			t.Errorf("summary %q lacks %q", s, part)
		}
	}
	if ro.OK() {
		t.Error("OK with units not summed")
	}
}

func TestIncludeErrors(t *testing.T) {
	dir, _ := folder(t)
	// A workbook without its 机关名称 cannot be summed even so.
	testbook.Write(t, filepath.Join(dir, "无名.xlsx"), testtool.Unit("", 2024, 7))
	ro, err := rollup.Sum(inputs(t, dir), rollup.Options{IncludeErrors: true, Name: "平罗县各部门"})
	if err != nil {
		t.Fatal(err)
	}
	if ro.Summed != 4 || !ro.WithErrors || ro.Report.Agency != "平罗县各部门" {
		t.Errorf("summed %d, with errors %v, agency %q", ro.Summed, ro.WithErrors, ro.Report.Agency)
	}
	if p := ro.Report.Paragraphs[0].Text; !strings.Contains(p, "含未通过校验的单位") {
		t.Errorf("paragraph %q does not say it includes units with errors", p)
	}
	for _, u := range ro.Units {
		if filepath.Base(u.File) == "无名.xlsx" && (u.Status != rollup.NotSummed || !strings.Contains(strings.Join(u.Notes(), ""), "机关名称或报告年度没有填对")) {
			t.Errorf("a workbook without 机关名称: %s %q", u.Status, u.Notes())
		}
	}
}

func TestYears(t *testing.T) {
	dir := t.TempDir()
	testbook.Write(t, filepath.Join(dir, "a.xlsx"), testtool.Unit("平罗县公安局", 2024, 1))
	testbook.Write(t, filepath.Join(dir, "b.xlsx"), testtool.Unit("平罗县教育局", 2023, 2))
	_, err := rollup.Sum(inputs(t, dir), rollup.Options{})
	var ye *rollup.YearsError
	if !errors.As(err, &ye) || !strings.Contains(err.Error(), "2023 年 1 个（「b.xlsx」）") || !strings.Contains(err.Error(), "--year") {
		t.Fatalf("err = %v", err)
	}
	ro, err := rollup.Sum(inputs(t, dir), rollup.Options{Year: 2023})
	if err != nil {
		t.Fatal(err)
	}
	if ro.Summed != 1 || ro.Units[0].Status != rollup.OtherYear {
		t.Errorf("summed %d, first %s", ro.Summed, ro.Units[0].Status)
	}
	if _, err := rollup.Sum(inputs(t, dir), rollup.Options{Year: 2022}); !errors.As(err, &ye) || !strings.Contains(err.Error(), "没有报告年度为 2022 年的工作簿") {
		t.Errorf("err = %v", err)
	}
}

func TestNothingReadable(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.xlsx")
	os.WriteFile(p, []byte("no"), 0o644)
	if _, err := rollup.Sum([]string{p}, rollup.Options{}); !errors.Is(err, rollup.ErrNothing) {
		t.Errorf("err = %v", err)
	}
}

func TestParseList(t *testing.T) {
	text := "平罗县教育局\r\n\r\n  平罗县公安局 \r\n平罗县教育局\n平罗县（民政局）\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"平罗县教育局", "平罗县公安局", "平罗县（民政局）"}
	utf16, err := unicodeenc.UTF16(unicodeenc.LittleEndian, unicodeenc.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	numbered := "序号\t单位名称\t备注\n1\t平罗县教育局\t\n2. 平罗县公安局\n３、平罗县（民政局）\n"
	for name, data := range map[string][]byte{"utf8": []byte(text), "bom": []byte("\uFEFF" + text), "gbk": []byte(gbk), "utf16": []byte(utf16), "numbered": []byte(numbered)} {
		got := rollup.ParseList(data)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %q", name, got)
		}
	}
}

func TestNearMiss(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"平罗县教育局", "平罗县教育体育局", true},
		{"平罗县住房城乡建设局", "平罗县住房和城乡建设局", true},
		{"平罗县人民政府办公室", "平罗县政府办公室", true},
		{"平罗县审计局", "平罗县统计局", false},
		{"平罗县公安局", "平罗县财政局", false},
		{"平罗县教育局", "惠农区教育局", false},
		{"平罗县教育局", "平罗县 教育局", false}, // the same once normalised
		{"局", "平罗县教育局", false},
	} {
		if got := rollup.NearMiss(c.a, c.b); got != c.want {
			t.Errorf("NearMiss(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestNormalize(t *testing.T) {
	if a, b := rollup.Normalize("平罗县 （自然资源局）\u3000"), rollup.Normalize("平罗县(自然资源局)"); a != b {
		t.Errorf("%q != %q", a, b)
	}
}

func TestCommonParent(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"平罗县教育局", "平罗县自然资源局"}, "平罗县"},
		{[]string{"石嘴山市平罗县教育局", "石嘴山市平罗县公安局"}, "石嘴山市平罗县"},
		{[]string{"石嘴山市平罗县教育局", "石嘴山市惠农区公安局"}, "石嘴山市"},
		{[]string{"平罗县教育局"}, "平罗县"},
		{[]string{"教育局", "公安局"}, ""},
		{nil, ""},
	} {
		if got := rollup.CommonParent(c.names); got != c.want {
			t.Errorf("CommonParent(%q) = %q, want %q", c.names, got, c.want)
		}
	}
}

func TestAddDecimal(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"1721.5492", "0.0008", "1721.55"},
		{"0", "3", "3"},
		{"59237.2449", "1", "59238.2449"},
		{"0.1", "0.2", "0.3"},
	} {
		a, _ := report.ParseDecimal(c.a)
		b, _ := report.ParseDecimal(c.b)
		got, err := rollup.AddDecimal(a, b)
		if err != nil || got.String() != c.want {
			t.Errorf("%s + %s = %s, %v; want %s", c.a, c.b, got, err, c.want)
		}
	}
	if _, err := rollup.AddDecimal(report.Decimal{Units: 1 << 62, Scale: 0}, report.Decimal{Units: 1 << 62, Scale: 0}); err == nil {
		t.Error("no overflow error")
	}
}

func TestCSV(t *testing.T) {
	dir, _ := folder(t)
	ro, err := rollup.Sum(inputs(t, dir), rollup.Options{Units: list})
	if err != nil {
		t.Fatal(err)
	}
	data := ro.CSV(dir)
	if !bytes.HasPrefix(data, []byte("\uFEFF序号,单位,文件,状态")) {
		t.Errorf("CSV starts %q", data[:40])
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	if len(lines) != 1+len(ro.Units) {
		t.Errorf("%d lines for %d units", len(lines), len(ro.Units))
	}
	if !strings.Contains(lines[len(lines)-1], "平罗县民政局,,未提交") {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
	// A name that Excel would take for a formula is quoted.
	p := filepath.Join(dir, "公式.xlsx")
	testbook.Write(t, p, testtool.Unit("=1+2", 2024, 9))
	ro, err = rollup.Sum([]string{p}, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if data := string(ro.CSV(dir)); !strings.Contains(data, ",'=1+2,公式.xlsx,") {
		t.Errorf("formula not neutralised:\n%s", data)
	}
}

// A workbook that runs past the time limit in its worker process is not
// summed; the others are.
func TestTimeLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "慢.xlsx")
	testbook.Write(t, p, testtool.Unit("平罗县公安局", 2024, 1))
	testbook.Write(t, filepath.Join(dir, "b.xlsx"), testtool.Unit("平罗县教育局", 2024, 2))
	_, err := rollup.Sum([]string{p}, rollup.Options{Timeout: time.Nanosecond, Worker: worker})
	if !errors.Is(err, rollup.ErrNothing) {
		t.Fatalf("err = %v", err)
	}
	ro, err := rollup.Sum([]string{p, filepath.Join(dir, "b.xlsx")}, rollup.Options{Timeout: time.Minute, Worker: worker})
	if err != nil || ro.Summed != 2 {
		t.Fatalf("summed %v, %v", ro, err)
	}
}

// A marked copy that staff have edited is kept; the new one goes beside it.
func TestEditedMarkedCopyKept(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	bad := testtool.Unit("平罗县财政局", 2024, 4)
	bad.Requests[report.ReqNew][0] += 5
	p := filepath.Join(dir, "财政局.xlsx")
	testbook.Write(t, p, bad)
	edited := filepath.Join(out, "标注-财政局.xlsx")
	os.WriteFile(edited, []byte("staff's own edits"), 0o644)
	ro, err := rollup.Sum([]string{p}, rollup.Options{MarkDir: out})
	if err != nil {
		t.Fatal(err)
	}
	u := ro.Units[0]
	if filepath.Base(u.Marked) != "标注-财政局 (2).xlsx" || !strings.Contains(u.MarkNote, "没有覆盖它") {
		t.Errorf("marked %q, note %q", u.Marked, u.MarkNote)
	}
	if data, _ := os.ReadFile(edited); string(data) != "staff's own edits" {
		t.Error("the edited copy was overwritten")
	}
}

// A name with an invisible character is printed with the character named.
func TestInvisibleName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.xlsx")
	testbook.Write(t, p, testtool.Unit("平罗县\u202e公安局", 2024, 1))
	ro, err := rollup.Sum([]string{p}, rollup.Options{Units: []string{"平罗县教育局"}})
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(ro.Units[0].Notes(), ""); !strings.Contains(notes, "看不见的字符 U+202E") || strings.ContainsRune(notes, '\u202e') {
		t.Errorf("notes %q", notes)
	}
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	doc, probs := ro.Document(dir, faces)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if text := strings.Join(doc.PlainText(), ""); strings.ContainsRune(text, '\u202e') || !strings.Contains(text, "U+202E") {
		t.Error("the PDF prints the invisible character")
	}
}

// Warnings staff have signed off in 核对说明 are not counted.
func TestSignedOffWarnings(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, name := range []string{"平罗县公安局", "平罗县教育局"} {
		p := filepath.Join(dir, name+".xlsx")
		testbook.Write(t, p, testtool.Unit(name, 2024, uint64(i)))
		files = append(files, p)
	}
	f, err := excelize.OpenFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]string{"A3": "R14", "B3": "正文", "D3": "本单位的正文另行发布。"} {
		f.SetCellStr(xlsx.SheetSignOff, cell, v)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ro, err := rollup.Sum(files, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w0, w1 := ro.Units[0].Warnings, ro.Units[1].Warnings; w0 == 0 || w1 != 0 {
		t.Errorf("warnings %d and %d; want some, and none once signed off", w0, w1)
	}
}
