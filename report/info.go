package report

import "fmt"

// Sheet names of the workbook. They are part of the format: the template
// writer, the reader, the messages and the layout all take them from here.
const (
	SheetGuide    = "填写说明"
	SheetInfo     = "基本信息"
	SheetText     = "正文"
	SheetActive   = "表二"
	SheetRequests = "表三"
	SheetAppeals  = "表四"
	SheetSignOff  = "核对说明" // warnings staff have checked
	SheetUnits    = "汇总单位" // the units of a roll-up
)

// InfoKey names a line of sheet 基本信息.
type InfoKey int

// The lines of 基本信息, in the order the template lists them.
const (
	InfoAgency    InfoKey = iota // 机关名称
	InfoYear                     // 报告年度
	InfoPublished                // 发布日期
	InfoSiteName                 // 网站名称
	InfoSiteURL                  // 网址
	InfoContact                  // 联系部门
	InfoPhone                    // 联系电话
	InfoFonts                    // 字体
	infoKeys
)

// InfoKind says how a line of 基本信息 is read and checked.
type InfoKind int

// Kinds of 基本信息 values.
const (
	InfoText    InfoKind = iota // kept as typed
	InfoNumber                  // a year: four digits, from FirstYear on
	InfoDate                    // a date between MinDateYear and MaxDateYear
	InfoPhoneNo                 // widths folded (full-width digits and hyphens)
)

// The years the format covers, and the plausible range of a date in a
// report (a date serial that prints 7444年 is refused).
const (
	FirstYear   = 2021 // the 2021 format applies from this 报告年度 on
	LastYear    = 2100
	MinDateYear = 2000
	MaxDateYear = 2100
)

// InfoField is one line of 基本信息: its label as the workbook shows it,
// whether it must be filled, how it is read, and the hint the template
// shows beside it.
type InfoField struct {
	Key      InfoKey
	Label    string
	Required bool
	Kind     InfoKind
	Hint     string
}

var infoFields = [infoKeys]InfoField{
	{InfoAgency, "机关名称", true, InfoText, "必填。本机关全称，印在标题第一行，如「平罗县自然资源局」。"},
	{InfoYear, "报告年度", true, InfoNumber, "必填。报告统计的年份，四位数字，如 2024。"},
	{InfoPublished, "发布日期", false, InfoDate, "可不填。如 2025年1月20日；填了就在报告末尾署机关名称和日期。"},
	{InfoSiteName, "网站名称", false, InfoText, "可不填。用于结尾一句「本报告电子版可在……获取」，如「平罗县人民政府网站」。"},
	{InfoSiteURL, "网址", false, InfoText, "可不填。如 http://www.pingluo.gov.cn"},
	{InfoContact, "联系部门", false, InfoText, "可不填。用于结尾一句「如对本报告有疑问或建议，请与……联系」，如「平罗县自然资源局办公室」。"},
	{InfoPhone, "联系电话", false, InfoPhoneNo, "可不填。如 0952-6095185"},
	{InfoFonts, "字体", false, InfoText, "一般不填：本机已安装的公文字体（方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312 等）会自动使用。字体文件放在工作簿旁边的文件夹里时，填这个文件夹的名称（如「字体」）；不能填其他位置。"},
}

// InfoFields returns the lines of 基本信息 in order.
func InfoFields() []InfoField { return infoFields[:] }

// Label returns the line's label as the workbook shows it.
func (k InfoKey) Label() string { return infoFields[k].Label }

// Field returns the line's definition.
func (k InfoKey) Field() InfoField { return infoFields[k] }

// Info returns a line of 基本信息 as the workbook shows it; "" when not
// given.
func (r *Report) Info(k InfoKey) string {
	switch k {
	case InfoAgency:
		return r.Agency
	case InfoYear:
		if r.Year == 0 {
			return ""
		}
		return fmt.Sprint(r.Year)
	case InfoPublished:
		if r.Published.IsZero() {
			return ""
		}
		return r.Published.String()
	case InfoSiteName:
		return r.SiteName
	case InfoSiteURL:
		return r.SiteURL
	case InfoContact:
		return r.Contact
	case InfoPhone:
		return r.Phone
	case InfoFonts:
		return r.Fonts
	}
	return ""
}

// SetText sets a line of 基本信息 read as text (kinds InfoText and
// InfoPhoneNo, already normalised); the year and the date have fields of
// their own types.
func (r *Report) SetText(k InfoKey, s string) {
	switch k {
	case InfoAgency:
		r.Agency = s
	case InfoSiteName:
		r.SiteName = s
	case InfoSiteURL:
		r.SiteURL = s
	case InfoContact:
		r.Contact = s
	case InfoPhone:
		r.Phone = s
	case InfoFonts:
		r.Fonts = s
	}
}
