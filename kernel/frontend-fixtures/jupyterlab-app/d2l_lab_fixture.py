"""Serves the JupyterLab built from this directory's npm packages with Debian's jupyterlab_server.

Usage: PYTHONPATH=DIR /usr/bin/python3 -m d2l_lab_fixture --port=N --ServerApp.token=T --ServerApp.root_dir=R
where DIR holds this module beside build/ (webpack's output) and templates/. User settings and
workspaces go to a fresh temporary directory, so runs never share state.
"""
import os
import tempfile

from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
STATE = tempfile.mkdtemp(prefix="d2l-lab-state-")


def _jupyter_server_extension_points():
    return [{"module": "d2l_lab_fixture", "app": D2lLab}]


class D2lLab(LabServerApp):
    # jupyter_server finds the extension by importing the module of this name.
    name = "d2l_lab_fixture"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab (d2l test fixture)"
    app_version = "4"
    app_settings_dir = os.path.join(BUILD, "application_settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(STATE, "user_settings")
    workspaces_dir = os.path.join(STATE, "workspaces")


if __name__ == "__main__":
    import d2l_lab_fixture  # the one class jupyter_server will look up by name

    d2l_lab_fixture.D2lLab.launch_instance()
