"""`python -m newsevents.migrations ARGS` is Alembic's command line on these migrations, e.g.
`history`, `-x db=news.db current`, `revision -m "add a column"` (no alembic.ini needed)."""

from __future__ import annotations

import sys

from alembic.config import CommandLine

from newsevents.migrations import alembic_config


def main(argv: list[str] | None = None) -> None:
    cli = CommandLine(prog="python -m newsevents.migrations")
    options = cli.parser.parse_args(argv if argv is not None else sys.argv[1:])
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    config = alembic_config()
    config.cmd_opts = options
    cli.run_cmd(config, options)


if __name__ == "__main__":
    main()
