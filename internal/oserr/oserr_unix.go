//go:build !windows

package oserr

import "syscall"

var errnos = map[syscall.Errno]string{
	syscall.ENOENT:       NotExist,
	syscall.EACCES:       Permission,
	syscall.EPERM:        Permission,
	syscall.ENOSPC:       DiskFull,
	syscall.EDQUOT:       DiskFull,
	syscall.EFBIG:        DiskFull,
	syscall.ENAMETOOLONG: NameTooLong,
	syscall.ELOOP:        LinkLoop,
	syscall.EEXIST:       Exists,
	syscall.ENOTEMPTY:    Exists,
	syscall.EROFS:        ReadOnly,
	syscall.EISDIR:       IsDir,
	syscall.ENOTDIR:      NotDir,
	syscall.EMFILE:       TooMany,
	syscall.ENFILE:       TooMany,
	syscall.EIO:          IO,
	syscall.EBUSY:        Busy,
	syscall.ETXTBSY:      Busy,
	syscall.EAGAIN:       Busy,
	syscall.EXDEV:        CrossDevice,
	syscall.EINVAL:       InvalidName,
	syscall.EILSEQ:       InvalidName,
	syscall.ENOMEM:       NoMemory,
	syscall.EINTR:        Interrupted,
	syscall.ETIMEDOUT:    TimedOut,
	syscall.EHOSTDOWN:    Network,
	syscall.EHOSTUNREACH: Network,
	syscall.ENETDOWN:     Network,
	syscall.ENETUNREACH:  Network,
	syscall.ESTALE:       Network,
	syscall.ENXIO:        NotSupported,
	syscall.ENODEV:       NotSupported,
	syscall.EOPNOTSUPP:   NotSupported,
}
