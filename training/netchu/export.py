"""Exports a trained checkpoint to ONNX (opset 17): `encoder.onnx` (image -> cross-attention keys and values, plus
the CTC head's per-column log-probabilities that the runtime's joint beam search uses) and `decoder.onnx` (one
KV-cached decoding step), plus parity fixtures that the TypeScript tests compare onnxruntime against.

Usage: python3 -m netchu.export --checkpoint training/runs/compact/best.pt --out models/net-chu-v1/float
"""
import argparse
import json
import math
import os

import numpy as np
import torch

from .model import ModelConfig, NetChuOCR

OPSET = 17


class EncoderGraph(torch.nn.Module):
    """Image -> the decoder's cross-attention keys and values, so decoding steps never redo them, and the
    auxiliary CTC head's log-probabilities (batch, width / 4, vocabulary), blank = the padding token."""

    def __init__(self, model):
        super().__init__()
        self.encoder = model.encoder
        self.decoder = model.decoder

    def forward(self, image):
        memory, ctc_logits = self.encoder(image)
        cross_keys, cross_values = self.decoder.cross_cache(memory)
        return cross_keys, cross_values, torch.log_softmax(ctc_logits, dim=-1)


class DecoderGraph(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.decoder = model.decoder

    def forward(self, tokens, cross_keys, cross_values, past_keys, past_values):
        logits, keys, values, _ = self.decoder(tokens, cross_keys, cross_values, past_keys, past_values)
        return logits, keys, values


def load_model(path):
    state = torch.load(path, map_location='cpu')
    model = NetChuOCR(ModelConfig(**state['config']))
    model.load_state_dict(state['model'])
    return model.eval(), state


def parity_image(height, width):
    """Draws a fixed synthetic image for the parity fixtures: a few strokes, no dataset content."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    image = np.zeros((height, width), np.float32)
    for k in range(4):
        centre = 10 + 24 * k
        image = np.maximum(image, np.clip(1.5 - np.abs(np.hypot(x - centre, y - height / 2) - 6), 0, 1))
    image = np.maximum(image, np.clip(1.2 - np.abs(y - 0.3 * x - 4), 0, 1) * (x < 40))
    return np.round(image * 255) / 255


def export(model, out):
    os.makedirs(out, exist_ok=True)
    config = model.config
    height = config.image_height
    image = torch.zeros(1, 1, height, 128)
    encoder_path = os.path.join(out, 'encoder.onnx')
    torch.onnx.export(EncoderGraph(model), (image,), encoder_path, opset_version=OPSET,
                      input_names=['image'], output_names=['cross_keys', 'cross_values', 'ctc_log_probs'],
                      dynamic_axes={'image': {0: 'batch', 3: 'width'}, 'cross_keys': {1: 'batch', 3: 'tokens'},
                                    'cross_values': {1: 'batch', 3: 'tokens'},
                                    'ctc_log_probs': {0: 'batch', 1: 'columns'}})

    cross_keys, cross_values, _ = EncoderGraph(model)(image)
    tokens = torch.ones(1, 2, dtype=torch.long)
    head_dim = config.decoder_dim // config.decoder_heads
    past = torch.zeros(config.decoder_layers, 1, config.decoder_heads, 3, head_dim)
    decoder_path = os.path.join(out, 'decoder.onnx')
    torch.onnx.export(DecoderGraph(model), (tokens, cross_keys, cross_values, past, past), decoder_path,
                      opset_version=OPSET, input_names=['tokens', 'cross_keys', 'cross_values', 'past_keys', 'past_values'],
                      output_names=['logits', 'present_keys', 'present_values'],
                      dynamic_axes={'tokens': {0: 'batch', 1: 'length'},
                                    'past_keys': {1: 'batch', 3: 'past'}, 'past_values': {1: 'batch', 3: 'past'},
                                    'cross_keys': {1: 'batch', 3: 'tokens'}, 'cross_values': {1: 'batch', 3: 'tokens'},
                                    'logits': {0: 'batch', 1: 'length'},
                                    'present_keys': {1: 'batch', 3: 'total'}, 'present_values': {1: 'batch', 3: 'total'}})
    return encoder_path, decoder_path


@torch.no_grad()
def parity_fixture(model):
    """Runs the encoder on a fixed image and two decoder steps (empty cache, then cached)."""
    config = model.config
    image = torch.from_numpy(parity_image(config.image_height, 128))[None, None]
    cross_keys, cross_values, ctc_log_probs = EncoderGraph(model)(image)
    keys, values = model.decoder.empty_cache(1)
    first_tokens = torch.tensor([[1]])
    logits1, keys, values, _ = model.decoder(first_tokens, cross_keys, cross_values, keys, values)
    second_tokens = torch.tensor([[int(logits1[0, -1].argmax())]])
    logits2, _, _, _ = model.decoder(second_tokens, cross_keys, cross_values, keys, values)
    return {
        'image': {'dims': list(image.shape), 'data': image.flatten().tolist()},
        'cross_keys': {'dims': list(cross_keys.shape), 'data': cross_keys.flatten().tolist()},
        'ctc_log_probs': {'dims': list(ctc_log_probs.shape), 'data': ctc_log_probs.flatten().tolist()},
        'steps': [
            {'tokens': first_tokens.flatten().tolist(), 'logits': logits1.flatten().tolist()},
            {'tokens': second_tokens.flatten().tolist(), 'logits': logits2.flatten().tolist()},
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint', required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    model, state = load_model(args.checkpoint)
    torch.set_grad_enabled(False)
    paths = export(model, args.out)
    with open(os.path.join(args.out, 'parity.json'), 'w', encoding='utf-8') as file:
        json.dump(parity_fixture(model), file)
    with open(os.path.join(args.out, 'export.json'), 'w', encoding='utf-8') as file:
        json.dump({'config': model.config.to_dict(), 'step': state.get('step'), 'val_cer': state.get('val_cer'),
                   'averaged_steps': state.get('averaged_steps'),
                   'parameters': sum(p.numel() for p in model.parameters())}, file, indent=1)
    print('exported', *paths)


if __name__ == '__main__':
    main()
