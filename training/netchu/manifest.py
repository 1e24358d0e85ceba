"""Writes models/<name>/manifest.json for the quantised ONNX files: vocabulary, input spec,
decoder cache shape, each file's byte size and sha256, and the training data's terms.
Metrics measured later by `npm run eval` are merged in by tools/record-metrics.ts.

Usage: python3 -m netchu.manifest --run training/runs/compact --model-dir models/net-chu-v1
"""
import argparse
import hashlib
import json
import os

DATA_TERMS = ('Trained on HANDS-VNOnDB2018 (VNOnDB), which its authors release for research purposes '
              'only; commercial use needs their permission. See the model card.')


def file_entry(model_dir, name):
    path = os.path.join(model_dir, name)
    with open(path, 'rb') as file:
        data = file.read()
    return {'path': name, 'bytes': len(data), 'sha256': hashlib.sha256(data).hexdigest()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--run', required=True, help='training run folder with config.json and export/export.json')
    parser.add_argument('--model-dir', required=True)
    parser.add_argument('--name', default='net-chu-v1')
    parser.add_argument('--version', default='1.0.0')
    parser.add_argument('--encoder', default='encoder.int8.onnx', help='encoder file name inside --model-dir')
    parser.add_argument('--decoder', default='decoder.int8.onnx', help='decoder file name inside --model-dir')
    args = parser.parse_args()

    with open(os.path.join(args.run, 'config.json'), encoding='utf-8') as file:
        run = json.load(file)
    with open(os.path.join(args.run, 'export', 'export.json'), encoding='utf-8') as file:
        exported = json.load(file)
    config = exported['config']

    manifest_path = os.path.join(args.model_dir, 'manifest.json')
    previous = {}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding='utf-8') as file:
            previous = json.load(file)

    training = {'checkpointStep': exported['step'], 'validationCer': exported['val_cer']}
    if exported.get('averaged_steps'):
        training['averagedSteps'] = exported['averaged_steps']

    manifest = {
        'name': args.name,
        'version': args.version,
        'inputSpec': run['input_spec'],
        'tokens': run['tokens'],
        'files': {
            'encoder': file_entry(args.model_dir, args.encoder),
            'decoder': file_entry(args.model_dir, args.decoder),
        },
        'decoder': {
            'layers': config['decoder_layers'],
            'heads': config['decoder_heads'],
            'headDim': config['decoder_dim'] // config['decoder_heads'],
            'maxTextLength': config['max_text_length'],
        },
        'architecture': {'parameters': exported['parameters'], 'config': config},
        'training': training,
        'metrics': previous.get('metrics', {}),
        'dataTerms': DATA_TERMS,
    }
    with open(manifest_path, 'w', encoding='utf-8') as file:
        json.dump(manifest, file, ensure_ascii=False, indent=1)
        file.write('\n')
    print('wrote', manifest_path)


if __name__ == '__main__':
    main()
