package layout

import (
	"fmt"
	"strings"

	"nianbao/fonts"
)

// maxListed is how many characters of a role Fallbacks lists.
const maxListed = 20

// Fallbacks says which characters came from a later face of their role's
// chain because the role's first face lacks them, 「正文「堃玥」用
// 仿宋（simfang.ttf）」, or "" when none did.
func (d *Document) Fallbacks() string {
	var fell [fonts.Roles]map[*fonts.Face][]rune
	seen := map[fonts.Role]map[rune]bool{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != Text {
				continue
			}
			c := d.Faces.Face(it.Role)
			for _, r := range it.Text {
				f := c.FaceFor(r)
				if f == nil || f == c.First() || seen[it.Role][r] {
					continue
				}
				if seen[it.Role] == nil {
					seen[it.Role] = map[rune]bool{}
					fell[it.Role] = map[*fonts.Face][]rune{}
				}
				seen[it.Role][r] = true
				fell[it.Role][f] = append(fell[it.Role][f], r)
			}
		}
	}
	var parts []string
	for role := fonts.Role(0); role < fonts.Roles; role++ {
		for _, f := range d.Faces.Face(role).Faces() {
			rs := fell[role][f]
			switch {
			case len(rs) > maxListed:
				parts = append(parts, fmt.Sprintf("%s「%s」等 %d 个字用 %s", role, string(rs[:maxListed]), len(rs), f.Name))
			case len(rs) > 0:
				parts = append(parts, fmt.Sprintf("%s「%s」用 %s", role, string(rs), f.Name))
			}
		}
	}
	return strings.Join(parts, "；")
}
