"""An optional tqdm progress bar (tqdm is an optional dependency)."""

from __future__ import annotations


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, enabled: bool, desc: str):
    """A tqdm bar, or a do-nothing stand-in when disabled or tqdm is not installed.

    Jupyter's widget bar needs ipywidgets; without it the plain text bar is used (tqdm.auto
    would warn instead).
    """
    if not enabled:
        return _NoBar()
    try:
        from tqdm.std import tqdm
    except ImportError:
        return _NoBar()
    try:
        import ipywidgets  # noqa: F401
        from tqdm.auto import tqdm
    except ImportError:
        pass
    return tqdm(total=total, desc=desc, unit="eval", leave=False)
