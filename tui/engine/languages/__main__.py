"""`python -m tui.engine.languages`: validate every pack and write the compiled copy (compiled.json)."""

from . import write_compiled

if __name__ == "__main__":
    print(write_compiled())
