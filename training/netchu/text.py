"""Vocabulary and error rates on the Python side. The token list itself comes from the
TypeScript vocabulary through the rendered data set's meta.json."""
import unicodedata

PAD_ID, BOS_ID, EOS_ID, UNKNOWN_ID = 0, 1, 2, 3


class Vocabulary:
    def __init__(self, tokens):
        self.tokens = list(tokens)
        self.id_by_token = {token: i for i, token in enumerate(self.tokens)}

    def __len__(self):
        return len(self.tokens)

    def encode(self, text):
        return [self.id_by_token.get(char, UNKNOWN_ID) for char in unicodedata.normalize('NFC', text)]

    def decode(self, ids):
        text = []
        for token in ids:
            if token == EOS_ID:
                break
            if token > UNKNOWN_ID:
                text.append(self.tokens[token])
        return ''.join(text)


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def character_error_rate(references, hypotheses):
    """Corpus-level CER: summed edit distances over summed reference lengths."""
    errors = sum(edit_distance(r, h) for r, h in zip(references, hypotheses))
    return errors / max(1, sum(len(r) for r in references))
