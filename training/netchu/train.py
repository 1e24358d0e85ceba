"""Trains the compact DeepSeek-OCR on the rendered VNOnDB sets (see training/README.md).

Resumable: `--resume` continues from <out>/last.pt with the same schedule and data order.
Checkpoints are picked on the validation writers only; `test` is never read here.
"""
import argparse
import json
import math
import os
import random
import re
import time

import numpy as np
import torch
import torch.nn.functional as F

from .data import ImageSet, collate, width_batches
from .model import ModelConfig, NetChuOCR, load_balance_loss
from .text import BOS_ID, EOS_ID, PAD_ID, Vocabulary, character_error_rate


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--data', default='training/data', help='folder written by render-dataset.ts')
    parser.add_argument('--out', default='training/runs/compact', help='checkpoint and log folder')
    parser.add_argument('--steps', type=int, default=14000, help='optimizer steps in the whole schedule')
    parser.add_argument('--columns-per-batch', type=int, default=4096, help='summed image width per batch, pixels')
    parser.add_argument('--max-batch', type=int, default=96)
    parser.add_argument('--lr', type=float, default=1.5e-3, help='peak learning rate')
    parser.add_argument('--warmup', type=int, default=300, help='linear warm-up steps')
    parser.add_argument('--ctc-weight', type=float, default=1.0, help='weight of the auxiliary encoder CTC loss')
    parser.add_argument('--balance-weight', type=float, default=0.01, help='weight of the MoE load-balance loss')
    parser.add_argument('--eval-every', type=int, default=1000)
    parser.add_argument('--log-every', type=int, default=200)
    parser.add_argument('--snapshots', type=int, default=5,
                        help='weights kept from the latest validations, for netchu.average (0: none)')
    parser.add_argument('--seed', type=int, default=1234)
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--resume', action='store_true')
    parser.add_argument('--config', default='{}', help='JSON overrides of ModelConfig fields')
    return parser.parse_args()


