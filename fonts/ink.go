package fonts

import "golang.org/x/image/math/fixed"

// Ink returns the bounds of the outline of r in ems from its pen position
// on the baseline, x to the right and y up; ok is false when the face has
// no glyph for r or it draws nothing.
func (f *Face) Ink(r rune) (x0, y0, x1, y1 float64, ok bool) {
	if !f.Has(r) {
		return 0, 0, 0, 0, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil {
		return 0, 0, 0, 0, false
	}
	segs, err := f.font.LoadGlyph(&f.buf, g, fixed.Int26_6(f.upem*64), nil)
	if err != nil || len(segs) == 0 {
		return 0, 0, 0, 0, false
	}
	b := segs.Bounds()
	em := 64 * f.upem
	// The outline is y-down.
	return float64(b.Min.X) / em, -float64(b.Max.Y) / em, float64(b.Max.X) / em, -float64(b.Min.Y) / em, true
}
