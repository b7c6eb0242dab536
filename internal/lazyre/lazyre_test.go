package lazyre_test

import (
	"fmt"

	"nianbao/internal/lazyre"
)

var countRe = lazyre.New(`(\d+)件`)

func ExampleNew() {
	fmt.Println(countRe().FindStringSubmatch("收到申请9件")[1])
	fmt.Println(countRe() == countRe())
	// Output:
	// 9
	// true
}
