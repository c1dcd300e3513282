"""The standard Jupyter kernel test suite (jupyter_kernel_test) against an installed kernelspec.

The kernel is named by D2L_KERNEL_NAME (default "java"); Maven's KernelProtocolIT installs the
built kernelspecs into a temporary Jupyter path and runs this with Debian's /usr/bin/python3.
"""
import os
import unittest

import jupyter_kernel_test

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


if __name__ == "__main__":
    unittest.main()
