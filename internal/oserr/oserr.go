// Package oserr puts the errors of the operating system into Chinese: what
// happened to a file and what the user can do about it. Go's own texts
// ("no space left on device", "Sharing violation") never reach a user.
package oserr

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// The explanations, each a sentence a user can act on.
const (
	NotExist     = "找不到这个文件或文件夹，请检查名称和所在位置。"
	Permission   = "没有权限，或者文件正被其他程序（如 Excel、WPS、PDF 阅读器）打开；请关闭它后再试，或换一个文件夹。"
	Locked       = "这个文件正被其他程序（如 Excel、WPS、PDF 阅读器）独占打开，请关闭它后再试。"
	DiskFull     = "磁盘已满，请清理磁盘或换一个文件夹后再试。"
	NameTooLong  = "文件名或路径太长，请把文件移到层级浅一些的文件夹，或缩短文件名后再试。"
	LinkLoop     = "这是一个指向自身的快捷方式（符号链接循环），无法打开；请换用真正的文件。"
	Exists       = "同名的文件已经存在，请删除或改名后再试。"
	ReadOnly     = "这个位置是只读的（如光盘、写保护的 U 盘），请换一个文件夹。"
	IsDir        = "这是一个文件夹，不是文件。"
	NotDir       = "路径中的某一部分不是文件夹，请检查路径。"
	TooMany      = "同时打开的文件太多，请关闭一些程序后再试。"
	IO           = "读写时出错（磁盘、U 盘或网络盘可能有故障），请把文件复制到本机硬盘后再试。"
	Busy         = "文件正在被系统或其他程序使用，请稍后再试。"
	Network      = "网络路径无法访问，请把文件复制到本机硬盘后再试。"
	Unknown      = "操作系统报告了一个错误，请把文件复制到本机的其他文件夹后再试。"
	TimedOut     = "读写超时，请把文件复制到本机硬盘后再试。"
	CrossDevice  = "不能跨磁盘移动文件，请把输出文件夹放在与工作簿相同的磁盘上。"
	InvalidName  = "文件名含有系统不允许的字符，请改名后再试。"
	NoMemory     = "内存不足，请关闭一些程序后再试。"
	Interrupted  = "操作被中断，请再试一次。"
	NotSupported = "这个位置不支持所需的操作（如网络盘或特殊设备），请把文件复制到本机硬盘后再试。"
)

// Explain returns a Chinese sentence for an error of the operating system
// (or of Go's os and io/fs packages): what happened and what to do.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	if s, ok := platform(err); ok {
		return s
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return NotExist
	case errors.Is(err, fs.ErrPermission):
		return Permission
	case errors.Is(err, fs.ErrExist):
		return Exists
	case errors.Is(err, os.ErrDeadlineExceeded):
		return TimedOut
	}
	return Unknown
}

// platform explains an error number of this system (errnos, in the file of
// each system), if err holds one it knows.
func platform(err error) (string, bool) {
	var e syscall.Errno
	if !errors.As(err, &e) {
		return "", false
	}
	s, ok := errnos[e]
	return s, ok
}
