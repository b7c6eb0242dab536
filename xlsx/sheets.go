// Package xlsx is the only importer of excelize: it writes the workbook that
// staff fill (blank, or filled from a report) and reads a filled workbook
// back into a report.Report with cell-addressed problems.
package xlsx

import "nianbao/report"

// Sheet names of the workbook, as the format names them.
const (
	SheetGuide = report.SheetGuide
	SheetInfo  = report.SheetInfo
	SheetText  = report.SheetText
)

// guideLines are the lines of sheet 填写说明.
var guideLines = []string{
	"政府信息公开工作年度报告 填写说明",
	"本工作簿按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）制作。填好后用 nianbao 生成 PDF。",
	"1. 基本信息：填机关名称和报告年度（必填），其余可不填。",
	"2. 正文：每行一段，按顺序往下填。以「一、」「（一）」「1.」「（1）」开头的行是标题；「（一）主动公开。」后面可以接着写正文。第二、三、四部分是表格，不用在正文里写。",
	"3. 表二、表三、表四：只在白色格子里填数字，没有就填 0，空着也按 0 算。灰色的「总计」格会自动求和，不要改。",
	"4. 表三里某一列变红，说明这一列「一+二」不等于「（七）总计+四」，请核对。",
	"5. 不要改工作表名称和表格里的文字，不要插入或删除行列。",
	"6. 保存后，把本文件拖到「生成年报」上，或放在程序所在的文件夹里双击「生成年报」，就会生成 PDF；有错会提示在哪个表、哪一格。",
	"7. 核对说明：核对过、确实不用改的警告，在「核对说明」表里填规则、工作表、单元格和原因，以后就显示为「已核对」，不再算作警告。",
}

// textHeader is the header cell of sheet 正文.
const textHeader = "正文（每行一段，按顺序填写；以一、（一）1.（1）开头的行是标题）"

// tableHint is the second row of every table sheet.
const tableHint = "只在白色格子里填数字，没有就填 0；灰色的总计格自动计算，不要改。"

// blankParagraphs prefill sheet 正文 of the blank template: the section
// headings and the customary sub-heads.
func blankParagraphs() []string {
	var ps []string
	ps = append(ps, "一、总体情况")
	ps = append(ps, report.OverviewSubheads...)
	ps = append(ps, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
	return ps
}
