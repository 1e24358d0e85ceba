"""Synthetic handwriting as pen strokes: each text is drawn with the Playwrite VN handwriting
font (Vietnamese school handwriting, from npm's @fontsource/playwrite-vn), thinned to a
one-pixel centre line, and traced into strokes. The output has VNOnDB's JSONL format, so the
app's own preprocessing (training/render/render-dataset.ts) turns it into training images
exactly as it does real ink.

Usage: python3 training/synth/font_strokes.py [--texts FILE] [--out FILE.jsonl.gz]
"""
import argparse
import gzip
import io
import json
import os
import random

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
FONT_DIR = os.path.join(ROOT, 'node_modules', '@fontsource', 'playwrite-vn', 'files')
WEIGHTS = (200, 400)
FONT_SIZE = 64  # pixels per em; the thinned line makes the drawn weight matter little


def load_font(weight):
    """Converts the npm package's WOFF file to an in-memory TrueType font for Pillow."""
    path = os.path.join(FONT_DIR, f'playwrite-vn-latin-{weight}-normal.woff')
    if not os.path.exists(path):
        raise SystemExit(f'{path} not found; run npm ci to install @fontsource/playwrite-vn')
    font = TTFont(path)
    font.flavor = None
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    return ImageFont.truetype(buffer, FONT_SIZE, layout_engine=ImageFont.Layout.RAQM)


def draw_text(font, text):
    """Draws the text black on white; returns a boolean ink mask with a small border."""
    left, top, right, bottom = font.getbbox(text)
    image = Image.new('L', (right - left + 8, bottom - top + 8), 255)
    ImageDraw.Draw(image).text((4 - left, 4 - top), text, font=font, fill=0)
    return np.asarray(image) < 128


def thin(mask):
    """Zhang-Suen thinning: peels border pixels until a one-pixel-wide skeleton is left."""
    image = np.pad(mask.astype(np.uint8), 1)
    while True:
        changed = False
        for step in (0, 1):
            # Neighbours P2..P9, clockwise from north.
            p = [np.roll(np.roll(image, dy, 0), dx, 1) for dy, dx in
                 ((1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1))]
            count = sum(p)
            ring = p + [p[0]]
            transitions = sum(((ring[i] == 0) & (ring[i + 1] == 1)).astype(np.uint8) for i in range(8))
            if step == 0:
                keep = (p[0] * p[2] * p[4] == 0) & (p[2] * p[4] * p[6] == 0)
            else:
                keep = (p[0] * p[2] * p[6] == 0) & (p[0] * p[4] * p[6] == 0)
            remove = (image == 1) & (count >= 2) & (count <= 6) & (transitions == 1) & keep
            if remove.any():
                image[remove] = 0
                changed = True
        if not changed:
            return image[1:-1, 1:-1].astype(bool)


NEIGHBOURS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def trace(skeleton):
    """Walks the skeleton into polylines, starting from line ends, left to right as a pen would."""
    pixels = {(int(y), int(x)) for y, x in zip(*np.nonzero(skeleton))}

    def neighbours(pixel):
        y, x = pixel
        return [(y + dy, x + dx) for dy, dx in NEIGHBOURS if (y + dy, x + dx) in pixels]

    visited = set()
    strokes = []
    ends = sorted((p for p in pixels if len(neighbours(p)) == 1), key=lambda p: (p[1], p[0]))
    for start in ends + sorted(pixels, key=lambda p: (p[1], p[0])):
        if start in visited:
            continue
        stroke = [start]
        visited.add(start)
        current = start
        while True:
            following = [n for n in neighbours(current) if n not in visited]
            if not following:
                break
            # Prefer the 4-connected step, which keeps the line from cutting corners.
            following.sort(key=lambda n: abs(n[0] - current[0]) + abs(n[1] - current[1]))
            current = following[0]
            visited.add(current)
            stroke.append(current)
        if len(stroke) >= 2 or not strokes:
            strokes.append(stroke)
    return strokes


def to_flat(strokes, step=2):
    """Keeps every `step`-th point (and the last) as VNOnDB's flat [x0, y0, x1, y1, ...] lists."""
    flat = []
    for stroke in strokes:
        points = stroke[::step] + ([stroke[-1]] if (len(stroke) - 1) % step else [])
        flat.append([value for y, x in points for value in (x, y)])
    return flat


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--texts', default=os.path.join(ROOT, 'training/data/synth-texts.txt'))
    parser.add_argument('--out', default=os.path.join(ROOT, 'training/data/synth-strokes.jsonl.gz'))
    parser.add_argument('--seed', type=int, default=99)
    args = parser.parse_args()

    with open(args.texts, encoding='utf-8') as file:
        texts = [line.strip() for line in file if line.strip()]
    fonts = {weight: load_font(weight) for weight in WEIGHTS}
    generator = random.Random(args.seed)
    written = 0
    with gzip.open(args.out, 'wt', encoding='utf-8') as out:
        for i, text in enumerate(texts):
            weight = generator.choice(WEIGHTS)
            strokes = trace(thin(draw_text(fonts[weight], text)))
            if not strokes:
                continue
            sample = {'id': f'synth-{i}', 'label': text, 'writer': f'font-playwrite-vn-{weight}', 'line': f'synth-{i}', 'word': 0,
                      'strokes': to_flat(strokes)}
            out.write(json.dumps(sample, ensure_ascii=False) + '\n')
            written += 1
            if (i + 1) % 1000 == 0:
                print(f'{i + 1}/{len(texts)} texts traced', flush=True)
    print(f'{written} synthetic samples written to {args.out}')


if __name__ == '__main__':
    main()
