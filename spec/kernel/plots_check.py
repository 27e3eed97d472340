"""Figures and rich output through the real Jupyter client: the installed Jacobi kernelspec started by
jupyter_client's KernelManager, plot cells executed, the iopub messages checked.

Usage: plots_check.py KERNEL_NAME
Prints one JSON object: check name -> {"ok": bool, "detail": str}. The mocha spec asserts each one.
"""
import json
import sys


from kernel_checks import check, execute, results, running_kernel


def kinds(outputs):
    return [m["msg_type"] for m in outputs if m["msg_type"] not in ("status", "execute_input")]


def main(kernel_name):
    with running_kernel(kernel_name, 60) as (km, kc):

        @check("plot_display_data")
        def _():
            content, outputs = execute(kc, "const x = jnp.linspace(0, 6.28, 100)\nplt.plot(x, jnp.sin(x), { label: 'sin' })\nplt.title('sine')\nplt.legend();")
            assert content["status"] == "ok", content
            shown = [m for m in outputs if m["msg_type"] == "display_data"]
            assert len(shown) == 1, kinds(outputs)
            data = shown[0]["content"]["data"]
            assert data["text/plain"] == "<Figure size 640x480 with 1 Axes>", data["text/plain"]
            svg = data["image/svg+xml"]
            assert svg.startswith("<svg ") and "<path d=\"M" in svg and ">sine</text>" in svg, svg[:300]
            spec = data["application/vnd.vegalite.v5+json"]
            assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json", spec.get("$schema")
            assert isinstance(spec["layer"], list)
            return f"{len(svg)} bytes of SVG"

        @check("show_in_order")
        def _():
            content, outputs = execute(kc, "console.log('before')\nplt.bar(['a', 'b'], [1, 2])\nplt.show()\nconsole.log('after')")
            assert content["status"] == "ok", content
            seen = [m["content"]["text"].strip() if m["msg_type"] == "stream" else m["msg_type"] for m in outputs if m["msg_type"] in ("stream", "display_data")]
            assert seen == ["before", "display_data", "after"], seen

        @check("error_then_figure")
        def _():
            content, outputs = execute(kc, "plt.plot([1, 2, 3], [4, 5])")
            assert content["status"] == "error" and content["ename"] == "ValueError", content
            assert content["evalue"] == "x and y must have same first dimension, but have shapes (3,) and (2,)", content["evalue"]
            assert "display_data" in kinds(outputs), kinds(outputs)

        @check("display_hook")
        def _():
            content, outputs = execute(kc, "({ [Symbol.for('Jupyter.display')]() { return { 'text/markdown': '**bold**' } } })")
            results_ = [m for m in outputs if m["msg_type"] == "execute_result"]
            assert results_ and results_[0]["content"]["data"]["text/markdown"] == "**bold**", outputs

        @check("tensor_html")
        def _():
            content, outputs = execute(kc, "torch.tensor([1.0, 2.0], { requires_grad: true })")
            data = [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]
            assert data["text/plain"] == "tensor([1., 2.], requires_grad=True)", data["text/plain"]
            assert "requires_grad=True" in data["text/html"] and "torch" in data["text/html"], data["text/html"]


if __name__ == "__main__":
    main(sys.argv[1])
    print(json.dumps(results))
