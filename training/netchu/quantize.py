"""Quantises the exported ONNX weights to int8, symmetric, per channel, without onnxruntime.

Every large float initializer that feeds a MatMul, Gemm, Conv or Gather becomes an int8
initializer plus a per-channel scale, followed by a DequantizeLinear node (opset 13+), so the
files shrink about 4x and any onnxruntime backend can run them. The channel axis of each weight
is the one with the smallest reconstruction error.

Usage: python3 -m netchu.quantize IN.onnx OUT.onnx
"""
import argparse

import numpy as np
import onnx
from onnx import helper, numpy_helper

QUANTISED_OPS = {'MatMul', 'Gemm', 'Conv', 'Gather'}
MIN_ELEMENTS = 4096


def quantise_per_axis(weight, axis):
    """Returns int8 values, float scales along `axis`, and the mean squared reconstruction error."""
    reduce_axes = tuple(i for i in range(weight.ndim) if i != axis)
    maximum = np.abs(weight).max(axis=reduce_axes, keepdims=True)
    scale = np.where(maximum > 0, maximum / 127.0, 1.0).astype(np.float32)
    quantised = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
    error = float(np.mean((quantised.astype(np.float32) * scale - weight) ** 2))
    return quantised, scale.reshape(-1), error


def quantise_model(model):
    graph = model.graph
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    replaced = []
    for initializer in list(graph.initializer):
        weight = numpy_helper.to_array(initializer)
        users = consumers.get(initializer.name, [])
        if weight.dtype != np.float32 or weight.size < MIN_ELEMENTS or weight.ndim < 2:
            continue
        if not users or any(node.op_type not in QUANTISED_OPS for node in users):
            continue

        best = min((quantise_per_axis(weight, axis) + (axis,) for axis in range(weight.ndim)), key=lambda r: r[2])
        quantised, scale, _, axis = best
        base = initializer.name
        graph.initializer.remove(initializer)
        graph.initializer.extend([
            numpy_helper.from_array(quantised, base + '_int8'),
            numpy_helper.from_array(scale, base + '_scale'),
            numpy_helper.from_array(np.zeros(scale.shape, np.int8), base + '_zero_point'),
        ])
        graph.node.insert(0, helper.make_node(
            'DequantizeLinear', [base + '_int8', base + '_scale', base + '_zero_point'], [base],
            name=base + '_dequantize', axis=axis))
        replaced.append((base, weight.shape, axis))
    return replaced


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('source')
    parser.add_argument('target')
    args = parser.parse_args()
    model = onnx.load(args.source)
    replaced = quantise_model(model)
    onnx.checker.check_model(model)
    onnx.save(model, args.target)
    print(f'{args.target}: {len(replaced)} weights quantised to int8')


if __name__ == '__main__':
    main()
