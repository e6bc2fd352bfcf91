#!/usr/bin/env python3
"""Export a CLIP model (open_clip or Hugging Face transformers) into a `torchscript:DIR` model directory.

The directory layout the LibTorch plugin reads (core/torch, issue 4):

    image_encoder.pt   TorchScript: float image batch [N, 3, S, S] (normalised) -> embeddings [N, D]
    text_encoder.pt    TorchScript: int64 token ids [N, L] (open_clip's tokenize() layout) -> embeddings [N, D]
    vocab.json         CLIP BPE vocabulary, token -> id (with <|startoftext|> and <|endoftext|>)
    merges.txt         BPE merges, "#version: 0.2" then one "a b" per line, by rank
    config.json        {"model_name", "image_size", "mean", "std", "resize", "embedding_dimension",
                        "context_length"}

Embeddings need not be normalised: the program L2-normalises them. Usage (needs the weights, so a GPU box
or a machine with network access; not run by the tests):

    # open_clip (pip install open_clip_torch)
    python3 tools/export_clip.py --open-clip ViT-B-32 --pretrained laion2b_s34b_b79k --out models/vit-b-32
    # transformers (pip install transformers)
    python3 tools/export_clip.py --hf openai/clip-vit-base-patch32 --out models/clip-b32

    curator-cli --embedder torchscript:models/vit-b-32 ...

Use the same torch version as the program's LibTorch (1.13 on Debian 12) or an older one: TorchScript
files load in the same or a newer LibTorch only. After tracing, the script checks the traced modules
against the eager model on another batch size and fails when they disagree.

Preprocessing note: the program resizes with OpenCV's bicubic filter on 8-bit pixels, open_clip and
transformers with PIL's. Both are bicubic; pixel values differ slightly (embeddings typically by well
under 1e-2 in cosine), which is why a store must be embedded and queried by the same program.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

import torch

OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_STD = [0.26862954, 0.26130258, 0.27577711]
START, END = "<|startoftext|>", "<|endoftext|>"


class ImageEncoder(torch.nn.Module):
    """image [N, 3, S, S] -> embeddings [N, D]; the model is a submodule, so tracing keeps its weights."""

    def __init__(self, model, kind):
        super().__init__()
        self.model = model
        self.kind = kind

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        if self.kind == "open_clip":
            return self.model.encode_image(image)
        return self.model.get_image_features(pixel_values=image)


class TextEncoder(torch.nn.Module):
    """token ids [N, L] -> embeddings [N, D]."""

    def __init__(self, model, kind):
        super().__init__()
        self.model = model
        self.kind = kind

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        if self.kind == "open_clip":
            return self.model.encode_text(tokens)
        return self.model.get_text_features(input_ids=tokens)


def write_bpe(out_dir, encoder, merges, special_names):
    """vocab.json and merges.txt; `special_names` maps the source's names of the start/end tokens to CLIP's."""
    vocab = {}
    for token, index in encoder.items():
        vocab[special_names.get(token, token)] = int(index)
    for name in (START, END):
        if name not in vocab:
            sys.exit(f"the tokenizer has no {name} token: not a CLIP BPE tokenizer")
    with open(os.path.join(out_dir, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(out_dir, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for first, second in merges:
            f.write(f"{first} {second}\n")


def load_open_clip(name, pretrained, out_dir):
    import open_clip
    from open_clip.tokenizer import SimpleTokenizer

    model, _, _ = open_clip.create_model_and_transforms(name, pretrained=pretrained)
    model.eval().requires_grad_(False)
    tokenizer = open_clip.get_tokenizer(name)
    if not isinstance(tokenizer, SimpleTokenizer):
        sys.exit(f"{name} uses {type(tokenizer).__name__}, not CLIP's BPE tokenizer: not supported")
    merges = sorted(tokenizer.bpe_ranks, key=tokenizer.bpe_ranks.get)
    # open_clip names its special tokens <start_of_text>/<end_of_text> (same ids as CLIP's).
    write_bpe(out_dir, tokenizer.encoder, merges, {"<start_of_text>": START, "<end_of_text>": END})

    cfg = getattr(model.visual, "preprocess_cfg", {}) or {}
    size = cfg.get("size", model.visual.image_size)
    size = size[0] if isinstance(size, (tuple, list)) else size
    resize = "squash" if cfg.get("resize_mode") == "squash" else "shortest_then_center_crop"
    config = {
        "model_name": f"open_clip:{name}:{pretrained}",
        "image_size": int(size),
        "mean": list(cfg.get("mean", OPENAI_MEAN)),
        "std": list(cfg.get("std", OPENAI_STD)),
        "resize": resize,
        "context_length": int(getattr(model, "context_length", 77)),
    }
    return ImageEncoder(model, "open_clip"), TextEncoder(model, "open_clip"), config


def load_transformers(name, out_dir):
    from transformers import CLIPImageProcessor, CLIPModel, CLIPTokenizer

    model = CLIPModel.from_pretrained(name, torchscript=True)
    model.eval().requires_grad_(False)
    tokenizer = CLIPTokenizer.from_pretrained(name)
    with tempfile.TemporaryDirectory() as scratch:
        files = tokenizer.save_vocabulary(scratch)
        vocab_file = next(f for f in files if f.endswith("vocab.json"))
        merges_file = next(f for f in files if f.endswith("merges.txt"))
        with open(vocab_file, encoding="utf-8") as f:
            encoder = json.load(f)
        with open(merges_file, encoding="utf-8") as f:
            lines = [line for line in f.read().split("\n") if line and not line.startswith("#version")]
        write_bpe(out_dir, encoder, [tuple(line.split()) for line in lines], {})

    processor = CLIPImageProcessor.from_pretrained(name)
    crop = processor.crop_size
    size = crop["height"] if isinstance(crop, dict) else crop
    config = {
        "model_name": f"hf:{name}",
        "image_size": int(size),
        "mean": list(processor.image_mean),
        "std": list(processor.image_std),
        "resize": "shortest_then_center_crop",
        "context_length": int(model.config.text_config.max_position_embeddings),
    }
    # Token ids are padded with 0 after <|endoftext|> (open_clip's layout); CLIP's causal attention and
    # its pooling at the first end token make the padding value irrelevant to the features.
    return ImageEncoder(model, "hf"), TextEncoder(model, "hf"), config


def trace_and_check(module, example, other, what):
    with torch.no_grad():
        traced = torch.jit.trace(module, example, check_trace=False)
        expected = module(other)
        actual = traced(other)
    difference = (expected - actual).abs().max().item()
    print(f"{what}: traced vs eager on a batch of {other.shape[0]}: max difference {difference:.3g}")
    if difference > 1e-4:
        sys.exit(f"{what}: the traced module disagrees with the model ({difference}); not exported")
    return traced


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--open-clip", metavar="MODEL", help="open_clip model name, e.g. ViT-B-32")
    source.add_argument("--hf", metavar="NAME", help="transformers CLIP model, e.g. openai/clip-vit-base-patch32")
    parser.add_argument("--pretrained", default="openai", help="open_clip pretrained tag (default: openai)")
    parser.add_argument("--out", required=True, help="the model directory to write")
    parser.add_argument("--force", action="store_true", help="replace an existing directory")
    args = parser.parse_args()

    if os.path.exists(args.out) and not args.force:
        sys.exit(f"{args.out} exists (use --force to replace it)")
    staging = args.out.rstrip("/") + ".partial"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)

    torch.manual_seed(0)
    if args.open_clip:
        image_encoder, text_encoder, config = load_open_clip(args.open_clip, args.pretrained, staging)
    else:
        image_encoder, text_encoder, config = load_transformers(args.hf, staging)

    size, length = config["image_size"], config["context_length"]
    images = (torch.randn(2, 3, size, size), torch.randn(3, 3, size, size))
    with open(os.path.join(staging, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    start, end = vocab[START], vocab[END]
    tokens = []
    for batch in (2, 3):
        ids = torch.randint(1, min(start, end), (batch, length), dtype=torch.int64)
        ids[:, 0] = start
        ids[:, length // 2] = end  # the highest id, where CLIP pools the text features
        ids[:, length // 2 + 1:] = 0  # padding, as the program pads
        tokens.append(ids)
    traced_image = trace_and_check(image_encoder, images[0], images[1], "image encoder")
    traced_text = trace_and_check(text_encoder, tokens[0], tokens[1], "text encoder")
    with torch.no_grad():
        config["embedding_dimension"] = int(traced_image(images[0]).shape[-1])
        if int(traced_text(tokens[0]).shape[-1]) != config["embedding_dimension"]:
            sys.exit("the image and text encoders give embeddings of different dimensions")

    traced_image.save(os.path.join(staging, "image_encoder.pt"))
    traced_text.save(os.path.join(staging, "text_encoder.pt"))
    with open(os.path.join(staging, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    shutil.rmtree(args.out, ignore_errors=True)
    os.replace(staging, args.out)
    print(f"wrote {args.out}: {config['model_name']}, {config['embedding_dimension']}-d, "
          f"{size}px, context {length}")


if __name__ == "__main__":
    main()
