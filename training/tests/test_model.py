"""Architecture checks: MoE routing and the 16x token compressor."""
import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from netchu.model import DeepEncoder, ModelConfig, MoE, NetChuOCR, deepseek_ocr_full_config  # noqa: E402


class RoutingTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.moe = MoE(dim=32, hidden=16, shared=2, routed=8, active=3)
        self.tokens = torch.randn(50, 32)

    def test_router_picks_exactly_k_experts_per_token(self):
        gates, _ = self.moe.route(self.tokens)
        self.assertTrue(torch.equal((gates > 0).sum(dim=-1), torch.full((50,), 3)))

    def test_unchosen_experts_do_not_change_the_output(self):
        gates, _ = self.moe.route(self.tokens)
        unused = (gates[0] == 0).nonzero()[0, 0]
        before = self.moe(self.tokens[:1])[0]
        with torch.no_grad():
            self.moe.w2[unused] += 100.0
            self.moe.b2[unused] += 100.0
        after = self.moe(self.tokens[:1])[0]
        self.assertTrue(torch.allclose(before, after))

    def test_shared_experts_always_apply(self):
        before = self.moe(self.tokens)[0]
        with torch.no_grad():
            for expert in self.moe.shared:
                expert[2].bias += 1.0
        after = self.moe(self.tokens)[0]
        self.assertTrue(torch.allclose(after - before, torch.full_like(before, 2.0), atol=1e-5))

    def test_chosen_expert_changes_the_output(self):
        gates, _ = self.moe.route(self.tokens)
        used = (gates[0] > 0).nonzero()[0, 0]
        before = self.moe(self.tokens[:1])[0]
        with torch.no_grad():
            self.moe.b2[used] += 1.0
        after = self.moe(self.tokens[:1])[0]
        self.assertFalse(torch.allclose(before, after))


class CompressorTest(unittest.TestCase):
    def test_compressor_reduces_tokens_16x(self):
        config = ModelConfig(vocab_size=20)
        encoder = DeepEncoder(config).eval()
        for width in (64, 128, 512):
            image = torch.zeros(1, 1, config.image_height, width)
            local = encoder.local(image)
            local_tokens = local.shape[1] * local.shape[2]
            compressed = encoder.compressor(local.permute(0, 3, 1, 2))
            self.assertEqual(local_tokens, 16 * compressed.shape[2] * compressed.shape[3])
            memory, _ = encoder(image)
            self.assertEqual(memory.shape[1] * 16, local_tokens)


class ConfigTest(unittest.TestCase):
    def test_full_size_config_has_paper_moe_shape(self):
        config = deepseek_ocr_full_config()
        self.assertEqual((config.routed_experts, config.active_experts, config.shared_experts), (64, 6, 2))
        self.assertEqual(config.compressor_channels[-1], 1024)

    def test_compact_model_decodes_with_cache_like_full_pass(self):
        torch.manual_seed(0)
        model = NetChuOCR(ModelConfig(vocab_size=30)).eval()
        image = torch.rand(1, 1, 32, 64)
        tokens = torch.tensor([[1, 5, 6, 7]])
        with torch.no_grad():
            full, _, _ = model(image, tokens)
            memory, _ = model.encoder(image)
            cross_keys, cross_values = model.decoder.cross_cache(memory)
            keys, values = model.decoder.empty_cache(1)
            stepped = []
            for position in range(tokens.shape[1]):
                logits, keys, values, _ = model.decoder(tokens[:, position:position + 1], cross_keys, cross_values, keys, values)
                stepped.append(logits)
        self.assertTrue(torch.allclose(full, torch.cat(stepped, dim=1), atol=1e-4))


if __name__ == '__main__':
    unittest.main()
