"""Synthetic handwriting: font text is thinned to one-pixel lines and traced into strokes."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'synth'))
import font_strokes  # noqa: E402


class ThinningTest(unittest.TestCase):
    def test_thick_bar_becomes_one_pixel_line(self):
        mask = np.zeros((20, 40), dtype=bool)
        mask[8:13, 5:35] = True
        skeleton = font_strokes.thin(mask)
        self.assertTrue(skeleton.any())
        # Every column inside the bar keeps exactly one pixel.
        self.assertEqual(set(skeleton[:, 10:30].sum(axis=0).tolist()), {1})

    def test_trace_follows_a_line_as_one_stroke(self):
        skeleton = np.zeros((10, 30), dtype=bool)
        skeleton[5, 3:25] = True
        strokes = font_strokes.trace(skeleton)
        self.assertEqual(len(strokes), 1)
        self.assertEqual(len(strokes[0]), 22)
        self.assertEqual(strokes[0][0], (5, 3))


@unittest.skipUnless(os.path.isdir(font_strokes.FONT_DIR), 'needs npm ci for @fontsource/playwrite-vn')
class FontTest(unittest.TestCase):
    def test_vietnamese_word_gives_strokes_in_page_coordinates(self):
        font = font_strokes.load_font(400)
        strokes = font_strokes.trace(font_strokes.thin(font_strokes.draw_text(font, 'người')))
        flat = font_strokes.to_flat(strokes)
        # The letters plus the tone mark and the horn: several separate strokes.
        self.assertGreaterEqual(len(flat), 3)
        self.assertTrue(all(len(stroke) % 2 == 0 and len(stroke) >= 4 for stroke in flat))


if __name__ == '__main__':
    unittest.main()
