"""Checkpoint averaging: the mean of real model weights, counters kept, mismatches rejected."""
import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from netchu.average import average_state_dicts  # noqa: E402
from netchu.model import ModelConfig, NetChuOCR  # noqa: E402
from netchu.train import snapshot_step  # noqa: E402


def small_model(seed):
    torch.manual_seed(seed)
    return NetChuOCR(ModelConfig(vocab_size=20, local_dim=24, local_heads=2, compressor_channels=(32, 48),
                                 global_depth=1, decoder_dim=32, decoder_layers=1, expert_hidden=16))


class AverageTest(unittest.TestCase):
    def test_mean_of_three_models(self):
        states = [small_model(seed).state_dict() for seed in (1, 2, 3)]
        averaged = average_state_dicts(states)
        for key, value in averaged.items():
            if value.is_floating_point():
                expected = (states[0][key] + states[1][key] + states[2][key]) / 3
                self.assertTrue(torch.allclose(value, expected, atol=1e-6), key)
        # The average loads into the same architecture.
        small_model(4).load_state_dict(averaged)

    def test_integer_entries_come_from_the_last(self):
        states = [{'w': torch.ones(2), 'count': torch.tensor(3)}, {'w': torch.zeros(2), 'count': torch.tensor(7)}]
        averaged = average_state_dicts(states)
        self.assertTrue(torch.equal(averaged['w'], torch.full((2,), 0.5)))
        self.assertEqual(int(averaged['count']), 7)

    def test_rejects_different_parameters(self):
        with self.assertRaises(ValueError):
            average_state_dicts([{'a': torch.ones(1)}, {'b': torch.ones(1)}])
        with self.assertRaises(ValueError):
            average_state_dicts([])

    def test_snapshots_sort_by_step_number(self):
        names = ['run/snapshots/step-9000.pt', 'run/snapshots/step-10000.pt', 'run/snapshots/step-900.pt']
        self.assertEqual(sorted(names, key=snapshot_step)[-1], 'run/snapshots/step-10000.pt')


if __name__ == '__main__':
    unittest.main()
