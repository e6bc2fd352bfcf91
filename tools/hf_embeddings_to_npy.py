#!/usr/bin/env python3
"""Convert a Hugging Face embeddings dataset (name, source, embeddings columns) into what
`curator-cli store import` reads: one float32 (or float16) .npy matrix and one ids .jsonl per source.

The original system published its 269,419 x 4096 Qwen3-VL-Embedding-8B embeddings as the dataset
`weathon/ava_embeddings` (columns `name`, `source` = ava | liminal_space | lapis, `embeddings`). Usage, with
the libraries a Hugging Face user already has (`pip install datasets numpy`; `datasets` brings pyarrow):

    python3 tools/hf_embeddings_to_npy.py --dataset weathon/ava_embeddings --out converted \\
        --images-root photos=/data/ava --images-root dreamcore=/data/liminal_space \\
        --images-root artwork=/data/lapis
    curator-cli --workspace W store import --source photos --model Qwen/Qwen3-VL-Embedding-8B \\
        --embeddings converted/photos.npy --ids converted/photos.jsonl
    (and the same for dreamcore and artwork)

Memory stays far below the matrix: rows are read in Arrow record batches and written through a
memory-mapped .npy, one batch at a time. Sources are renamed to the original system's tool names
(ava -> photos, liminal_space -> dreamcore, lapis -> artwork; --rename changes or adds a mapping), so that
imported dataset.json files of the original find their images. Each ids line is {"id": NAME, "path":
ROOT/NAME} when --images-root names a folder for the source, else {"id": NAME}.
"""
import argparse
import json
import os
import sys

DEFAULT_RENAMES = {"ava": "photos", "liminal_space": "dreamcore", "lapis": "artwork"}


def parse_pairs(values, what):
    pairs = {}
    for value in values or []:
        key, sep, target = value.partition("=")
        if not sep or not key or not target:
            sys.exit("--%s %r: expected KEY=VALUE" % (what, value))
        pairs[key] = target
    return pairs


def record_batches(dataset_name, split, batch_rows):
    """(names, sources, embeddings column) per Arrow record batch, without loading the table into memory."""
    import datasets  # imported late: only this step needs it

    table = datasets.load_dataset(dataset_name, split=split).data.table  # memory-mapped Arrow
    for batch in table.to_batches(max_chunksize=batch_rows):
        names = batch.column(batch.schema.get_field_index("name")).to_pylist()
        sources = batch.column(batch.schema.get_field_index("source")).to_pylist()
        vectors = batch.column(batch.schema.get_field_index("embeddings"))
        yield names, sources, vectors


def count_rows(dataset_name, split):
    import datasets

    table = datasets.load_dataset(dataset_name, split=split).data.table
    counts, dimension = {}, None
    for batch in table.to_batches(max_chunksize=65536):
        for source in batch.column(batch.schema.get_field_index("source")).to_pylist():
            counts[source] = counts.get(source, 0) + 1
        if dimension is None and batch.num_rows > 0:
            dimension = len(batch.column(batch.schema.get_field_index("embeddings"))[0].as_py())
    return counts, dimension


def as_matrix(vectors, dimension, numpy):
    """An Arrow list<float> column as an [n, dimension] float32 array (no Python floats on the way)."""
    flat = vectors.flatten().to_numpy(zero_copy_only=False)
    if flat.size != len(vectors) * dimension:
        raise ValueError("a row's embedding does not have %d values" % dimension)
    return flat.reshape(len(vectors), dimension).astype(numpy.float32, copy=False)


def convert(batches, counts, dimension, out_dir, renames, roots, dtype, numpy):
    """Writes <source>.npy and <source>.jsonl for each source of `counts`; returns {source: rows}."""
    from numpy.lib.format import open_memmap

    os.makedirs(out_dir, exist_ok=True)
    matrices, ids, written = {}, {}, {}
    for original, rows in counts.items():
        source = renames.get(original, original)
        matrices[original] = open_memmap(os.path.join(out_dir, source + ".npy"), mode="w+", dtype=dtype,
                                         shape=(rows, dimension))
        ids[original] = open(os.path.join(out_dir, source + ".jsonl"), "w", encoding="utf-8")
        written[original] = 0
    for names, sources, vectors in batches:
        matrix = as_matrix(vectors, dimension, numpy)
        for row, (name, original) in enumerate(zip(names, sources)):
            source = renames.get(original, original)
            at = written[original]
            matrices[original][at] = matrix[row]
            written[original] = at + 1
            line = {"id": name}
            if source in roots:
                line["path"] = os.path.join(roots[source], name)
            ids[original].write(json.dumps(line, ensure_ascii=False) + "\n")
    for matrix_file in matrices.values():
        matrix_file.flush()
    matrices.clear()  # closes the memory maps
    for handle in ids.values():
        handle.close()
    return {renames.get(original, original): rows for original, rows in written.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", default="weathon/ava_embeddings", help="Hugging Face dataset id or path")
    parser.add_argument("--split", default="train")
    parser.add_argument("--out", required=True, help="folder for <source>.npy and <source>.jsonl")
    parser.add_argument("--dtype", choices=["float32", "float16"], default="float32")
    parser.add_argument("--images-root", action="append", help="SOURCE=FOLDER holding that source's images")
    parser.add_argument("--rename", action="append", help="DATASET_SOURCE=SOURCE (default: %s)" %
                        ", ".join("%s=%s" % pair for pair in DEFAULT_RENAMES.items()))
    parser.add_argument("--batch-rows", type=int, default=4096)
    arguments = parser.parse_args()

    import numpy

    renames = dict(DEFAULT_RENAMES)
    renames.update(parse_pairs(arguments.rename, "rename"))
    roots = parse_pairs(arguments.images_root, "images-root")
    counts, dimension = count_rows(arguments.dataset, arguments.split)
    if not counts or not dimension:
        sys.exit("%s: no rows" % arguments.dataset)
    written = convert(record_batches(arguments.dataset, arguments.split, arguments.batch_rows), counts,
                      dimension, arguments.out, renames, roots, getattr(numpy, arguments.dtype), numpy)
    for source, rows in sorted(written.items()):
        print("%s: %d x %d -> %s" % (source, rows, dimension, os.path.join(arguments.out, source + ".npy")))


if __name__ == "__main__":
    main()
