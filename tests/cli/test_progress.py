"""The progress line names what became of the last task: solved or failed, never `ok` for a wrong answer."""

import io

from arcsynth.cli.progress import ProgressBar, task_verdict
from arcsynth.evaluate import Progress


def _lines(updates, outputs_known=True):
    stream = io.StringIO()
    bar = ProgressBar(len(updates), stream, outputs_known=outputs_known)
    for update in updates:
        bar.update(update)
    return stream.getvalue().splitlines()


def test_a_wrong_answer_is_reported_as_failed_not_ok():
    # t1 solved, t2 a wrong answer (status ok, score 0), t3 half solved, t4 timed out, then 6 solved
    scores = [1.0, 0.0, 0.5, 0.0] + [1.0] * 6
    statuses = ["ok", "ok", "ok", "timeout"] + ["ok"] * 6
    bar_stream = io.StringIO()
    bar = ProgressBar(10, bar_stream)
    seen = []
    total = 0.0
    for done, (score, status) in enumerate(zip(scores, statuses), start=1):
        total += score
        bar.interactive = True  # one redraw per task, so every verdict can be read
        bar.update(Progress(done, 10, total / done, 0.1 * done, 0.0001 * done, f"t{done}", status))
        seen.append(bar_stream.getvalue().rsplit("\r\x1b[2K", 1)[-1])
    assert seen[0].endswith("t1 solved")
    assert seen[1].endswith("t2 failed")
    assert seen[2].endswith("t3 partly solved")
    assert seen[3].endswith("t4 timeout")
    assert seen[9].endswith("t10 solved")
    assert not any(line.endswith(" ok") for line in seen)
    assert "e-0" not in bar_stream.getvalue()


def test_verdicts():
    assert task_verdict("ok", 1.0, True) == "solved"
    assert task_verdict("ok", 0.0, True) == "failed"
    assert task_verdict("ok", 0.0, False) == "finished"   # expected outputs unknown
    assert task_verdict("ok", None, True) == "finished"   # the first task after a resume
    assert task_verdict("memory", 0.0, True) == "memory"


def test_after_a_resume_the_first_task_is_not_guessed():
    line = _lines([Progress(10, 10, 0.4, 1.0, 0.001, "t5", "ok")])
    assert line[-1].endswith("t5 finished")


def test_the_running_score_counts_only_tasks_with_known_outputs_as_the_summary_does():
    unknown = _lines([Progress(4, 4, 0.0, 1.0, 0.001, "t4", "ok", scored=0)], outputs_known=False)
    assert " score   n/a   cpu" in unknown[-1]
    mixed = _lines([Progress(4, 4, 0.25, 1.0, 0.001, "t4", "ok", scored=2)], outputs_known=False)
    assert " score  50.0%  cpu" in mixed[-1]  # 1 solved of the 2 that can be scored
