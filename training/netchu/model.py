"""A compact DeepSeek-OCR: DeepEncoder (window-attention local stage, 16x convolutional token
compressor, global-attention stage with a skip connection) and a DeepSeek-MoE text decoder.

Shapes use B batch, H x W image pixels, R x C local token grid (H/4 x W/4), N compressed tokens
(H/16 * W/16), T text positions, D model width, E routed experts.
"""
import math
from dataclasses import dataclass, field, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    vocab_size: int
    image_height: int = 32
    # Local (SAM-style) stage: a strided convolutional patch embedding, then window attention.
    patch_size: int = 4
    local_dim: int = 96
    local_depth: int = 2
    local_heads: int = 3
    window_columns: int = 8
    # SAM interleaves global-attention blocks among the windowed ones; here the last local block is global.
    global_attention_indexes: list = field(default_factory=lambda: [1])
    # 16x token compressor: two 3x3 stride-2 convolutions that widen the channels.
    compressor_channels: tuple = (192, 256)
    # Global (CLIP-style) stage over the compressed tokens.
    global_depth: int = 2
    global_heads: int = 4
    max_width: int = 512
    # DeepSeek-MoE decoder.
    decoder_dim: int = 192
    decoder_layers: int = 2
    decoder_heads: int = 4
    shared_experts: int = 1
    routed_experts: int = 8
    active_experts: int = 2
    expert_hidden: int = 192
    max_text_length: int = 64

    def to_dict(self):
        return asdict(self)


def deepseek_ocr_full_config(vocab_size=129280):
    """Full-size DeepSeek-OCR: SAM-base local stage, compressor widening to 1024 channels, CLIP-L
    global stage, and a DeepSeek-3B-MoE decoder with 64 routed experts (6 active) and 2 shared
    experts. The config can express it, but only the compact config is trained here."""
    return ModelConfig(
        vocab_size=vocab_size, image_height=1024, patch_size=16, local_dim=768, local_depth=12,
        local_heads=12, window_columns=14, global_attention_indexes=[2, 5, 8, 11],
        compressor_channels=(512, 1024), global_depth=24, global_heads=16, max_width=1024,
        decoder_dim=1280, decoder_layers=12, decoder_heads=10, shared_experts=2,
        routed_experts=64, active_experts=6, expert_hidden=896, max_text_length=8192)


def attention(q, k, v, mask=None):
    # q: (B, h, Tq, d), k and v: (B, h, Tk, d); mask: additive, broadcast to (B, h, Tq, Tk).
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores + mask
    return torch.matmul(torch.softmax(scores, dim=-1), v)


class SelfAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, x, mask=None):
        b, t, d = x.shape
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        y = attention(q, k, v, mask).transpose(1, 2).reshape(b, t, d)
        return self.out(y)


