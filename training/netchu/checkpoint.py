"""Converts the resume checkpoint between the float32 file training writes and the half-precision
copy kept in the repository (training/checkpoints/), so a fresh machine can continue training.

The copy also carries the best checkpoint's weights, so `npm run train` can export on a fresh
machine even when resumed training does not beat the stored validation CER.

Usage: python3 -m netchu.checkpoint shrink last.pt compact.fp16.pt --best best.pt
       python3 -m netchu.checkpoint expand compact.fp16.pt last.pt --best best.pt
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


def shrink(state):
    """Stores weights as float16 and the optimizer moments as bfloat16. Adam's second moments are
    often below float16's smallest value, and a moment flushed to zero would turn the next update
    into m / eps, so they keep float32's exponent range."""
    state = dict(state)
    state['model'] = convert(state['model'], torch.float16)
    if 'optimizer' in state:
        state['optimizer'] = convert(state['optimizer'], torch.bfloat16)
    return state


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('direction', choices=['shrink', 'expand'])
    parser.add_argument('source')
    parser.add_argument('target')
    parser.add_argument('--best', help='best.pt to embed (shrink) or to write out (expand)')
    args = parser.parse_args()
    state = torch.load(args.source, map_location='cpu')
    # The random generator states are byte tensors and stay as they are.
    if args.direction == 'shrink':
        state = shrink(state)
        if args.best:
            state['best'] = convert(torch.load(args.best, map_location='cpu'), torch.float16)
    else:
        best = state.pop('best', None)
        state = convert(state, torch.float32)
        if args.best and best is not None and not os.path.exists(args.best):
            torch.save(convert(best, torch.float32), args.best)
            print(f'wrote {args.best} (validation CER {best.get("val_cer")})')
    torch.save(state, args.target + '.tmp')
    os.replace(args.target + '.tmp', args.target)
    print(f'{args.direction}: {args.source} -> {args.target} ({os.path.getsize(args.target) / 2**20:.1f} MiB)')


if __name__ == '__main__':
    main()
