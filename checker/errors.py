"""Errors the workbench reports to people, each naming the file and the reason."""


class CheckerError(Exception):
    """Base class: an error with a message fit to show a journalist."""


class InputError(CheckerError):
    """An input file that cannot be ingested. name (str): the file. reason (str): why."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")
