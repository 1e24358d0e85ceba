"""Loads the image sets that training/render/render-dataset.ts wrote, and batches them by width."""
import json
import os

import numpy as np
import torch

from .text import BOS_ID, EOS_ID, PAD_ID


class ImageSet:
    """One rendered set: uint8 pixels (255 is ink) plus [byte offset, width, label] per image."""

    def __init__(self, folder, name, height):
        self.height = height
        self.pixels = np.fromfile(os.path.join(folder, name + '.bin'), dtype=np.uint8)
        with open(os.path.join(folder, name + '.json'), encoding='utf-8') as file:
            self.index = json.load(file)

    def __len__(self):
        return len(self.index)

    def image(self, i):
        offset, width, _ = self.index[i]
        return self.pixels[offset:offset + self.height * width].reshape(self.height, width)

    def width(self, i):
        return self.index[i][1]

    def label(self, i):
        return self.index[i][2]


def width_batches(image_set, columns_per_batch, max_batch, generator):
    """Groups image indexes of equal width into shuffled batches of about `columns_per_batch`
    summed pixel columns, so no padding is needed inside the encoder."""
    by_width = {}
    for i in range(len(image_set)):
        by_width.setdefault(image_set.width(i), []).append(i)
    batches = []
    for width, indexes in sorted(by_width.items()):
        order = torch.randperm(len(indexes), generator=generator).tolist()
        size = max(1, min(max_batch, columns_per_batch // width))
        for start in range(0, len(order), size):
            batches.append([indexes[j] for j in order[start:start + size]])
    return batches


def collate(image_set, indexes, vocabulary):
    """Returns images (B, 1, H, W) in [0, 1], decoder inputs and targets (B, T) padded with PAD,
    and the flat CTC targets with their lengths."""
    images = np.stack([image_set.image(i) for i in indexes]).astype(np.float32) / 255.0
    encoded = [vocabulary.encode(image_set.label(i)) for i in indexes]
    length = max(len(ids) for ids in encoded) + 1
    inputs = torch.full((len(indexes), length), PAD_ID, dtype=torch.long)
    targets = torch.full((len(indexes), length), PAD_ID, dtype=torch.long)
    for row, ids in enumerate(encoded):
        inputs[row, :len(ids) + 1] = torch.tensor([BOS_ID] + ids)
        targets[row, :len(ids) + 1] = torch.tensor(ids + [EOS_ID])
    ctc_targets = torch.tensor([token for ids in encoded for token in ids], dtype=torch.long)
    ctc_lengths = torch.tensor([len(ids) for ids in encoded], dtype=torch.long)
    return torch.from_numpy(images)[:, None], inputs, targets, ctc_targets, ctc_lengths
