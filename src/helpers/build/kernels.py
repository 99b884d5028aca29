"""Kernels started ahead of their notebooks, with the notebooks' libraries already imported.

A papermill run spends most of a small notebook's time starting a kernel and importing pandas,
matplotlib, nltk or scikit-learn in it. The build starts the kernel of a notebook that will run
next while the current one runs, and hands it to papermill (``execute_notebook(..., km=...)``,
passed through to nbclient, which then uses it instead of starting its own).

The kernel is an ordinary kernel of the notebook's kernelspec, started in ``notebooks/``. Before it
answers its first request it imports the modules that the notebook's own ``import`` statements
name (IPython's ``exec_lines``, run silently: no execution count, no output, no name left in the
namespace), so the notebook runs exactly as in a fresh kernel, minus the wait. Every kernel is
shut down after its one notebook.

The notebooks choose no plotting backend: in JupyterLab figures show inline. The kernels the build
starts run headless, with :data:`HEADLESS_ENV` (``MPLBACKEND=Agg``) in their environment; a
report's figures reach its page through :func:`helpers.report.parts.show_figure` either way.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from helpers import paths

__all__ = ["notebook_imports", "WarmKernel", "SESSION_MODULES", "HEADLESS_ENV"]

HEADLESS_ENV = {"MPLBACKEND": "Agg"}
SOCKETS_PREFIX = "news-tone-kernel-"
"""Kernels talk to the build over Unix sockets (IPC transport: nothing listens on the network, and
ipykernel has no cause to warn about unencrypted TCP) in a private folder of the system's temporary
folder, named ``news-tone-kernel-<build pid>-...``: removed at shutdown, or by the next build when
the build that made it was killed (:func:`remove_stale_sockets`)."""
"""Set in the environment of the kernels the build starts: matplotlib renders off screen."""

SESSION_MODULES = frozenset({"matplotlib.pyplot", "pylab"})
"""Modules whose import changes the session (pyplot selects a plotting backend): not pre-imported."""


def notebook_imports(notebook: Path) -> list[str]:
    """The modules a notebook imports at the top level of its code cells, in order, each once.

    ``from package import name`` gives ``package`` and ``package.name``, which is a submodule or
    not (the warm-up skips names that are not modules).

    >>> notebook_imports(paths.NOTEBOOKS / "01_clean.ipynb")[:3]
    ['IPython.display', 'IPython.display.HTML', 'IPython.display.display']
    """
    from IPython.core.inputtransformer2 import TransformerManager

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    transform = TransformerManager().transform_cell
    modules: dict[str, None] = {}
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse(transform("".join(cell["source"])))
        except SyntaxError:
            continue  # the notebook reports its own syntax errors
        for node in tree.body:
            if isinstance(node, ast.Import):
                modules.update((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules[node.module] = None
                modules.update((f"{node.module}.{alias.name}", None) for alias in node.names if alias.name != "*")
    return list(modules)


def _kernel_name(notebook: Path) -> str:
    return json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"]


class _Manager(AsyncKernelManager):
    """nbclient connects a client to a kernel it did not start and leaves it open: keep them to close."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.opened_clients = []

    def client(self, **kwargs):
        client = super().client(**kwargs)
        self.opened_clients.append(client)
        return client


class WarmKernel:
    """A kernel for ``notebook``, started now, importing the notebook's modules before it is used.

    Parameters
    ----------
    notebook : Path
        The notebook that will run in it: its kernelspec and its imports.
    extra_imports : sequence of str
        More modules to import (e.g. those of a second notebook that may run in it instead).
    warm : bool, default=True
        False starts the same kernel without importing anything (for comparisons).

    Use ``km`` as papermill's ``km`` argument, then :meth:`shutdown`. The kernel is launched as
    nbclient launches its own (IPython history in memory, not in the user's profile), in
    ``notebooks/``, with :data:`HEADLESS_ENV`. Modules that change the session when imported are
    left to the notebook: ``matplotlib.pyplot`` picks and activates a plotting backend.
    """

    def __init__(self, notebook: Path, extra_imports=(), *, warm: bool = True):
        modules = [m for m in dict.fromkeys([*notebook_imports(notebook), *extra_imports]) if m not in SESSION_MODULES] if warm else []
        arguments = ["--HistoryManager.hist_file=:memory:"]
        if modules:
            # One IPython exec_line, run before the kernel answers: no execution count, no output;
            # a module that fails to import is left for the notebook to report; no name is left.
            arguments.append(
                "--IPKernelApp.exec_lines="
                + "\n".join(
                    [
                        "import importlib as _w",
                        f"for _m in {modules!r}:",
                        "    try:",
                        "        _w.import_module(_m)",
                        "    except Exception:",
                        "        pass",
                        "del _w, _m",
                    ]
                )
            )
        self.notebook, self.modules = notebook, modules
        self.sockets = Path(tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-"))
        self.km = _Manager(kernel_name=_kernel_name(notebook), transport="ipc", ip=str(self.sockets / "k"))
        try:
            run_sync(self.km.start_kernel)(cwd=str(paths.NOTEBOOKS), extra_arguments=arguments, env={**os.environ, **HEADLESS_ENV})
        except BaseException:
            shutil.rmtree(self.sockets, ignore_errors=True)
            raise

    def shutdown(self) -> None:
        """Stop the kernel and close the clients connected to it."""
        while self.km.opened_clients:
            self.km.opened_clients.pop().stop_channels()
        if self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


def remove_stale_sockets() -> None:
    """Remove the socket folders of builds that are no longer running (killed, even with SIGKILL)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SOCKETS_PREFIX}*"):
        pid = folder.name[len(SOCKETS_PREFIX) :].split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
