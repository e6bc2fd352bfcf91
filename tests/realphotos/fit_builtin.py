#!/usr/bin/python3
"""Fits the builtin embedder's calibration (core/models/builtinfeatures.h) and its vocabulary's weights
(resources/builtin_vocabulary.json) to measured features, the way builtin-pixel-v2 was fitted. v3 and v4
chose the rows of their new measures among a few candidates with --sweeps 0, which only reports: a full
refit over-fitted the 25 calibration photos (calibration 0.968, test 0.836-0.864).

    build/bin/realphoto_tool DIR calibration --features cal.tsv     # real photos, clean and degraded
    build/bin/realphoto_tool --demo-features demo.tsv               # the demo collection
    build/bin/realphoto_tool DIR test --features test.tsv           # only to report, never fitted on
    tests/realphotos/fit_builtin.py cal.tsv demo.tsv [--test test.tsv] [--sweeps 2] [--write]

It replays the C++ descriptor (standardise, dead zone, tanh cap, unit length) and the text side in numpy,
then alternates coordinate searches: each feature's centre and spread (all searches at once), then each
attribute's weights (its own searches only). The objective is each attribute's precision on the
calibration photos (top 10/20/30) and on the demo (top 50), capped at 0.95, plus the worst of them.
With --write it rewrites the constants and the weights (the model's name must then be bumped by hand).
Needs numpy (Debian: python3-numpy).
"""
import argparse
import csv
import json
import pathlib
import re
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
FEATURES_H = ROOT / "core/models/builtinfeatures.h"
VOCABULARY = ROOT / "resources/builtin_vocabulary.json"
DEAD_ZONE, CAP = 0.75, 4.0  # builtinembedder.cpp
KINDS = ("raises", "lowers", "avoids", "avoids_low")
CALIBRATION_ROW = r'\{"(\w+)", ([-\d.e]+), ([-\d.e]+), (true|false)\}'


def read_calibration():
    rows = re.findall(CALIBRATION_ROW, FEATURES_H.read_text())
    return [[n, float(c), float(s), t == "true"] for n, c, s, t in rows]


def axes(cal):
    high, low, n = [], [], 1
    for c in cal:
        high.append(n)
        n += 1
        low.append(n if c[3] else -1)
        n += 1 if c[3] else 0
    return high, low, n


def direction(entry, cal, names):
    high, low, dim = axes(cal)
    d = np.zeros(dim)
    for kind in KINDS:
        for feature, w in entry.get(kind, {}).items():
            i = names.index(feature)
            axis = low[i] if kind in ("lowers", "avoids_low") else high[i]
            d[axis] += w if kind in ("raises", "lowers") else -w
    norm = np.linalg.norm(d)
    return d / norm if norm > 0 else d


def describe(raw, cal):
    high, low, dim = axes(cal)
    c = np.array([x[1] for x in cal])
    s = np.array([x[2] for x in cal])
    z = (raw - c) / s
    capped = CAP * np.tanh(np.sign(z) * np.maximum(0, np.abs(z) - DEAD_ZONE) / CAP)
    v = np.zeros((raw.shape[0], dim))
    v[:, 0] = 1
    for i in range(len(cal)):
        v[:, high[i]] = np.maximum(0, capped[:, i])
        if low[i] >= 0:
            v[:, low[i]] = np.maximum(0, -capped[:, i])
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def read_photos(path):
    """realphoto_tool --features: photo, horizon, attribute, strength, features..."""
    rows = list(csv.reader(open(path), delimiter="\t"))[1:]
    raw = np.array([[float(x) for x in r[4:]] for r in rows])
    attributes = [r[2] for r in rows]
    horizon = np.array([r[1] == "yes" for r in rows])
    return attributes, horizon, raw


def read_demo(path):
    """realphoto_tool --demo-features: file, attributes (comma-separated or clean), features..."""
    rows = list(csv.reader(open(path), delimiter="\t"))[1:]
    raw = np.array([[float(x) for x in r[2:]] for r in rows])
    return [set() if r[1] == "clean" else set(r[1].split(",")) for r in rows], raw


def photo_relevant(attributes, attribute):
    # As photodegradations.cpp's alsoShows: a VHS copy rightly answers a search for scanlines.
    return np.array([a == attribute or (attribute == "scanline_texture" and a == "vhs_decay")
                     for a in attributes])


def precision(scores, relevant, ks):
    order = np.lexsort((np.arange(len(scores)), -scores))
    hits = relevant[order]
    return np.mean([hits[:k].mean() for k in ks])


class Problem:
    def __init__(self, cal_path, demo_path):
        self.names = [c[0] for c in read_calibration()]
        attributes, self.horizon, self.raw = read_photos(cal_path)
        self.photo_attributes = sorted({a for a in attributes if a != "clean"})
        self.photo_relevant = {a: photo_relevant(attributes, a) for a in self.photo_attributes}
        labels, self.demo_raw = read_demo(demo_path)
        self.demo_attributes = sorted(set().union(*labels))
        self.demo_relevant = {a: np.array([a in l for l in labels]) for a in self.demo_attributes}

    def attribute_scores(self, attribute, d, photos, demo):
        out = []
        if attribute in self.photo_relevant:
            rel = self.photo_relevant[attribute]
            out.append(precision(photos @ d, rel, (10, 20, 30)))
            if attribute == "tilted_snapshot_angle":  # found without a horizon too
                out.append(precision(photos[~self.horizon] @ d, rel[~self.horizon], (10, 20, 30)))
        if attribute in self.demo_relevant:
            out.append(precision(demo @ d, self.demo_relevant[attribute], (50,)))
        return out

    def objective(self, cal, vocabulary):
        photos, demo = describe(self.raw, cal), describe(self.demo_raw, cal)
        values = np.array([s for a in set(self.photo_attributes) | set(self.demo_attributes)
                           for s in self.attribute_scores(a, direction(vocabulary[a], cal, self.names),
                                                          photos, demo)])
        return np.minimum(values, 0.95).sum() + 2 * values.min() + 0.5 * np.sort(values)[:3].sum()


