#!/usr/bin/env bash
# Reproduces the shipped model from the VNOnDB training file: render the input images with the
# app's preprocessing, train (resuming where a previous run stopped), export to ONNX, quantise to
# int8, and write the manifest. Seeded; one progress line per 200 steps in training/runs/.
#
# Environment: STEPS (schedule length, default 14000), VNONDB_DIR (data folder), SYNTH=1 to add
# synthetic handwriting (Playwrite VN font strokes) and phrases of random words of one writer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/ensure-system-packages.sh python
STEPS=${STEPS:-14000}
RUN=training/runs/compact
MODEL_DIR=models/net-chu-v1
REPO_CHECKPOINT=training/checkpoints/compact.fp16.pt
PYTHON=/usr/bin/python3
export PYTHONPATH=training
# OpenMP OpenBLAS trains about 7x faster than Debian's default BLAS on this kind of machine.
if [ -d /usr/lib/x86_64-linux-gnu/openblas-openmp ]; then
  export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi

SYNTH=${SYNTH:-0}
if [ ! -f training/data/train-phrases.json ] || { [ "$SYNTH" = 1 ] && [ ! -f training/data/synth-strokes.jsonl.gz ]; }; then
  render_options=()
  if [ "$SYNTH" = 1 ]; then
    npx tsx training/synth/synth-texts.ts
    $PYTHON training/synth/font_strokes.py
    render_options+=(--synth training/data/synth-strokes.jsonl.gz --mixed-phrases 20000)
  fi
  npx tsx training/render/render-dataset.ts "${render_options[@]}"
fi

mkdir -p "$RUN"
if [ ! -f "$RUN/last.pt" ] && [ -f "$REPO_CHECKPOINT" ]; then
  $PYTHON -m netchu.checkpoint expand "$REPO_CHECKPOINT" "$RUN/last.pt" --best "$RUN/best.pt"
fi
$PYTHON -m netchu.train --out "$RUN" --steps "$STEPS" --resume 2>&1 | tee -a "$RUN/train.log"
# The mean of the last validations' weights replaces best.pt when it reads the validation set better.
$PYTHON -m netchu.average --run "$RUN" 2>&1 | tee -a "$RUN/train.log"

$PYTHON -m netchu.export --checkpoint "$RUN/best.pt" --out "$RUN/export"
mkdir -p "$MODEL_DIR"
for part in encoder decoder; do
  $PYTHON -m netchu.quantize "$RUN/export/$part.onnx" "$MODEL_DIR/$part.int8.onnx"
done
cp "$RUN/export/parity.json" tests/fixtures/net-chu-v1-parity.json
mkdir -p training/export/net-chu-v1
cp "$RUN/export/encoder.onnx" "$RUN/export/decoder.onnx" "$RUN/export/export.json" training/export/net-chu-v1/
$PYTHON -m netchu.manifest --run "$RUN" --model-dir "$MODEL_DIR"
# A manifest for the float export, so `npm run eval -- --model` can measure what int8 costs.
$PYTHON -m netchu.manifest --run "$RUN" --model-dir training/export/net-chu-v1 --name net-chu-v1-float \
  --encoder encoder.onnx --decoder decoder.onnx
$PYTHON -m netchu.checkpoint shrink "$RUN/last.pt" "$REPO_CHECKPOINT" --best "$RUN/best.pt"
echo "Model written to $MODEL_DIR. Measure it with: npm run eval -- \$VNONDB_DIR/test.jsonl.gz"
