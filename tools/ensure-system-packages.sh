#!/usr/bin/env bash
# Installs the Debian packages that training and the test suite need, when they are missing.
# Usage: tools/ensure-system-packages.sh [python] [browser] [tesseract]   (python and browser when no argument is given)
set -euo pipefail

wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(python browser)

packages=()
for group in "${wanted[@]}"; do
  case "$group" in
    python)
      /usr/bin/python3 -c 'import torch, onnx, numpy' 2>/dev/null ||
        packages+=(python3-torch python3-onnx python3-numpy)
      /usr/bin/python3 -c 'import PIL, fontTools' 2>/dev/null || packages+=(python3-pil python3-fonttools)
      [ -d /usr/lib/x86_64-linux-gnu/openblas-openmp ] || [ "$(uname -m)" != x86_64 ] ||
        packages+=(libopenblas0-openmp)
      ;;
    browser)
      [ -x /usr/bin/chromium ] || packages+=(chromium)
      ;;
    tesseract)
      ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || packages+=(tesseract-ocr-vie)
      ;;
    *)
      echo "Unknown package group: $group (expected python, browser or tesseract)" >&2
      exit 2
      ;;
  esac
done

[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages. Install them as root, then run the command again:" >&2
  echo "  apt-get update && apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${packages[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
