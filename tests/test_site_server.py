"""postbuild/serve.py, the server of the browser tests and the bench: a reader who leaves in the middle
of a reply leaves no traceback in the test output; any other fault still prints one."""
from __future__ import annotations

import pytest

from postbuild.serve import SiteServer


@pytest.mark.parametrize("fault, printed", [(BrokenPipeError(32, "Broken pipe"), False),
                                            (ConnectionResetError(104, "Connection reset by peer"), False),
                                            (ValueError("a fault of the server"), True)])
def test_a_browser_that_goes_away_is_not_a_fault_of_the_site(tmp_path, capsys, fault, printed):
    with SiteServer(tmp_path) as server:
        try:
            raise fault
        except Exception:
            server._server.handle_error(None, ("127.0.0.1", 0))
    assert ("Traceback" in capsys.readouterr().err) is printed
