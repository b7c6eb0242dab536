package fonts

// Checksum is the TrueType table checksum the font writer uses, for the
// tests that check subsets as a strict reader does.
var Checksum = checksum
