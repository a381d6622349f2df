"""The Python examples of the READMEs run as written."""

import re

import pytest

from conftest import REPO

BLOCK = re.compile(r"```python\n(.*?)```", re.S)


@pytest.mark.parametrize("readme", ["README.md", "python/README.md"])
def test_readme_python_examples_run(readme, capsys):
    blocks = BLOCK.findall((REPO / readme).read_text(encoding="utf-8"))
    assert blocks
    for block in blocks:
        exec(compile(block, readme, "exec"), {})
