"""The key footer: the shown bindings of whatever has focus, drawn as one line of text.

Textual's Footer is a row of widgets it recomposes whenever the bindings change, which is on every focus
change: a relayout and a repaint of the whole screen per pane switch (most of the 240-460 ms a pane switch
took). This one redraws one line, and only when what it shows changed. A click on a key presses it."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

_META = "storyview.footer-key"


class KeyFooter(Widget, can_focus=False):
    DEFAULT_CSS = """
    KeyFooter { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyFooter > .keyfooter--key { color: $footer-key-foreground; background: $footer-key-background;
                                  text-style: bold; }
    KeyFooter > .keyfooter--description { color: $footer-description-foreground;
                                          background: $footer-description-background; }
    KeyFooter > .keyfooter--disabled { text-style: dim; }
    """
    COMPONENT_CLASSES = {"keyfooter--key", "keyfooter--description", "keyfooter--disabled"}
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # (key, display, description, enabled) per key shown, and the command palette's: what is drawn
        self._keys: tuple[tuple[str, str, str, bool], ...] = ()
        self._palette: tuple[str, str, str, bool] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        active = screen.active_bindings
        keys: list[tuple[str, str, str, bool]] = []
        actions: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in active.items():
            if not binding.show or binding.action in actions or key == palette_key:
                continue
            actions.add(binding.action)  # one key per action, as Textual's footer shows
            keys.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and palette_key in active:
            _node, binding, enabled, _tooltip = active[palette_key]
            palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        if (tuple(keys), palette) != (self._keys, self._palette):
            self._keys, self._palette = tuple(keys), palette
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def _item(self, key: tuple[str, str, str, bool]) -> Text:
        get = self.get_component_rich_style
        name, display, description, enabled = key
        meta = Style.from_meta({_META: name})
        item = Text(no_wrap=True, end="")
        item.append(display, get("keyfooter--key") + meta)
        item.append(f" {description}", get("keyfooter--description") + meta)
        if not enabled:
            item.stylize(get("keyfooter--disabled", partial=True))
        return item

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop", end="")
        for key in self._keys:
            line.append_text(self._item(key))
            line.append(" ")
        if self._palette is not None:
            palette = self._item(self._palette)
            room = self.size.width - line.cell_len - palette.cell_len - 2
            if room >= 0:
                line.append(" " * room)
                line.append("▏", self.get_component_rich_style("keyfooter--description"))
                line.append_text(palette)
        return line

    def on_click(self, event: events.Click) -> None:
        key = event.style.meta.get(_META)
        if key:
            event.stop()
            self.app.simulate_key(key)
