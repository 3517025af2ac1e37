"""The web chat: the page (:mod:`.ui`), its handlers (:mod:`.handlers`), the HTML views
(:mod:`.rendering`) and the example questions (:mod:`.examples`)."""

from .handlers import WebHandlers
from .ui import create_ui, launch_options

__all__ = ["WebHandlers", "create_ui", "launch_options"]
