#!/usr/bin/env python3
"""Lists C++ functions and files longer than the project's limits (issue 12, item 9).

    tools/function_lengths.py [--max-function 150] [--max-file 600] [--all] [PATH ...]

PATHs are files or directories (default: core app ui). A function's length is the number of lines from its
opening brace's line to its closing brace's line (lambdas count inside their function). A file's length
leaves out the lines between "GENERATED BEGIN" and "GENERATED END" markers (generated tables). Exits 1 when
something is over a limit, so CI can run it.

It matches braces after removing comments, strings and preprocessor lines; no compiler is needed. A brace
block is a function when the text before it, in a namespace or class scope, has parentheses and no '='.
"""

import argparse
import os
import re
import sys

SOURCE_EXTENSIONS = (".cpp", ".cc", ".cxx", ".h", ".hpp")
SCOPE_KEYWORDS = re.compile(r"\b(namespace|class|struct|union|enum)\b")
TRAILING_WORDS = {"const", "override", "final", "noexcept", "mutable", "try", "volatile"}


def strip_code(text):
    """Blanks comments, string and character literals and preprocessor lines, keeping line breaks."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            # A preprocessor line, with its continuations.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                i += 1
            continue
        if c == "\n":
            out.append(c)
            line_start = True
            i += 1
            continue
        if not c.isspace():
            line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("\n" * text.count("\n", i, end))
            i = end
            continue
        raw = re.match(r'R"([^(\s]*)\(', text[i : i + 20])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            closing = ")" + raw.group(1) + '"'
            end = text.find(closing, i + raw.end())
            end = n if end < 0 else end + len(closing)
            out.append('""' + "\n" * text.count("\n", i, end))
            i = end
            continue
        if c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():
                out.append(c)  # a digit separator: 1'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def function_name(header):
    """The qualified name before the parameter list of a function header."""
    depth = 0
    for k, ch in enumerate(header):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif ch == "(" and depth <= 0:
            match = re.search(r"([~\w:]+(?:<[^()]*>)?(?:\s*operator\s*\S+)?)\s*$", header[:k])
            return match.group(1) if match else header[:k].split()[-1:] or "?"
    return "?"


def is_init_brace(header):
    """A brace of a constructor's member initializer (m_a{1}) rather than the body."""
    stripped = header.rstrip()
    if not stripped or "->" in stripped:
        return False
    if not (stripped[-1].isalnum() or stripped[-1] == "_"):
        return False
    word = re.search(r"(\w+)$", stripped).group(1)
    return word not in TRAILING_WORDS and re.search(r"\)\s*:", stripped) is not None


def matching_brace(code, open_index):
    depth = 0
    for k in range(open_index, len(code)):
        if code[k] == "{":
            depth += 1
        elif code[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(code) - 1


def functions_in(code):
    """Yields (name, first line, last line) of every function body in stripped code."""
    line_of = []
    line = 1
    for ch in code:
        line_of.append(line)
        if ch == "\n":
            line += 1

    def scan(start, end):
        header_start = start
        k = start
        while k < end:
            ch = code[k]
            if ch in ";}":
                header_start = k + 1
            elif ch == "{":
                header = " ".join(code[header_start:k].split())
                close = matching_brace(code, k)
                if SCOPE_KEYWORDS.search(header.split("(")[0]) or header.startswith('extern ""'):
                    yield from scan(k + 1, close)  # a namespace or class: look inside
                elif header.endswith(("=", ",", "(", "return")):
                    pass  # a braced value: an initializer or an argument
                elif "(" in header and "=" not in header.split("(")[0] and not is_init_brace(header):
                    yield function_name(header), line_of[k], line_of[close]
                elif is_init_brace(header):
                    k = close + 1  # part of the header: keep it
                    continue
                k = close + 1
                header_start = k
                continue
            k += 1

    yield from scan(0, len(code))


def file_length(text):
    length = 0
    generated = False
    for line in text.splitlines():
        if "GENERATED BEGIN" in line:
            generated = True
        if not generated:
            length += 1
        if "GENERATED END" in line:
            generated = False
    return length


def source_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "build")
            for name in sorted(files):
                if name.endswith(SOURCE_EXTENSIONS):
                    yield os.path.join(root, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["core", "app", "ui"])
    parser.add_argument("--max-function", type=int, default=150)
    parser.add_argument("--max-file", type=int, default=600)
    parser.add_argument("--all", action="store_true", help="list every function with its length")
    args = parser.parse_args()

    over = 0
    for path in source_files(args.paths):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        lines = file_length(text)
        if lines > args.max_file:
            print(f"{path}: file has {lines} lines (limit {args.max_file})")
            over += 1
        for name, first, last in functions_in(strip_code(text)):
            length = last - first + 1
            if length > args.max_function:
                print(f"{path}:{first}: {name} has {length} lines (limit {args.max_function})")
                over += 1
            elif args.all:
                print(f"{path}:{first}: {name} {length}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
