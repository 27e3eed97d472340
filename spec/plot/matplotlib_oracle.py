"""Real matplotlib (Debian's python3-matplotlib, Agg backend) as the oracle for the plt specs.

Reads a JSON list of cases on stdin; for each, builds the figure with pyplot and prints, as one JSON
list, what the spec compares: axes limits, the ticks matplotlib draws (inside the view) with their
label texts and the axis offset text ('1e6', '+1e3'), and hist's counts and bin edges.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def axis_info(ax, which):
    lo, hi = sorted(getattr(ax, f"get_{which}lim")())
    axis = getattr(ax, f"{which}axis")
    ticks = []
    for loc, label in zip(axis.get_majorticklocs(), getattr(ax, f"get_{which}ticklabels")()):
        if lo - 1e-10 * (hi - lo) <= loc <= hi + 1e-10 * (hi - lo):
            ticks.append([float(loc), label.get_text()])
    offset = axis.get_major_formatter().get_offset() if axis.get_scale() == "linear" else ""
    return {"lim": list(getattr(ax, f"get_{which}lim")()), "ticks": ticks, "offset": offset}


def run(case):
    fig, ax = plt.subplots()
    out = {}
    kind = case["kind"]
    if kind == "plot":
        ax.plot(case["x"], case["y"])
    elif kind == "scatter":
        ax.scatter(case["x"], case["y"])
    elif kind == "bar":
        ax.bar(case["x"], case["height"])
    elif kind == "hist":
        n, bins, _ = ax.hist(np.array(case["x"]), **case.get("kwargs", {}))
        out["n"] = np.asarray(n).tolist()
        out["bins"] = np.asarray(bins).tolist()
    elif kind == "imshow":
        ax.imshow(np.array(case["image"]), **case.get("kwargs", {}))
    elif kind == "fill_between":
        ax.fill_between(case["x"], case["y1"], case["y2"])
    if case.get("yscale"):
        ax.set_yscale(case["yscale"])
    fig.canvas.draw()
    out["x"] = axis_info(ax, "x")
    out["y"] = axis_info(ax, "y")
    plt.close(fig)
    return out


print(json.dumps([run(c) for c in json.load(sys.stdin)]))