def learning_rate(step, args):
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    progress = (step - args.warmup) / max(1, args.steps - args.warmup)
    return args.lr * (0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


@torch.no_grad()
def evaluate(model, sets, vocabulary, limit_per_set=(800, 200)):
    """Greedy-decodes evenly spaced validation samples; returns the corpus CER over all of them."""
    model.eval()
    references, hypotheses = [], []
    for image_set, limit in zip(sets, limit_per_set):
        picked = np.linspace(0, len(image_set) - 1, min(limit, len(image_set))).astype(int).tolist()
        by_width = {}
        for i in picked:
            by_width.setdefault(image_set.width(i), []).append(i)
        for indexes in by_width.values():
            for start in range(0, len(indexes), 64):
                chunk = indexes[start:start + 64]
                images = collate(image_set, chunk, vocabulary)[0]
                output = model.greedy_decode(images, BOS_ID, EOS_ID)
                hypotheses += [vocabulary.decode(row) for row in output.tolist()]
                references += [image_set.label(i) for i in chunk]
    model.train()
    return character_error_rate(references, hypotheses)


def save_checkpoint(path, model, optimizer, step, best_cer, config, generator):
    state = {'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'step': step,
             'best_cer': best_cer, 'config': config.to_dict(), 'generator': generator.get_state(),
             'torch_rng': torch.get_rng_state()}
    torch.save(state, path + '.tmp')
    os.replace(path + '.tmp', path)


def snapshot_step(path):
    """Returns the step number in a snapshot name such as step-5000.pt, or -1 for another name."""
    match = re.search(r'step-(\d+)\.pt$', path)
    return int(match.group(1)) if match else -1


def save_snapshot(out, model, config, step, val_cer, keep):
    """Keeps the weights of the latest `keep` validations as <out>/snapshots/step-N.pt."""
    folder = os.path.join(out, 'snapshots')
    os.makedirs(folder, exist_ok=True)
    torch.save({'model': model.state_dict(), 'config': config.to_dict(), 'step': step, 'val_cer': val_cer},
               os.path.join(folder, f'step-{step}.pt'))
    names = sorted((name for name in os.listdir(folder) if snapshot_step(name) >= 0), key=snapshot_step)
    for name in names[:-keep]:
        os.remove(os.path.join(folder, name))


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    # Tiny weights and optimizer moments turn into denormal floats as training goes on. Those are
    # many times slower on x86 CPUs, so they are flushed to zero to keep the step time flat.
    torch.set_flush_denormal(True)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    with open(os.path.join(args.data, 'meta.json'), encoding='utf-8') as file:
        meta = json.load(file)
    vocabulary = Vocabulary(meta['tokens'])
    height = meta['inputSpec']['height']
    config = ModelConfig(vocab_size=len(vocabulary), image_height=height,
                         max_width=meta['inputSpec']['maxWidth'], **json.loads(args.config))

    training_sets = [ImageSet(args.data, name, height) for name in ('train-words', 'train-phrases')]
    validation_sets = [ImageSet(args.data, name, height) for name in ('val-words', 'val-phrases')]

    model = NetChuOCR(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    generator = torch.Generator().manual_seed(args.seed)
    step, best_cer = 0, float('inf')
    last_path = os.path.join(args.out, 'last.pt')
    if args.resume and os.path.exists(last_path):
        state = torch.load(last_path)
        model.load_state_dict(state['model'])
        optimizer.load_state_dict(state['optimizer'])
        step, best_cer = state['step'], state['best_cer']
        generator.set_state(state['generator'])
        torch.set_rng_state(state['torch_rng'])
        # netchu.average may have replaced best.pt with an average that scored below every
        # single checkpoint, so a later checkpoint must beat the average to replace it.
        best_path = os.path.join(args.out, 'best.pt')
        if os.path.exists(best_path):
            best_cer = min(best_cer, torch.load(best_path, map_location='cpu').get('val_cer', best_cer))
        print(f'resumed at step {step}, best validation CER {best_cer:.4f}', flush=True)
    with open(os.path.join(args.out, 'config.json'), 'w', encoding='utf-8') as file:
        json.dump({'model': config.to_dict(), 'args': vars(args), 'input_spec': meta['inputSpec'],
                   'tokens': meta['tokens']}, file, ensure_ascii=False, indent=1)
    print(f'parameters: {sum(p.numel() for p in model.parameters()):,}', flush=True)

    # Every pass visits all batches of words and phrases once, in a seeded random order.
    queue = []
    started, window_start, window_samples, losses = time.time(), time.time(), 0, []
    last_cer = best_cer
    while step < args.steps:
        if not queue:
            queue = [(s, batch) for s in training_sets
                     for batch in width_batches(s, args.columns_per_batch, args.max_batch, generator)]
            order = torch.randperm(len(queue), generator=generator).tolist()
            queue = [queue[i] for i in order]
        image_set, batch = queue.pop()
        images, inputs, targets, ctc_targets, ctc_lengths = collate(image_set, batch, vocabulary)

        # Forward: decoder cross-entropy, auxiliary CTC on the local stage, MoE balance.
        logits, ctc_logits, routing = model(images, inputs)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                               ignore_index=PAD_ID, label_smoothing=0.05)
        log_probs = F.log_softmax(ctc_logits, dim=-1).transpose(0, 1)
        input_lengths = torch.full((len(batch),), log_probs.shape[0], dtype=torch.long)
        ctc = F.ctc_loss(log_probs, ctc_targets, input_lengths, ctc_lengths, blank=PAD_ID, zero_infinity=True)
        balance = sum(load_balance_loss(g, p, config.active_experts) for g, p in routing) / len(routing)
        total = loss + args.ctc_weight * ctc + args.balance_weight * balance

        # Update with clipped gradients and the scheduled learning rate.
        for group in optimizer.param_groups:
            group['lr'] = learning_rate(step, args)
        optimizer.zero_grad(set_to_none=True)
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        window_samples += len(batch)
        losses.append(loss.item())

        if step % args.eval_every == 0 or step == args.steps:
            last_cer = evaluate(model, validation_sets, vocabulary)
            if last_cer < best_cer:
                best_cer = last_cer
                torch.save({'model': model.state_dict(), 'config': config.to_dict(), 'step': step,
                            'val_cer': last_cer}, os.path.join(args.out, 'best.pt'))
            save_checkpoint(last_path, model, optimizer, step, best_cer, config, generator)
            if args.snapshots > 0:
                save_snapshot(args.out, model, config, step, last_cer, args.snapshots)

        if step % args.log_every == 0 or step % args.eval_every == 0:
            elapsed = time.time() - window_start
            rate = window_samples / max(elapsed, 1e-6)
            step_seconds = elapsed / args.log_every
            eta = (args.steps - step) * step_seconds
            print(f'step {step}/{args.steps} loss {np.mean(losses):.4f} ctc {ctc.item():.3f} '
                  f'val_cer {last_cer:.4f} best {best_cer:.4f} lr {learning_rate(step, args):.2e} '
                  f'samples/s {rate:.0f} eta {eta / 60:.0f} min elapsed {(time.time() - started) / 60:.1f} min',
                  flush=True)
            window_start, window_samples, losses = time.time(), 0, []


if __name__ == '__main__':
    main()
