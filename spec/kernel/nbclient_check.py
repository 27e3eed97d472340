"""Executes notebooks with nbclient on their own kernelspec and compares fresh outputs with the saved ones.

Usage: nbclient_check.py [--write] NOTEBOOK...
Prints one JSON object: path -> {"ok": bool, "detail": str}. With --write, saves the fresh outputs
instead (consecutive stream outputs merged, as front ends show them), to re-record a notebook.
"""
import copy
import json
import sys
import traceback

import nbformat
from nbclient import NotebookClient


def normalized(outputs):
    """What a reader sees: stream chunks merged (their split depends on timing), no volatile fields."""
    out = []
    for o in outputs:
        if o["output_type"] == "stream":
            if out and out[-1]["output_type"] == "stream" and out[-1]["name"] == o["name"]:
                out[-1]["text"] += o["text"]
                continue
            out.append({"output_type": "stream", "name": o["name"], "text": o["text"]})
        elif o["output_type"] in ("execute_result", "display_data"):
            out.append({"output_type": o["output_type"], "data": dict(o["data"])})
        elif o["output_type"] == "error":
            out.append({"output_type": "error", "ename": o["ename"], "evalue": o["evalue"]})
        else:
            out.append(dict(o))
    return out


def execute(nb):
    fresh = copy.deepcopy(nb)
    NotebookClient(fresh, timeout=120, kernel_name=nb.metadata.kernelspec.name, allow_errors=True).execute()
    return fresh


def main(args):
    write = "--write" in args
    results = {}
    for path in [a for a in args if a != "--write"]:
        try:
            nb = nbformat.read(path, as_version=4)
            fresh = execute(nb)
            if write:
                for cell in fresh.cells:
                    if cell.cell_type == "code":
                        cell.metadata = {}  # nbclient's timestamps would change on every run
                        merged = normalized(cell.outputs)
                        for o in merged:
                            if o["output_type"] == "execute_result":
                                o["execution_count"] = cell.execution_count
                                o["metadata"] = {}
                            elif o["output_type"] == "display_data":
                                o["metadata"] = {}
                        cell.outputs = [nbformat.from_dict(o) for o in merged]
                nbformat.write(fresh, path)
                results[path] = {"ok": True, "detail": "written"}
                continue
            problems = []
            saved_cells = [c for c in nb.cells if c.cell_type == "code"]
            fresh_cells = [c for c in fresh.cells if c.cell_type == "code"]
            for i, (saved, got) in enumerate(zip(saved_cells, fresh_cells)):
                if normalized(saved.outputs) != normalized(got.outputs):
                    problems.append(
                        f"code cell {i + 1} differs\n--- saved\n{json.dumps(normalized(saved.outputs), indent=1)}\n"
                        f"--- fresh\n{json.dumps(normalized(got.outputs), indent=1)}"
                    )
            results[path] = {"ok": not problems, "detail": "\n".join(problems) or f"{len(saved_cells)} code cells equal"}
        except Exception:
            results[path] = {"ok": False, "detail": traceback.format_exc()}
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
