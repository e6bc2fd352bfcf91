#!/usr/bin/env python3
"""Writes a large workspace for the workstation's benchmarks: ROWS images over three sources, embedded
for the builtin embedder's model (so text queries work), imported with curator-cli (matrices, catalog).

    python3 tests/bench/make_bench_workspace.py build/bin/curator-cli /tmp/bench-ws 255000

The vectors are clustered around the builtin embedder's attribute directions plus noise, so queries
find a realistic similarity spread; the image files do not exist (thumbnails show as missing).
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np


def main():
    cli, workspace, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    probe = json.loads(subprocess.check_output([cli, "--json", "embed-text", "motion blur"]))
    model, dimension = probe["model"], probe["dimension"]
    rng = np.random.default_rng(255)
    centres = rng.standard_normal((24, dimension)).astype(np.float32)
    sources = ["photos", "artwork", "dreamcore"]
    per_source = [rows // 3 + (1 if i < rows % 3 else 0) for i in range(3)]
    with tempfile.TemporaryDirectory() as scratch:
        for source, count in zip(sources, per_source):
            labels = rng.integers(0, len(centres), count)
            vectors = centres[labels] + 0.6 * rng.standard_normal((count, dimension)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            npy = os.path.join(scratch, source + ".npy")
            np.save(npy, vectors.astype(np.float16))
            ids = os.path.join(scratch, source + ".jsonl")
            with open(ids, "w") as out:
                for i in range(count):
                    out.write(json.dumps({"id": f"{i:06d}.jpg", "path": f"/nonexistent/{source}/{i:06d}.jpg",
                                          "caption": f"bench image {i} of {source}"}) + "\n")
            subprocess.check_call([cli, "--workspace", workspace, "store", "import", "--source", source,
                                   "--embeddings", npy, "--ids", ids, "--model", model])


if __name__ == "__main__":
    main()
