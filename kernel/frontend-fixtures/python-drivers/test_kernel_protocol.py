"""The standard Jupyter kernel test suite (jupyter_kernel_test) against an installed kernelspec.

The kernel is named by D2L_KERNEL_NAME (default "java"); Maven's KernelProtocolIT installs the
built kernelspecs into a temporary Jupyter path and runs this with Debian's /usr/bin/python3.
"""
import os
import unittest

import jupyter_kernel_test
from jupyter_kernel_test import TIMEOUT
from jupyter_kernel_test.msgspec_v5 import validate_message

# A 2x2 image built in the cell; the kernel's display renders java.awt images as PNG.
_IMAGE_CELL = (
    "var img = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_ARGB);\n"
    "img.setRGB(0, 0, 0xFFFF0000);\n"
    "display(img);"
)

# Any object may choose its own output through a public mimeBundle() method.
_HTML_RESULT_CELL = (
    "record Bold(String text) {\n"
    "  public java.util.Map<String, String> mimeBundle() {\n"
    "    return java.util.Map.of(\"text/html\", \"<b>\" + text + \"</b>\", \"text/plain\", text);\n"
    "  }\n"
    "}\n"
    "new Bold(\"bold\")"
)

# A comm target the front end may open comms to: it answers the open and each message (with its
# buffers) on the comm. jupyter_kernel_test has no comm checks, so test_java_comms does them.
_ECHO_TARGET_CELL = (
    "import d2l.kernel.comm.*;\n"
    "import com.google.gson.*;\n"
    'Comms.current().registerTarget("echo.py", (comm, opened) -> {\n'
    "  comm.send(opened.data());\n"
    "  comm.onMessage(m -> {\n"
    "    var answer = new JsonObject();\n"
    '    answer.add("echo", m.data());\n'
    "    comm.send(new CommMessage(answer, null, m.buffers()));\n"
    "  });\n"
    "});"
)

# A comm the kernel opens, with a binary buffer, then closes.
_KERNEL_COMM_CELL = (
    "var opened = new com.google.gson.JsonObject();\n"
    'opened.addProperty("x", 1);\n'
    'var kernelComm = d2l.kernel.comm.Comms.current().open("py.kernel.target",\n'
    "    new d2l.kernel.comm.CommMessage(opened, null, List.of(new byte[] {7, 8})));\n"
    "kernelComm.close();"
)


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("D2L_KERNEL_NAME", "java")

    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Integer.parseI", "matches": {"parseInt("}},
        {"text": "String.valueO", "matches": {"valueOf("}},
    ]

    complete_code_samples = [
        "int x = 1;",
        'System.out.println("done");',
        "class Point { int x; }",
        "%classpath",
    ]
    incomplete_code_samples = [
        "int y =",
        "class Open {",
        "for (int i = 0; i < 3; i++) {",
        "System.out.println(",
    ]
    invalid_code_samples = [
        "int x = 1 +;",
        "}",
    ]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Math.abs(-5)", "result": "5"},
        {"code": '"a" + "b"', "result": "ab"},  # strings show as IJava shows them: unquoted
        {"code": _HTML_RESULT_CELL, "mime": "text/html", "result": "<b>bold</b>"},
    ]

    code_display_data = [
        {"code": _IMAGE_CELL, "mime": "image/png"},
        {"code": "%%html\n<p>a <em>paragraph</em></p>", "mime": "text/html"},
        # A string is sent as the MIME type asked for (IJava's display), not only as text/plain.
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("*em*", "text/markdown");', "mime": "text/markdown"},
    ]

    code_inspect_sample = "Math.max"

    # Glob syntax, as IPython defines history search; matches only the Math.abs sample.
    code_history_pattern = "Math.abs*"
    supported_history_operations = ("tail", "range", "search")

    code_clear_output = 'System.out.println("soon gone");\nclearOutput();'

    code_generate_error = 'throw new IllegalStateException("expected failure");'

    def _send_shell(self, msg_type, content, buffers=None):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers)
        return msg["header"]["msg_id"]

    def _iopub_until_idle(self, msg_id):
        """What IOPub publishes for msg_id up to its idle status (comm messages get no reply)."""
        published = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            published.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return published

    def _comm_info(self, target_name=None):
        msg_id = self.kc.comm_info(target_name)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        validate_message(reply, "comm_info_reply", msg_id)
        return reply["content"]["comms"]

    def test_java_comms(self):
        self.flush_channels()
        reply, _ = self.execute_helper(code=_ECHO_TARGET_CELL)
        self.assertEqual(reply["content"]["status"], "ok")

        # A comm to a target nobody registered is closed at once.
        msg_id = self._send_shell(
            "comm_open", {"comm_id": "py-unknown", "target_name": "no.such.target", "data": {}}
        )
        closes = [m for m in self._iopub_until_idle(msg_id) if m["msg_type"] == "comm_close"]
        self.assertEqual([m["content"]["comm_id"] for m in closes], ["py-unknown"])

        # A registered one answers on the comm, and comm_info lists it (filtered by target).
        msg_id = self._send_shell(
            "comm_open", {"comm_id": "py-echo", "target_name": "echo.py", "data": {"hello": 1}}
        )
        answers = [m for m in self._iopub_until_idle(msg_id) if m["msg_type"] == "comm_msg"]
        self.assertEqual([m["content"]["data"] for m in answers], [{"hello": 1}])
        self.assertEqual(self._comm_info("echo.py"), {"py-echo": {"target_name": "echo.py"}})
        self.assertEqual(self._comm_info("no.such.target"), {})
        self.assertIn("py-echo", self._comm_info())

        msg_id = self._send_shell(
            "comm_msg", {"comm_id": "py-echo", "data": {"value": 3}}, buffers=[b"\x01\x02"]
        )
        answers = [m for m in self._iopub_until_idle(msg_id) if m["msg_type"] == "comm_msg"]
        self.assertEqual(len(answers), 1)
        self.assertEqual(answers[0]["content"]["data"], {"echo": {"value": 3}})
        self.assertEqual([bytes(b) for b in answers[0]["buffers"]], [b"\x01\x02"])

        msg_id = self._send_shell("comm_close", {"comm_id": "py-echo", "data": {}})
        self._iopub_until_idle(msg_id)
        self.assertEqual(self._comm_info("echo.py"), {})

        # A comm the kernel opens from a cell, with a buffer.
        msg_id = self.kc.execute(_KERNEL_COMM_CELL)
        published = self._iopub_until_idle(msg_id)
        self.assertEqual(self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["status"], "ok")
        opens = [m for m in published if m["msg_type"] == "comm_open"]
        self.assertEqual(len(opens), 1)
        self.assertEqual(opens[0]["content"]["target_name"], "py.kernel.target")
        self.assertEqual(opens[0]["content"]["data"], {"x": 1})
        self.assertEqual([bytes(b) for b in opens[0]["buffers"]], [b"\x07\x08"])
        closes = [m for m in published if m["msg_type"] == "comm_close"]
        self.assertEqual([m["content"]["comm_id"] for m in closes], [opens[0]["content"]["comm_id"]])


if __name__ == "__main__":
    unittest.main()
