"""Drives the installed Jacobi kernelspec with jupyter_client's KernelManager, as Jupyter does.

Usage: jupyter_client_check.py KERNEL_NAME
Prints one JSON object: check name -> {"ok": bool, "detail": str}. The mocha spec asserts each one.
"""
import json
import sys
import time


from kernel_checks import check, execute, results, running_kernel, stdout, wait_for_input




def main(kernel_name):
    with running_kernel(kernel_name, 60) as (km, kc):

        @check("kernel_info")
        def _():
            kc.kernel_info()
            info = kc.get_shell_msg(timeout=10)["content"]
            assert info["language_info"]["name"] == "typescript", info
            assert info["implementation"] == "jacobi", info
            assert km.kernel_spec.language == "typescript"
            return info["language_info"]["version"]

        @check("execute_result")
        def _():
            content, outputs = execute(kc, "1 + 1")
            assert content["status"] == "ok", content
            results_ = [m for m in outputs if m["msg_type"] == "execute_result"]
            assert results_[0]["content"]["data"]["text/plain"] == "2", outputs
            assert any(m["msg_type"] == "execute_input" for m in outputs)

        @check("stream_and_state")
        def _():
            execute(kc, "const greeting = 'hello from jacobi';")
            content, outputs = execute(kc, "console.log(greeting)")
            assert stdout(outputs) == "hello from jacobi\n", outputs

        @check("error")
        def _():
            content, outputs = execute(kc, "null.x")
            assert content["status"] == "error" and content["ename"] == "TypeError", content
            assert any(m["msg_type"] == "error" for m in outputs)

        @check("traceback")
        def _():
            execute(kc, "function boom(x) {\n  throw new Error('boom')\n}")
            content, outputs = execute(kc, "const before = 1\njax.grad(boom)(1.0)")
            assert content["status"] == "error" and content["ename"] == "Error", content
            # The evalue is plain; the traceback is IPython 8's, coloured, with every user frame.
            assert content["evalue"] == "boom", content
            tb = content["traceback"]
            assert tb[0] == "\x1b[1;31m" + "-" * 75 + "\x1b[0m", tb
            assert tb[1].startswith("\x1b[1;31mError\x1b[0m ") and tb[1].endswith("Traceback (most recent call last)"), tb
            calling = [f for f in tb if "jax.grad(boom)(1.0)" in f]
            assert calling and calling[0].startswith("Cell \x1b[1;32mIn["), tb
            assert "\x1b[1;32m----> 2\x1b[0m jax.grad(boom)(1.0)\n" in calling[0], calling
            inner = [f for f in tb if ", in \x1b[0;36mboom\x1b[0m" in f]
            assert inner and "----> 2\x1b[0m   throw new Error('boom')" in inner[0], tb
            assert tb[-1] == "\x1b[1;31mError\x1b[0m: boom", tb
            assert not any("dist/" in f or "node:" in f for f in tb), tb
            error = [m for m in outputs if m["msg_type"] == "error"][0]["content"]
            assert error["traceback"] == tb, error

        @check("execute_interactive")
        def _():
            seen = []
            reply = kc.execute_interactive("console.log(6 * 7)", timeout=30, output_hook=seen.append)
            assert reply["content"]["status"] == "ok"
            assert stdout(seen) == "42\n", seen

        @check("complete")
        def _():
            msg_id = kc.complete("greet", 5)
            reply = kc.get_shell_msg(timeout=10)
            assert reply["parent_header"]["msg_id"] == msg_id
            assert "greeting" in reply["content"]["matches"], reply["content"]
            assert reply["content"]["cursor_start"] == 0 and reply["content"]["cursor_end"] == 5

            # After a call: the members of the library's tensor, not global names (repr, require, return).
            kc.complete("tf.constant([1]).nu", 19)
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert reply["status"] == "ok" and reply["cursor_start"] == 17 and reply["cursor_end"] == 19, reply
            assert reply["matches"] == ["numpy"], reply
            types = reply["metadata"]["_jupyter_types_experimental"]
            assert [t["text"] for t in types] == reply["matches"], types
            kc.complete("torch.sin(torch.ones(2)).su", 27)
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert "sum" in reply["matches"], reply

        @check("inspect")
        def _():
            kc.inspect("greeting", 3, 0)
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert reply["found"], reply
            # Shift-Tab inside a call: the op table's documentation of the callee.
            kc.inspect("jnp.sum(", 8, 0)
            reply = kc.get_shell_msg(timeout=10)["content"]
            text = reply["data"]["text/plain"]
            assert text.startswith("Signature: jnp.sum(a, axis=None"), text
            assert "Facades:   np.sum, jnp.sum, torch.sum, tf.reduce_sum" in text, text
            assert "    >>> jnp.sum(jnp.array([0.5, 1.5, 2.5]))\n    Array(4.5, dtype=float32)" in text, text

        @check("is_complete")
        def _():
            kc.is_complete("for (let i = 0; i < 3; i++) {")
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert reply["status"] == "incomplete", reply
            kc.is_complete("jax.grad?")
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert reply["status"] == "complete", reply

        @check("history")
        def _():
            kc.history(hist_access_type="tail", n=3, output=False, raw=True)
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert len(reply["history"]) == 3, reply
            assert any("console.log(6 * 7)" in h[2] for h in reply["history"]), reply

        @check("comm_info")
        def _():
            kc.comm_info()
            reply = kc.get_shell_msg(timeout=10)["content"]
            assert reply == {"status": "ok", "comms": {}}, reply

        @check("interrupt")
        def _():
            execute(kc, "var survivor = 'still here';")
            msg_id = kc.execute("while (true) {}")
            wait_for_input(kc, msg_id)
            time.sleep(0.2)
            t = time.monotonic()
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=10)
            latency = time.monotonic() - t
            assert reply["content"]["status"] == "error", reply["content"]
            assert latency < 1.0, latency
            # As IPython's KeyboardInterrupt: where the cell was stopped.
            tb = reply["content"]["traceback"]
            assert reply["content"]["ename"] == "KeyboardInterrupt", reply["content"]
            assert any(f.startswith("Cell \x1b[1;32mIn[") and "----> 1\x1b[0m while (true) {}" in f for f in tb), tb
            _, outputs = execute(kc, "console.log(survivor)")
            assert stdout(outputs) == "still here\n", outputs
            return f"{km.kernel_spec.interrupt_mode} mode, {latency * 1000:.1f} ms"

        @check("restart")
        def _():
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            _, outputs = execute(kc, "console.log(typeof survivor)")
            assert stdout(outputs) == "undefined\n", outputs
            assert km.is_alive()

        @check("shutdown")
        def _():
            km.shutdown_kernel(now=False)
            assert not km.is_alive()

    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
