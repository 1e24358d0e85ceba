"""Converts the resume checkpoint between the float32 file training writes and the float16 copy
kept in the repository (training/checkpoints/), so a fresh machine can continue training.

Usage: python3 -m netchu.checkpoint shrink last.pt compact.fp16.pt
       python3 -m netchu.checkpoint expand compact.fp16.pt last.pt
"""
import argparse
import os

import torch


def convert(value, dtype):
    if torch.is_tensor(value) and value.is_floating_point():
        return value.to(dtype)
    if isinstance(value, dict):
        return {key: convert(item, dtype) for key, item in value.items()}
    if isinstance(value, list):
        return [convert(item, dtype) for item in value]
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('direction', choices=['shrink', 'expand'])
    parser.add_argument('source')
    parser.add_argument('target')
    args = parser.parse_args()
    state = torch.load(args.source, map_location='cpu')
    # The random generator states are byte tensors and stay as they are.
    state = convert(state, torch.float16 if args.direction == 'shrink' else torch.float32)
    torch.save(state, args.target + '.tmp')
    os.replace(args.target + '.tmp', args.target)
    print(f'{args.direction}: {args.source} -> {args.target} ({os.path.getsize(args.target) / 2**20:.1f} MiB)')


if __name__ == '__main__':
    main()