def fit(problem, cal, vocabulary, sweeps):
    best = problem.objective(cal, vocabulary)
    _, low, _ = axes(cal)
    for sweep in range(sweeps):
        for i in range(len(cal)):
            for field in (1, 2):
                if field == 1:
                    candidates = [cal[i][1] + step * cal[i][2] for step in (-1.5, -0.75, -0.3, 0.3, 0.75, 1.5)]
                else:
                    candidates = [cal[i][2] * m for m in (0.6, 0.8, 1.25, 1.6)]
                for value in candidates:
                    old, cal[i][field] = cal[i][field], value
                    score = problem.objective(cal, vocabulary)
                    if score > best + 1e-6:
                        best = score
                    else:
                        cal[i][field] = old
        print(f"sweep {sweep}: calibration {best:.3f}", file=sys.stderr)
        photos, demo = describe(problem.raw, cal), describe(problem.demo_raw, cal)
        for attribute in sorted(set(problem.photo_attributes) | set(problem.demo_attributes)):
            entry = vocabulary[attribute]

            def score():
                v = np.array(problem.attribute_scores(attribute, direction(entry, cal, problem.names),
                                                      photos, demo))
                return np.minimum(v, 0.95).sum() + 0.5 * v.min()

            current = score()
            for i, feature in enumerate(problem.names):
                for kind in KINDS:
                    if kind in ("lowers", "avoids_low") and low[i] < 0:
                        continue
                    weights = entry.setdefault(kind, {})
                    for w in (0, 0.3, 0.6, 1.0, 1.5):
                        old = weights.get(feature)
                        if w == (old or 0):
                            continue
                        if w == 0:
                            weights.pop(feature, None)
                        else:
                            weights[feature] = w
                        value = score() if np.any(direction(entry, cal, problem.names)) else -1
                        if value > current + 1e-6:
                            current = value
                        elif old is None:
                            weights.pop(feature, None)
                        else:
                            weights[feature] = old
                    if not weights:
                        entry.pop(kind)
        best = problem.objective(cal, vocabulary)
        print(f"sweep {sweep}: vocabulary {best:.3f}", file=sys.stderr)
    return cal, vocabulary


def report(label, path, cal, vocabulary, names):
    attributes, horizon, raw = read_photos(path)
    v = describe(raw, cal)
    table = []
    for attribute in sorted({a for a in attributes if a != "clean"}):
        d = direction(vocabulary[attribute], cal, names)
        table.append((attribute, precision(v @ d, photo_relevant(attributes, attribute), (20,))))
    d = direction(vocabulary["tilted_snapshot_angle"], cal, names)
    rel = photo_relevant(attributes, "tilted_snapshot_angle")
    table.append(("tilt, no horizon", precision(v[~horizon] @ d, rel[~horizon], (20,))))
    print(label, " ".join(f"{a}={p:.2f}" for a, p in table),
          f"mean {np.mean([p for _, p in table[:-1]]):.3f}")


def net_weights(entry):
    """raises and avoids of one axis (lowers and avoids_low of a low axis) as one signed weight."""
    out = {}
    for positive, negative in (("raises", "avoids"), ("lowers", "avoids_low")):
        w = {}
        for f, x in entry.get(positive, {}).items():
            w[f] = w.get(f, 0) + x
        for f, x in entry.get(negative, {}).items():
            w[f] = w.get(f, 0) - x
        kept = {f: round(x, 2) for f, x in w.items() if round(x, 2) != 0}
        if any(x > 0 for x in kept.values()):
            out[positive] = {f: x for f, x in kept.items() if x > 0}
        if any(x < 0 for x in kept.values()):
            out[negative] = {f: -x for f, x in kept.items() if x < 0}
    return out


def write(cal, vocabulary):
    text = FEATURES_H.read_text()
    for name, centre, spread, two in cal:
        row = '{"%s", %.4g, %.4g, %s}' % (name, centre, spread, "true" if two else "false")
        text = re.sub(r'\{"%s", [-\d.e]+, [-\d.e]+, (true|false)\}' % name, row.replace("\\", ""), text)
    FEATURES_H.write_text(text)
    original = json.loads(VOCABULARY.read_text())
    lines = ["{", '  "about": %s,' % json.dumps(original["about"], ensure_ascii=False), '  "attributes": {']
    names = list(original["attributes"])
    for n, attribute in enumerate(names):
        entry = {**{"phrases": original["attributes"][attribute].get("phrases", [])},
                 **net_weights(vocabulary[attribute])}
        fields = ['      "%s": %s' % (k, json.dumps(v, ensure_ascii=False)) for k, v in entry.items() if v]
        lines += ['    "%s": {' % attribute, ",\n".join(fields), "    }" + ("," if n < len(names) - 1 else "")]
    VOCABULARY.write_text("\n".join(lines + ["  }", "}"]) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calibration")
    parser.add_argument("demo")
    parser.add_argument("--test")
    parser.add_argument("--sweeps", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    problem = Problem(args.calibration, args.demo)
    cal = read_calibration()
    vocabulary = json.loads(VOCABULARY.read_text())["attributes"]
    cal, vocabulary = fit(problem, cal, vocabulary, args.sweeps)
    report("calibration", args.calibration, cal, vocabulary, problem.names)
    if args.test:
        report("test", args.test, cal, vocabulary, problem.names)
    if args.write:
        write(cal, vocabulary)


if __name__ == "__main__":
    main()