class Block(nn.Module):
    """Pre-norm transformer block; the local stage runs it on windows, the global stage on all tokens."""

    def __init__(self, dim, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class LocalStage(nn.Module):
    """SAM-style stage: patch embedding, then attention inside windows of all rows x `window_columns`."""

    def __init__(self, config):
        super().__init__()
        dim = config.local_dim
        self.window = config.window_columns
        self.global_indexes = set(config.global_attention_indexes)
        self.patch_embed = nn.Sequential(
            nn.Conv2d(1, dim // 2, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(dim // 2, dim, 3, stride=2, padding=1))
        self.row_embed = nn.Parameter(torch.zeros(config.image_height // config.patch_size, dim))
        self.column_embed = nn.Parameter(torch.zeros(config.max_width // config.patch_size, dim))
        nn.init.normal_(self.row_embed, std=0.02)
        nn.init.normal_(self.column_embed, std=0.02)
        self.blocks = nn.ModuleList(Block(dim, config.local_heads) for _ in range(config.local_depth))
        self.norm = nn.LayerNorm(dim)

    def forward(self, image):
        # image: (B, 1, H, W) -> features: (B, R, C, D)
        x = self.patch_embed(image).permute(0, 2, 3, 1)
        b, r, c, d = x.shape
        x = x + self.row_embed[:r, None, :] + self.column_embed[None, :c, :]
        for index, block in enumerate(self.blocks):
            if index in self.global_indexes:
                x = block(x.reshape(b, r * c, d)).reshape(b, r, c, d)
                continue
            # Windows: (B, R, C/w, w, D) -> (B * C/w, R * w, D)
            windows = x.reshape(b, r, -1, self.window, d).permute(0, 2, 1, 3, 4).reshape(-1, r * self.window, d)
            windows = block(windows)
            x = windows.reshape(b, -1, r, self.window, d).permute(0, 2, 1, 3, 4).reshape(b, r, c, d)
        return self.norm(x)


class DeepEncoder(nn.Module):
    """Local stage, 16x compressor, global stage; returns the decoder's memory and the CTC logits."""

    def __init__(self, config):
        super().__init__()
        self.local = LocalStage(config)
        c1, c2 = config.compressor_channels
        self.compressor = nn.Sequential(
            nn.Conv2d(config.local_dim, c1, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(c1, c2, 3, stride=2, padding=1))
        rows = config.image_height // config.patch_size // 4
        self.global_row_embed = nn.Parameter(torch.randn(rows, c2) * 0.02)
        self.global_column_embed = nn.Parameter(torch.randn(config.max_width // config.patch_size // 4, c2) * 0.02)
        self.global_blocks = nn.ModuleList(Block(c2, config.global_heads) for _ in range(config.global_depth))
        self.global_norm = nn.LayerNorm(c2)
        # Projector: global output concatenated with its input (the compressed local features).
        self.projector = nn.Linear(2 * c2, config.decoder_dim)
        self.ctc_head = nn.Linear(config.local_dim, config.vocab_size)

    def forward(self, image):
        local = self.local(image)                                   # (B, R, C, D)
        compressed = self.compressor(local.permute(0, 3, 1, 2))     # (B, c2, R/4, C/4)
        compressed = compressed.permute(0, 2, 3, 1)
        b, r, c, d = compressed.shape
        tokens = compressed + self.global_row_embed[:r, None, :] + self.global_column_embed[None, :c, :]
        tokens = tokens.reshape(b, r * c, d)                        # (B, N, c2)
        x = tokens
        for block in self.global_blocks:
            x = block(x)
        x = self.global_norm(x)
        memory = self.projector(torch.cat([x, tokens], dim=-1))     # (B, N, decoder_dim)
        ctc_logits = self.ctc_head(local.mean(dim=1))               # (B, C, vocab)
        return memory, ctc_logits


class MoE(nn.Module):
    """DeepSeek-MoE feed-forward: shared experts for every token plus `active_experts` of the
    fine-grained routed experts, chosen per token by top-k softmax gating.

    Routed experts are stored stacked and evaluated as one batched matmul. The gate is zero for
    every expert outside the token's top k, so only the chosen experts contribute to its output.
    """

    def __init__(self, dim, hidden, shared, routed, active):
        super().__init__()
        self.active = active
        self.shared = nn.ModuleList(
            nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim)) for _ in range(shared))
        self.router = nn.Linear(dim, routed, bias=False)
        self.w1 = nn.Parameter(torch.randn(routed, dim, hidden) / math.sqrt(dim))
        self.b1 = nn.Parameter(torch.zeros(routed, 1, hidden))
        self.w2 = nn.Parameter(torch.randn(routed, hidden, dim) / math.sqrt(hidden))
        self.b2 = nn.Parameter(torch.zeros(routed, 1, dim))

    def route(self, x):
        # x: (M, D) -> gates (M, E) with exactly `active` non-zero entries per row, and router probabilities.
        probabilities = torch.softmax(self.router(x), dim=-1)
        top_values, top_indexes = torch.topk(probabilities, self.active, dim=-1)
        gates = torch.zeros_like(probabilities).scatter(-1, top_indexes, top_values)
        return gates, probabilities

    def forward(self, x):
        shape = x.shape
        x = x.reshape(-1, shape[-1])                                # (M, D)
        gates, probabilities = self.route(x)
        hidden = F.gelu(torch.matmul(x.unsqueeze(0), self.w1) + self.b1)   # (E, M, hidden)
        routed = torch.matmul(hidden, self.w2) + self.b2                   # (E, M, D)
        y = (routed * gates.t().unsqueeze(-1)).sum(dim=0)
        for expert in self.shared:
            y = y + expert(x)
        return y.reshape(shape), gates, probabilities


def load_balance_loss(gates, probabilities, active):
    """Expert-level balance term of DeepSeekMoE: sum over experts of f_i * P_i, where f_i is the
    share of tokens routed to expert i scaled so that uniform routing gives 1, and P_i its mean
    router probability."""
    experts = probabilities.shape[-1]
    fraction = (gates > 0).float().mean(dim=0) * experts / active
    return (fraction * probabilities.mean(dim=0)).sum()


class DecoderLayer(nn.Module):
    def __init__(self, config):
        super().__init__()
        d = config.decoder_dim
        self.heads = config.decoder_heads
        self.norm1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.self_out = nn.Linear(d, d)
        self.norm2 = nn.LayerNorm(d)
        self.cross_q = nn.Linear(d, d)
        self.cross_kv = nn.Linear(d, 2 * d)
        self.cross_out = nn.Linear(d, d)
        self.norm3 = nn.LayerNorm(d)
        self.moe = MoE(d, config.expert_hidden, config.shared_experts, config.routed_experts, config.active_experts)

    def split(self, x):
        b, t, d = x.shape
        return x.reshape(b, t, self.heads, d // self.heads).transpose(1, 2)

    def cross_key_value(self, memory):
        # memory: (B, N, D) -> key and value (B, h, N, d), computed once per image.
        key, value = self.cross_kv(memory).chunk(2, dim=-1)
        return self.split(key), self.split(value)

    def forward(self, x, cross_key, cross_value, past_key, past_value, mask):
        # x: (B, T, D); cross_key/value: (B, h, N, d); past_key/value: (B, h, P, d); mask: (T, P + T) additive.
        b, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).chunk(3, dim=-1)
        key = torch.cat([past_key, self.split(k)], dim=2)
        value = torch.cat([past_value, self.split(v)], dim=2)
        y = attention(self.split(q), key, value, mask)
        x = x + self.self_out(y.transpose(1, 2).reshape(b, t, d))

        y = attention(self.split(self.cross_q(self.norm2(x))), cross_key, cross_value)
        x = x + self.cross_out(y.transpose(1, 2).reshape(b, t, d))

        y, gates, probabilities = self.moe(self.norm3(x))
        return x + y, key, value, gates, probabilities


class Decoder(nn.Module):
    """Causal DeepSeek-MoE decoder reading the encoder memory through cross-attention, with a KV cache."""

    def __init__(self, config):
        super().__init__()
        self.config = config
        self.token_embed = nn.Embedding(config.vocab_size, config.decoder_dim)
        self.position_embed = nn.Embedding(config.max_text_length, config.decoder_dim)
        self.layers = nn.ModuleList(DecoderLayer(config) for _ in range(config.decoder_layers))
        self.norm = nn.LayerNorm(config.decoder_dim)
        self.head = nn.Linear(config.decoder_dim, config.vocab_size)

    def cross_cache(self, memory):
        """Cross-attention keys and values of every layer, each (layers, B, h, N, d)."""
        pairs = [layer.cross_key_value(memory) for layer in self.layers]
        return torch.stack([k for k, _ in pairs]), torch.stack([v for _, v in pairs])

    def forward(self, tokens, cross_keys, cross_values, past_keys, past_values):
        # tokens: (B, T); cross_keys/values: (layers, B, h, N, d); past_keys/values: (layers, B, h, P, d). Returns logits (B, T, vocab),
        # the caches extended to P + T, and per-layer routing (for the balance loss).
        t = tokens.shape[1]
        past = past_keys.shape[3]
        positions = torch.arange(t, device=tokens.device) + past
        x = self.token_embed(tokens) + self.position_embed(positions)[None]
        # Causal mask over the cache plus the new positions: query i attends to keys j <= past + i.
        key_positions = torch.arange(t, device=tokens.device) + past
        key_positions = torch.cat([torch.arange(past, device=tokens.device), key_positions])
        mask = (key_positions[None, :] > positions[:, None]).float() * -1e9
        keys, values, routing = [], [], []
        for index, layer in enumerate(self.layers):
            x, key, value, gates, probabilities = layer(x, cross_keys[index], cross_values[index], past_keys[index], past_values[index], mask)
            keys.append(key)
            values.append(value)
            routing.append((gates, probabilities))
        return self.head(self.norm(x)), torch.stack(keys), torch.stack(values), routing

    def empty_cache(self, batch, device=None):
        c = self.config
        shape = (c.decoder_layers, batch, c.decoder_heads, 0, c.decoder_dim // c.decoder_heads)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)


class NetChuOCR(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.encoder = DeepEncoder(config)
        self.decoder = Decoder(config)

    def forward(self, image, tokens):
        memory, ctc_logits = self.encoder(image)
        cross_keys, cross_values = self.decoder.cross_cache(memory)
        past_keys, past_values = self.decoder.empty_cache(image.shape[0], image.device)
        logits, _, _, routing = self.decoder(tokens, cross_keys, cross_values, past_keys, past_values)
        return logits, ctc_logits, routing

    @torch.no_grad()
    def greedy_decode(self, image, bos_id, eos_id, max_length=None):
        max_length = max_length or self.config.max_text_length - 1
        memory, _ = self.encoder(image)
        cross_keys, cross_values = self.decoder.cross_cache(memory)
        b = image.shape[0]
        past_keys, past_values = self.decoder.empty_cache(b, image.device)
        token = torch.full((b, 1), bos_id, dtype=torch.long, device=image.device)
        output = []
        finished = torch.zeros(b, dtype=torch.bool, device=image.device)
        for _ in range(max_length):
            logits, past_keys, past_values, _ = self.decoder(token, cross_keys, cross_values, past_keys, past_values)
            token = logits[:, -1].argmax(-1, keepdim=True)
            output.append(token)
            finished |= token[:, 0] == eos_id
            if finished.all():
                break
        return torch.cat(output, dim=1)
