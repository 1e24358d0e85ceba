"""Averages the weights of the last few checkpoints of a run and keeps the average when it reads
the validation writers better than the best single checkpoint.

Near the end of a cosine schedule the weights move little from one validation to the next, and
their mean often scores better than any one of them. Whether it does is measured each time: the
average is scored exactly as train.py scores checkpoints (greedy decoding of the same validation
samples), so the choice never looks at `test`.

Usage: python3 -m netchu.average --run training/runs/compact [--last 5]
Reads <run>/snapshots/step-*.pt (written by train.py) and <run>/best.pt; writes <run>/averaged.pt
and, when the average scores lower, replaces <run>/best.pt with it.
"""
import argparse
import glob
import json
import os

import torch

from .model import ModelConfig, NetChuOCR
from .text import Vocabulary
from .train import evaluate, snapshot_step
from .data import ImageSet


def average_state_dicts(states):
    """Returns the element-wise mean of the floating-point tensors of several state dicts.

    Other entries, such as integer counters, are taken from the last state dict.
    """
    if not states:
        raise ValueError('no checkpoints to average: expected at least one state dict')
    keys = states[-1].keys()
    for state in states:
        if state.keys() != keys:
            raise ValueError('checkpoints contain different parameters')
    averaged = {}
    for key in keys:
        last = states[-1][key]
        if torch.is_tensor(last) and last.is_floating_point():
            averaged[key] = torch.stack([state[key].float() for state in states]).mean(0).to(last.dtype)
        else:
            averaged[key] = last
    return averaged


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--run', default='training/runs/compact')
    parser.add_argument('--data', default='training/data')
    parser.add_argument('--last', type=int, default=5, help='how many of the latest snapshots to average')
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)

    paths = sorted(glob.glob(os.path.join(args.run, 'snapshots', 'step-*.pt')), key=snapshot_step)[-args.last:]
    if len(paths) < 2:
        print(f'average: {len(paths)} snapshot(s) in {args.run}/snapshots, nothing to average')
        return
    snapshots = [torch.load(path, map_location='cpu') for path in paths]
    with open(os.path.join(args.data, 'meta.json'), encoding='utf-8') as file:
        meta = json.load(file)
    vocabulary = Vocabulary(meta['tokens'])
    height = meta['inputSpec']['height']
    config = ModelConfig(**snapshots[-1]['config'])
    model = NetChuOCR(config)
    model.load_state_dict(average_state_dicts([s['model'] for s in snapshots]))
    validation_sets = [ImageSet(args.data, name, height) for name in ('val-words', 'val-phrases')]
    cer = evaluate(model, validation_sets, vocabulary)

    steps = [s['step'] for s in snapshots]
    averaged = {'model': model.state_dict(), 'config': config.to_dict(), 'step': steps[-1],
                'val_cer': cer, 'averaged_steps': steps}
    torch.save(averaged, os.path.join(args.run, 'averaged.pt'))
    best_path = os.path.join(args.run, 'best.pt')
    best_cer = torch.load(best_path, map_location='cpu')['val_cer'] if os.path.exists(best_path) else float('inf')
    print(f'average of steps {steps}: validation CER {cer:.4f}; best single checkpoint {best_cer:.4f}')
    if cer < best_cer:
        torch.save(averaged, best_path)
        print(f'wrote the average to {best_path}')


if __name__ == '__main__':
    main()
