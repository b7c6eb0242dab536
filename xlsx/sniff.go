package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits against oversized files and zip bombs.
const (
	maxFileSize  = 50 << 20  // a filled workbook is some 20 KB
	maxUnzipped  = 100 << 20 // all parts together, as the zip declares them
	maxPartSize  = 50 << 20  // one part
	maxPartRatio = 200       // uncompressed/compressed, for parts over 1 MB
)

// RefusedError says why a file cannot be read at all, in Chinese.
type RefusedError struct {
	File  string
	Sheet string // the sheet concerned, if any
	Rule  string // R13 for a 2019-format workbook; empty otherwise
	Why   string
	Err   error // the cause, when an error of the system or of a part lies behind the refusal
}

// Unwrap returns the cause of the refusal.
func (e *RefusedError) Unwrap() error { return e.Err }

func (e *RefusedError) Error() string {
	if e.Sheet != "" {
		return fmt.Sprintf("%s：工作表「%s」%s", e.File, e.Sheet, e.Why)
	}
	return fmt.Sprintf("%s：%s", e.File, e.Why)
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// utf16 returns s as UTF-16LE bytes, as stream names are stored in an OLE file.
func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

const saveAsXLSX = "请用 Excel 或 WPS 打开它，点「文件 → 另存为」，保存类型选「Excel 工作簿（*.xlsx）」，再用新文件。"

// sniff refuses what is not an .xlsx workbook before excelize sees it.
func sniff(name string, data []byte) error {
	refuse := func(why string) error { return &RefusedError{File: name, Why: why} }
	lower := strings.ToLower(name)
	switch {
	case len(data) == 0:
		return refuse("文件是空的（0 字节），可能没有保存成功。请重新保存工作簿后再试。")
	case len(data) > maxFileSize:
		return refuse(tooLarge(int64(len(data))))
	case bytes.HasPrefix(data, oleMagic):
		switch {
		case bytes.Contains(data, utf16("EncryptionInfo")):
			return refuse("工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中打开它，去掉密码（「文件 → 信息 → 保护工作簿 → 用密码进行加密」中清空密码）后保存，再试。")
		case bytes.Contains(data, utf16("WordDocument")):
			return refuse("这是 Word 文档（.doc），不是 Excel 工作簿。请把年报内容填进年报模板（.xlsx）。")
		case strings.HasSuffix(lower, ".et"):
			return refuse("这是 WPS 表格的 .et 文件，不能直接读取。" + saveAsXLSX)
		default:
			return refuse("这是旧版 Excel 97-2003 格式（.xls）的文件，不能直接读取。" + saveAsXLSX)
		}
	case bytes.HasPrefix(data, []byte("%PDF")):
		return refuse("这是 PDF 文件，不是 Excel 工作簿。请选择填好的年报工作簿（.xlsx）。")
	case !bytes.HasPrefix(data, []byte("PK")):
		if looksLikeText(data) {
			return refuse("这是文本文件（例如 CSV），只是名字改成了 .xlsx，不是 Excel 工作簿。请把内容填进年报模板（.xlsx）。")
		}
		return refuse("这不是 Excel 工作簿（.xlsx），无法读取。请选择填好的年报工作簿。")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return refuse("文件不完整或已损坏，无法打开（可能是复制或下载时中断了）。请用 Excel 或 WPS 打开确认，重新保存或重新拷贝一份再试。")
	}
	has := func(part string) bool {
		for _, f := range zr.File {
			if f.Name == part {
				return true
			}
		}
		return false
	}
	switch {
	case has("word/document.xml"):
		return refuse("这是 Word 文档（.docx），只是名字改成了 .xlsx。请把年报内容填进年报模板（.xlsx）。")
	case has("ppt/presentation.xml"):
		return refuse("这是 PowerPoint 演示文稿，不是 Excel 工作簿。请选择填好的年报工作簿。")
	case has("mimetype") && has("content.xml"):
		return refuse("这是 OpenDocument 表格（.ods）。" + saveAsXLSX)
	case !has("xl/workbook.xml"):
		return refuse("这是一个压缩包，不是 Excel 工作簿，无法读取。请选择填好的年报工作簿（.xlsx）。")
	}
	return nil
}

// looksLikeText reports whether the start of data is readable text: UTF-8,
// or GBK as Chinese Windows writes CSV files.
func looksLikeText(data []byte) bool {
	if len(data) > 4096 {
		data = data[:4096]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	if utf8.Valid(data) || utf8.Valid(data[:len(data)-min(len(data), 3)]) {
		return true
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c >= 0x20 && c < 0x7f, c == '\n', c == '\r', c == '\t':
		case c >= 0x81 && c <= 0xfe && i+1 < len(data):
			i++
		default:
			return false
		}
	}
	return true
}
