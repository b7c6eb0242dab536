package oserr

import "syscall"

// Windows system error codes (winerror.h).
var errnos = map[syscall.Errno]string{
	2:    NotExist,    // ERROR_FILE_NOT_FOUND
	3:    NotExist,    // ERROR_PATH_NOT_FOUND
	4:    TooMany,     // ERROR_TOO_MANY_OPEN_FILES
	5:    Permission,  // ERROR_ACCESS_DENIED
	8:    NoMemory,    // ERROR_NOT_ENOUGH_MEMORY
	14:   NoMemory,    // ERROR_OUTOFMEMORY
	15:   NotExist,    // ERROR_INVALID_DRIVE
	17:   CrossDevice, // ERROR_NOT_SAME_DEVICE
	19:   ReadOnly,    // ERROR_WRITE_PROTECT
	21:   IO,          // ERROR_NOT_READY
	23:   IO,          // ERROR_CRC
	32:   Locked,      // ERROR_SHARING_VIOLATION
	33:   Locked,      // ERROR_LOCK_VIOLATION
	39:   DiskFull,    // ERROR_HANDLE_DISK_FULL
	51:   Network,     // ERROR_REM_NOT_LIST
	53:   Network,     // ERROR_BAD_NETPATH
	59:   Network,     // ERROR_UNEXP_NET_ERR
	64:   Network,     // ERROR_NETNAME_DELETED
	67:   Network,     // ERROR_BAD_NET_NAME
	80:   Exists,      // ERROR_FILE_EXISTS
	112:  DiskFull,    // ERROR_DISK_FULL
	123:  InvalidName, // ERROR_INVALID_NAME
	145:  Exists,      // ERROR_DIR_NOT_EMPTY
	161:  InvalidName, // ERROR_BAD_PATHNAME
	183:  Exists,      // ERROR_ALREADY_EXISTS
	206:  NameTooLong, // ERROR_FILENAME_EXCED_RANGE
	267:  NotDir,      // ERROR_DIRECTORY
	1117: IO,          // ERROR_IO_DEVICE
	1224: Locked,      // ERROR_USER_MAPPED_FILE
	1920: LinkLoop,    // ERROR_CANT_ACCESS_FILE
	1921: LinkLoop,    // ERROR_CANT_RESOLVE_FILENAME

	// Go's own code when a folder is opened to be written as a file.
	syscall.EISDIR: IsDir,
}
