"""Process helpers shared by the tests that start and kill real processes."""

__all__ = ["alive", "leave_free_heap"]


def alive(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


def leave_free_heap(megabytes: int = 24) -> None:
    """Leave `megabytes` of free heap in this process, as a parent with a history has (glibc): a
    freed large block raises malloc's mmap threshold, so the next one comes from the heap and stays
    there, free, after it is released; a forked worker can malloc it without mapping anything."""
    block = bytearray((megabytes + 4) * 2**20)
    del block
    block = bytearray(megabytes * 2**20)
    del block
