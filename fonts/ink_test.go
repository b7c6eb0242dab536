package fonts_test

import (
	"fmt"

	"nianbao/fonts"
)

func ExampleFace_Ink() {
	set, err := fonts.Embedded()
	if err != nil {
		panic(err)
	}
	x0, y0, x1, y1, _ := set.Face(fonts.Body).First().Ink('一')
	fmt.Printf("一 spans %.2f to %.2f em across, %.2f to %.2f em above the baseline\n", x0, x1, y0, y1)
	// Output: 一 spans 0.05 to 0.96 em across, 0.40 to 0.51 em above the baseline
}
