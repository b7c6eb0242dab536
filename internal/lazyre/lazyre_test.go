package lazyre_test

import (
	"fmt"

	"nianbao/internal/lazyre"
)

var countRe = lazyre.New(`(\d+)件`)

func ExampleNew() {
	first := countRe()
	fmt.Println(first.FindStringSubmatch("收到申请9件")[1])
	// Compiled once: every call returns the same expression.
	fmt.Println(countRe() == first)
	// Output:
	// 9
	// true
}
